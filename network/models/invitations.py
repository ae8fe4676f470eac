"""Ways in for people who are not members yet: partner teams who refer someone to a group, the
referrals they make, and invitations (a single-use link sent to an email address)."""

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel

from ..referral_links import referral_link as link_for_team
from .choices import ReferralStatus
from .groups import GroupPage

REFERRAL_NAME_MAX_LENGTH = 60
REFERRAL_REASON_MAX_LENGTH = 300
PHONE_MAX_LENGTH = 30


class PartnerTeamForm(WagtailAdminModelForm):
    renew_link = forms.BooleanField(
        label=_("Make a new referral link"),
        required=False,
        help_text=_(
            "Tick if the link may have reached someone it should not. The old link stops working at "
            "once: send the new one to the team."
        ),
    )

    def save(self, commit=True):
        if self.cleaned_data.get("renew_link") and self.instance.pk:
            self.instance.link_version += 1
        return super().save(commit=commit)


class PartnerTeam(models.Model):
    """A team from another service (a recovery team, a GP practice) whose staff refer people to
    groups through the team's own secret link. Making a new link stops the old one working."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    contact_email = models.EmailField(
        _("contact email"),
        help_text=_("Where a note goes when a facilitator says no to a referral. A team inbox is best."),
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Untick to stop the team's referral link working.")
    )
    link_version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    base_form_class = PartnerTeamForm
    panels = [FieldPanel("name"), FieldPanel("contact_email"), FieldPanel("active"), FieldPanel("renew_link")]

    class Meta:
        verbose_name = _("partner team")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def referral_link(self):
        return link_for_team(self)

    referral_link.short_description = _("referral link")


class Referral(models.Model):
    """A partner (or staff, or a facilitator) suggests a group for a person. It never makes an
    account: the person is only a name to call them by and a way to reach them, until they accept
    an invitation. Contact details are removed a while after the answer (network/retention.py)."""

    Status = ReferralStatus

    group = models.ForeignKey(GroupPage, on_delete=models.CASCADE, related_name="referrals")
    partner_team = models.ForeignKey(
        PartnerTeam, null=True, blank=True, on_delete=models.SET_NULL, related_name="referrals"
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    chosen_name = models.CharField(max_length=REFERRAL_NAME_MAX_LENGTH, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=PHONE_MAX_LENGTH, blank=True)
    reason = models.TextField(max_length=REFERRAL_REASON_MAX_LENGTH, blank=True)
    consent = models.BooleanField()
    status = models.CharField(max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.WAITING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    details_removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("referral")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(consent=True), name="referral_has_consent"),
            models.CheckConstraint(
                condition=Q(status__in=ReferralStatus.values), name="referral_status_known"
            ),
            models.CheckConstraint(
                condition=Q(status=ReferralStatus.WAITING, decided_at__isnull=True)
                | ~Q(status=ReferralStatus.WAITING) & Q(decided_at__isnull=False),
                name="referral_decided_when_answered",
            ),
            models.CheckConstraint(
                condition=Q(details_removed_at__isnull=False) | ~Q(email="", phone=""),
                name="referral_has_a_way_to_reach",
            ),
        ]

    def __str__(self):
        return f"{self.group.title} ({self.get_status_display()})"

    @property
    def is_waiting(self):
        return self.status == ReferralStatus.WAITING

    @property
    def is_accepted(self):
        return self.status == ReferralStatus.ACCEPTED

    @property
    def referrer_name(self):
        if self.partner_team_id:
            return self.partner_team.name
        return _("Staff at the network")

    @property
    def invitation(self):
        """The latest invitation it led to, if any."""
        return self.invitations.order_by("-created_at").first()


class InvitationQuerySet(models.QuerySet):
    def usable(self, now=None):
        now = now or timezone.now()
        return self.filter(used_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=now)


class Invitation(models.Model):
    """A single-use link to join the network (and a group, when it names one). Only a hash of the
    token is kept, so the database alone cannot be used to join."""

    email = models.EmailField()
    group = models.ForeignKey(
        GroupPage, null=True, blank=True, on_delete=models.CASCADE, related_name="invitations"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    referral = models.ForeignKey(
        Referral, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitations"
    )
    used_at = models.DateTimeField(null=True, blank=True)
    # Deleting the account that used it removes the invitation too: it holds their email address.
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations_used",
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # When the person last asked for a new link from the "stopped working" page.
    new_link_asked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(used_at__isnull=True, used_by__isnull=True)
                | Q(used_at__isnull=False, used_by__isnull=False),
                name="invitation_used_at_and_by_together",
            ),
        ]

    def __str__(self):
        return f"{self.group.title if self.group_id else _('The network')} ({self.state})"

    def is_usable(self, now=None):
        return self.state_at(now) == "usable"

    def state_at(self, now=None):
        now = now or timezone.now()
        if self.used_at:
            return "used"
        if self.withdrawn_at:
            return "withdrawn"
        if self.expires_at <= now:
            return "expired"
        return "usable"

    @property
    def state(self):
        return self.state_at()
