"""Who may do what with a group's sessions. The one place that decides; views and templates ask here.

Running a group's sessions means seeing who signed up, so it needs both things: being listed as
one of the group's facilitators *and* being in the Facilitators role (which brings two-step
sign-in). Staff may run any group. A member of staff named as supporting one of a group's
volunteer facilitators sees that group's sessions and attendance until the support ends.

The attendance figures (counts only, small ones hidden) are for staff and for board
representatives: the partnership funds the groups and is told how they are used.
"""

import rules
from django.utils import timezone

from accounts.rules import is_board_representative, is_facilitator, is_member, is_staff

from .models.choices import JoinRequestStatus
from .models.facilitators import GroupFacilitator


def facilitated_group_ids(user):
    """Ids of the groups that list this user as a facilitator, read once per request object."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_facilitated_group_ids", None)
    if cached is None:
        cached = (
            set(user.profile.facilitated_groups.values_list("group_id", flat=True))
            if _has_profile(user)
            else set()
        )
        user._facilitated_group_ids = cached
    return cached


def supported_group_ids(user):
    """Ids of the groups where this user supports a facilitator today, read once per request object."""
    if not (user.is_authenticated and user.is_staff and user.is_active):
        return set()
    cached = getattr(user, "_supported_group_ids", None)
    if cached is None:
        cached = set(
            GroupFacilitator.objects.filter(
                supported_by=user, support_ends_on__gte=timezone.localdate()
            ).values_list("group_id", flat=True)
        )
        user._supported_group_ids = cached
    return cached


def _has_profile(user):
    return getattr(user, "profile", None) is not None


def _join_status(user, group):
    """The member's open join request status for this group (waiting or accepted), or None."""
    if not user.is_authenticated or group is None:
        return None
    cache = user.__dict__.setdefault("_join_statuses", {})
    if group.pk not in cache:
        cache[group.pk] = (
            group.join_requests.filter(member=user, status__in=JoinRequestStatus.open_values())
            .values_list("status", flat=True)
            .first()
        )
    return cache[group.pk]


@rules.predicate
def facilitates_group(user, group):
    return group is not None and is_facilitator(user) and group.pk in facilitated_group_ids(user)


@rules.predicate
def supports_group(user, group):
    return group is not None and group.pk in supported_group_ids(user)


@rules.predicate
def supports_session_group(user, session):
    return session is not None and supports_group(user, session.group)


@rules.predicate
def facilitates_session_group(user, session):
    return session is not None and facilitates_group(user, session.group)


@rules.predicate
def facilitates_request_group(user, join_request):
    return join_request is not None and facilitates_group(user, join_request.group)


@rules.predicate
def group_needs_asking(user, group):
    return group is not None and group.joins_by_asking


@rules.predicate
def was_accepted(user, group):
    return _join_status(user, group) == JoinRequestStatus.ACCEPTED


@rules.predicate
def has_open_join_request(user, group):
    return _join_status(user, group) is not None


@rules.predicate
def facilitates_referral_group(user, referral):
    return referral is not None and facilitates_group(user, referral.group)


@rules.predicate
def facilitates_invitation_group(user, invitation):
    return invitation is not None and facilitates_group(user, invitation.group)


@rules.predicate
def facilitates_any_group(user):
    return is_facilitator(user) and bool(facilitated_group_ids(user))


can_run_group = is_staff | facilitates_group | supports_group

rules.add_perm("network.sign_up_for_group", is_member & (~group_needs_asking | was_accepted))
rules.add_perm("network.ask_to_join_group", is_member & group_needs_asking & ~has_open_join_request)
rules.add_perm("network.see_own_groups", is_staff | is_facilitator)
rules.add_perm("network.run_group", can_run_group)
rules.add_perm("network.run_session", is_staff | facilitates_session_group | supports_session_group)
rules.add_perm("network.see_attendance_figures", is_staff | is_board_representative)
rules.add_perm("network.decide_join_request", is_staff | facilitates_request_group)
# Referrals and invitations: staff for everything, a group's facilitators for their groups.
rules.add_perm("network.refer_people", is_staff | facilitates_any_group)
rules.add_perm("network.decide_referral", is_staff | facilitates_referral_group)
rules.add_perm("network.invite_to_group", can_run_group)
rules.add_perm("network.invite_to_network", is_staff)
rules.add_perm("network.withdraw_invitation", is_staff | facilitates_invitation_group)
