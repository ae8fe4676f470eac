"""Who runs a group: facilitators, known by their display name, and the staff who support a
volunteer facilitator for a while."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from .groups import GroupPage


class GroupFacilitator(Orderable):
    """Someone who runs a group, known here only by their display name.

    A volunteer facilitator may be supported for a while by a member of staff: until the support
    ends (that day included) the staff member sees the group's sessions and attendance on "Your
    groups" and gets a copy of the group's join-request emails and of safeguarding alerts raised
    from its join requests. After that day, nothing.
    """

    group = ParentalKey(GroupPage, on_delete=models.CASCADE, related_name="facilitators")
    profile = models.ForeignKey(
        "accounts.MemberProfile",
        on_delete=models.CASCADE,
        related_name="facilitated_groups",
        verbose_name=_("facilitator"),
        help_text=_("Only their display name is shown."),
    )
    supported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supported_facilitators",
        limit_choices_to={"is_staff": True, "is_active": True},
        verbose_name=_("supported by"),
        help_text=_(
            "A member of staff who backs up this volunteer for a while. They see the group's "
            "sessions and get a copy of its emails until the support ends."
        ),
    )
    support_ends_on = models.DateField(
        _("support ends on"),
        null=True,
        blank=True,
        help_text=_("The last day of the support. After it, the member of staff gets nothing more."),
    )

    panels = [
        FieldPanel("profile"),
        FieldRowPanel([FieldPanel("supported_by"), FieldPanel("support_ends_on")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("facilitator")
        constraints = [
            models.UniqueConstraint(fields=["group", "profile"], name="one_facilitator_row_per_person"),
            models.CheckConstraint(
                condition=Q(supported_by__isnull=True) | Q(support_ends_on__isnull=False),
                name="facilitator_support_has_an_end",
            ),
        ]

    def clean(self):
        super().clean()
        errors = {}
        supporter = self.supported_by
        if supporter is not None and not (supporter.is_staff and supporter.is_active):
            errors["supported_by"] = _("Choose a member of staff. Only staff can support a facilitator.")
        if supporter is not None and self.support_ends_on is None:
            errors["support_ends_on"] = _("Write the last day of the support, for example 31 3 2027.")
        if supporter is None and self.support_ends_on is not None:
            errors["supported_by"] = _("Choose who supports this facilitator, or leave the end date empty.")
        if self.support_ends_on and self._end_moved_into_the_past():
            errors["support_ends_on"] = _(
                "The last day of the support cannot be in the past. Try today or later."
            )
        if errors:
            raise ValidationError(errors)

    def _end_moved_into_the_past(self):
        """A past end date may stay as it was saved (the support is over); it cannot be set now."""
        if self.support_ends_on >= timezone.localdate():
            return False
        saved = GroupFacilitator.objects.filter(pk=self.pk).values_list("support_ends_on", flat=True).first()
        return self.pk is None or saved != self.support_ends_on

    def supported_on(self, day):
        return (
            self.supported_by_id is not None
            and self.support_ends_on is not None
            and day <= self.support_ends_on
        )
