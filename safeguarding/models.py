"""Safeguarding cases: what happened after words suggested someone may be in crisis.

A case opens when the safety check finds crisis words in anything a member sends. Only an
explicit "Followed up" action, with a note, closes it: what a moderator does to the post (edit,
approve, merge, take down) is added to its history and never closes it. The words are kept here,
the safeguarding copy, until the case is anonymised after the configured time.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, validate_email
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from portal.shared_reads import SharedSiteSetting

DEFAULT_ESCALATE_AFTER_HOURS = 24
DEFAULT_KEEP_CLOSED_CASES_DAYS = 3 * 365


class SourceKind(models.TextChoices):
    PRIORITY = "priority", _("A priority")
    PRIORITY_EDIT = "priority_edit", _("A changed priority")
    JOIN_REQUEST = "join_request", _("A request to join a group")
    REPORT = "report", _("A report about a post")
    SESSION_NOTE = "session_note", _("A note when signing up for a session")
    ACCOUNT_DELETION = "account_deletion", _("A reason for deleting an account")

    @classmethod
    def for_priorities(cls):
        """Both kinds of case whose source id is a priority's."""
        return (cls.PRIORITY, cls.PRIORITY_EDIT)


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    FOLLOWED_UP = "followed_up", _("Followed up")


class ActionKind(models.TextChoices):
    OPENED = "opened", _("Opened by the safety check")
    LEAD_TOLD = "lead_told", _("Safeguarding lead emailed")
    ESCALATED = "escalated", _("Still open: safeguarding lead emailed again")
    POST_EDITED = "post_edited", _("Post edited by a moderator")
    POST_APPROVED = "post_approved", _("Post published")
    POST_RETURNED = "post_returned", _("Post sent back to the member")
    POST_MERGED = "post_merged", _("Post joined with another")
    POST_TAKEN_DOWN = "post_taken_down", _("Post taken down")
    POST_REMOVED_BY_MEMBER_LEAVING = "post_removed", _("Post taken off the website as the member left")
    MEMBER_LEFT = "member_left", _("The member deleted their account")
    NOTE = "note", _("Note")
    FOLLOWED_UP = "followed_up", _("Followed up")
    ANONYMISED = "anonymised", _("Anonymised after the retention time")


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=CaseStatus.OPEN)

    def for_source(self, kinds, source_id):
        return self.filter(source_kind__in=kinds, source_id=source_id)


class Case(models.Model):
    source_kind = models.CharField(max_length=20, choices=SourceKind.choices)
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    words = models.TextField(blank=True, help_text=_("What the member wrote: the safeguarding copy."))
    opened_at = models.DateTimeField()
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="safeguarding_cases",
    )
    display_name = models.CharField(max_length=80, blank=True, help_text=_("The name shown when it opened."))
    status = models.CharField(max_length=12, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    last_escalated_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at", "-pk"]
        indexes = [
            models.Index(fields=["source_kind", "source_id"]),
            models.Index(fields=["status", "opened_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="case_closed_only_when_followed_up",
                condition=(models.Q(status=CaseStatus.OPEN, closed_at__isnull=True))
                | (models.Q(status=CaseStatus.FOLLOWED_UP, closed_at__isnull=False)),
            )
        ]

    def __str__(self):
        return f"Case {self.pk}"

    @property
    def is_open(self):
        return self.status == CaseStatus.OPEN


class CaseAction(models.Model):
    """One line of a case's history: who, when, what, and their note."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="actions")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()
    kind = models.CharField(max_length=20, choices=ActionKind.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return self.get_kind_display()


@register_setting(icon="warning")
class SafeguardingSettings(SharedSiteSetting, BaseSiteSetting):
    """Who is told when a case opens, where the local procedure is, and how long cases wait."""

    leads = models.TextField(
        blank=True,
        help_text=_(
            "Email addresses of the safeguarding lead or leads, one on each line. They are emailed "
            "when a case opens and when one is still open after the time below."
        ),
    )
    procedure_url = models.URLField(
        blank=True, help_text=_("A link to the local safeguarding procedure, shown on every case.")
    )
    escalate_after_hours = models.PositiveSmallIntegerField(
        default=DEFAULT_ESCALATE_AFTER_HOURS,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 14)],
        help_text=_(
            "Email the leads again when a case is still open after this many hours, and again after each such time."
        ),
    )
    keep_closed_cases_days = models.PositiveIntegerField(
        default=DEFAULT_KEEP_CLOSED_CASES_DAYS,
        validators=[MinValueValidator(30)],
        help_text=_(
            "After a case is followed up, how many days before the member's details and words are removed from it."
        ),
    )

    panels = [
        FieldPanel("leads"),
        FieldPanel("procedure_url"),
        FieldPanel("escalate_after_hours"),
        FieldPanel("keep_closed_cases_days"),
    ]

    class Meta:
        verbose_name = _("safeguarding settings")

    @classmethod
    def current(cls):
        """The default site's settings (emails and scheduled commands have no request)."""
        site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
        return cls.for_site(site) if site else cls()

    def clean(self):
        super().clean()
        for address in self.lead_emails:
            try:
                validate_email(address)
            except ValidationError:
                raise ValidationError(
                    {
                        "leads": _("“%(address)s” is not an email address. Put one address on each line.")
                        % {"address": address}
                    }
                ) from None

    @property
    def lead_emails(self):
        return [line.strip() for line in self.leads.splitlines() if line.strip()]
