"""Views for referrals: the partner team's form (through its secret link, no sign-in), the same
form for staff and facilitators signed in, and a facilitator's answer. Thin: the writes are in
referrals.py, the permissions in rules.py."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from portal.actions import ActionView
from portal.errors import ServiceError

from . import referrals
from .invitation_forms import InvitationForm, ReferralDeclineForm, ReferralForm
from .models import PartnerTeam, Referral
from .referral_links import read_referral_token
from .rules import facilitated_group_ids

SENT = (
    "Thank you. We have passed the referral to the group's facilitators. If they can offer a place, "
    "they will send the person an invitation by email or phone them."
)


def _team_for_link(token):
    """(team, None) for a link that works; (None, (why not, status)) for one that does not."""
    found = read_referral_token(token)
    team = PartnerTeam.objects.filter(pk=found[0]).first() if found else None
    if team is None:
        return None, ("unknown", 404)
    if found[1] != team.link_version:
        return None, ("replaced", 410)
    if not team.active:
        return None, ("paused", 410)
    return team, None


def _perform_referral(form, **who):
    data = form.cleaned_data
    return referrals.referral_create(
        group=data["group"],
        chosen_name=data["chosen_name"],
        email=data["email"],
        phone=data["phone"],
        reason=data["reason"],
        consent=data["consent"],
        **who,
    )


@require_http_methods(["GET", "POST"])
def referral_by_link(request, token):
    team, refusal = _team_for_link(token)
    if refusal:
        return render(
            request, "network/referral_link_stopped.html", {"reason": refusal[0]}, status=refusal[1]
        )
    groups = referrals.referral_groups()
    form = ReferralForm(request.POST if request.method == "POST" else None, groups=groups)
    if form.is_valid():
        try:
            _perform_referral(form, partner_team=team)
        except ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, SENT)
            return redirect(request.path)
    return render(request, "network/referral_form.html", {"form": form, "team": team, "groups": groups})


class ReferralCreateView(ActionView):
    """Staff (any group) and facilitators (their own groups) refer someone while signed in."""

    permission = "network.refer_people"
    form_class = ReferralForm
    template_name = "network/referral_form.html"
    success_message = SENT

    def groups(self):
        groups = referrals.referral_groups()
        if not self.request.user.is_staff:
            groups = groups.filter(pk__in=facilitated_group_ids(self.request.user))
        return groups

    def get_form_kwargs(self):
        return {"groups": self.groups()}

    def get_context_data(self, **context):
        return {"groups": self.groups(), **context}

    def perform(self, form):
        return _perform_referral(form, referred_by=self.request.user)

    def success_url(self, result):
        return reverse("network:my_groups")


def get_referral(pk):
    return get_object_or_404(Referral.objects.select_related("group", "partner_team"), pk=pk)


class ReferralAction(ActionView):
    permission = "network.decide_referral"
    permission_object = "referral"
    refusals_as_messages = True

    def load(self, pk):
        self.referral = get_referral(pk)

    def success_url(self, result):
        return reverse("network:my_groups")


class ReferralAcceptView(ReferralAction):
    """Saying yes, in one click: an invitation goes at once, or the facilitator phones."""

    http_method_names = ["post"]

    def perform(self, form):
        return referrals.referral_decide(referral=self.referral, decided_by=self.request.user, accept=True)

    def get_success_message(self, referral):
        name = referral.chosen_name
        if referral.email:
            return f"Thank you. {name} will get an invitation by email."
        return (
            f"Thank you. Please phone {name} on {referral.phone}. Once you have their email address, "
            "you can send them an invitation from this page."
        )


class ReferralDeclineView(ReferralAction):
    """The "Say no" page, with an optional note to whoever referred."""

    form_class = ReferralDeclineForm
    template_name = "network/referral_decline.html"

    def get_context_data(self, **context):
        return {"referral": self.referral, "group": self.referral.group, **context}

    def perform(self, form):
        return referrals.referral_decide(
            referral=self.referral, decided_by=self.request.user, accept=False, note=form.cleaned_data["note"]
        )

    def get_success_message(self, referral):
        return "Thank you. The referral is answered."


class ReferralInviteView(ReferralAction):
    """An invitation for someone referred with a phone number only, once there is an email."""

    form_class = InvitationForm
    template_name = "network/referral_invite.html"
    refusals_as_messages = False

    def get_context_data(self, **context):
        return {"referral": self.referral, "group": self.referral.group, **context}

    def perform(self, form):
        return referrals.referral_invite(
            referral=self.referral, email=form.cleaned_data["email"], invited_by=self.request.user
        )

    def get_success_message(self, invitation):
        return f"Thank you. {self.referral.chosen_name} will get an invitation by email."


def referrals_waiting(groups):
    """The waiting referrals to the groups a person runs, for "Your groups"."""
    return list(
        Referral.objects.filter(group__in=groups, status=Referral.Status.WAITING).select_related(
            "partner_team"
        )
    )


def referrals_to_phone(groups):
    """Referrals said yes to with a phone number only, still without an invitation."""
    return list(
        Referral.objects.filter(
            group__in=groups,
            status=Referral.Status.ACCEPTED,
            email="",
            details_removed_at__isnull=True,
        ).select_related("partner_team")
    )
