"""What facilitators and staff do to priorities, and the record of it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from .choices import ModerationAction
from .constants import REASON_MAX_LENGTH, TITLE_MAX_LENGTH
from .participation import Priority


class PriorityRevision(models.Model):
    """The words as they were before a moderator edited out personal details. Kept for
    safeguarding: only staff see it, in the admin."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="revisions")
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    explanation = models.TextField()
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    edited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-edited_at"]

    def __str__(self):
        return f"Words before an edit: {self.title}"


class ReturnReason(models.Model):
    """A kind, ready-written reason for sending a priority back. Managed by staff in the admin."""

    title = models.CharField(_("short name"), max_length=80)
    message = models.TextField(_("message to the member"), max_length=REASON_MAX_LENGTH)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [FieldPanel("title"), FieldPanel("message"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = _("reason for sending back")
        verbose_name_plural = _("reasons for sending back")
        ordering = ["sort_order", "title"]

    def __str__(self):
        return self.title


class ModerationLog(models.Model):
    Action = ModerationAction

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="moderation_log")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=20, choices=ModerationAction.choices)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()}: {self.priority}"
