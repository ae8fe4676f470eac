"""What "Your groups" shows beside join requests: referrals waiting for an answer, people said
yes to who need a phone call, invitations whose link still works, and people asking for a new
link. Two queries for all the page's groups (and, for staff, invitations to the whole network)."""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .models import Invitation, Referral


def _newer_invitation():
    return Invitation.objects.filter(
        email__iexact=OuterRef("email"), group=OuterRef("group"), created_at__gt=OuterRef("created_at")
    )


def _invitations(groups, whole_network, now):
    """Invitations still open, and those that stopped working whose person asked for a new one
    (and has none newer), annotated with `replaced`."""
    in_scope = Q(group__in=groups) | Q(group__isnull=True) if whole_network else Q(group__in=groups)
    open_or_asking = Q(withdrawn_at__isnull=True, expires_at__gt=now) | Q(new_link_asked_at__isnull=False)
    return (
        Invitation.objects.filter(in_scope, open_or_asking, used_at__isnull=True)
        .annotate(replaced=Exists(_newer_invitation()))
        .order_by("created_at")
    )


def _split(invitations, now):
    open_ones = [i for i in invitations if i.is_usable(now)]
    asking = [i for i in invitations if not i.is_usable(now) and i.new_link_asked_at and not i.replaced]
    return open_ones, asking


def attach_referrals_and_invitations(groups, now=None, whole_network=False):
    """Sets on each group its referral queue and invitations. Returns the invitations to the
    network as a whole ({"open": [...], "asking_again": [...]}) when `whole_network` (staff)."""
    now = now or timezone.now()
    referrals = list(
        Referral.objects.filter(group__in=groups, details_removed_at__isnull=True)
        .filter(Q(status=Referral.Status.WAITING) | Q(status=Referral.Status.ACCEPTED, email=""))
        .select_related("partner_team")
    )
    invitations = list(_invitations(groups, whole_network, now))
    for group in groups:
        mine = [r for r in referrals if r.group_id == group.pk]
        group.waiting_referrals = [r for r in mine if r.is_waiting]
        group.referrals_to_phone = [r for r in mine if r.is_accepted]
        group.open_invitations, group.asking_again = _split(
            [i for i in invitations if i.group_id == group.pk], now
        )
    if not whole_network:
        return None
    open_ones, asking = _split([i for i in invitations if i.group_id is None], now)
    return {"open": open_ones, "asking_again": asking}
