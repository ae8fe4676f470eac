"""Which emails a member wants, and the record of reminders sent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .consultation import Consultation


class NotificationPreferences(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consultation_notifications"
    )
    post_updates = models.BooleanField(_("When a facilitator has looked at something I posted"), default=True)
    closing_soon = models.BooleanField(
        _("When a consultation I can take part in is closing soon"), default=True
    )
    board_responses = models.BooleanField(
        _("When the partnership board responds to something I posted or voted for"), default=True
    )

    class Meta:
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return f"Email choices {self.pk}"


class ClosingReminder(models.Model):
    """A row per member reminded, so the reminder command never sends twice."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["consultation", "user"], name="one_closing_reminder_per_member")
        ]

    def __str__(self):
        return f"Reminder {self.pk} for consultation {self.consultation_id}"
