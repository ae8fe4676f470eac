"""What "Your groups" shows beside join requests: referrals waiting for an answer, people said
yes to who need a phone call, invitations whose link still works, and people asking for a new
link. Read for all the page's groups in a few queries."""

from django.db.models import Exists, OuterRef
from django.utils import timezone

from .models import Invitation, Referral


def _by_group(rows):
    grouped = {}
    for row in rows:
        grouped.setdefault(row.group_id, []).append(row)
    return grouped


def _newer_invitation():
    return Invitation.objects.filter(
        email__iexact=OuterRef("email"), group=OuterRef("group"), created_at__gt=OuterRef("created_at")
    )


def invitations_asking_again(invitations):
    """Invitations that stopped working whose person asked for a new one, and has none newer."""
    return (
        invitations.filter(new_link_asked_at__isnull=False, used_at__isnull=True)
        .exclude(Exists(_newer_invitation()))
        .order_by("new_link_asked_at")
    )


def attach_referrals_and_invitations(groups, now=None):
    now = now or timezone.now()
    referrals = Referral.objects.filter(group__in=groups, details_removed_at__isnull=True).select_related(
        "partner_team"
    )
    waiting = _by_group(referrals.filter(status=Referral.Status.WAITING))
    to_phone = _by_group(referrals.filter(status=Referral.Status.ACCEPTED, email=""))
    in_groups = Invitation.objects.filter(group__in=groups)
    open_invitations = _by_group(in_groups.usable(now).order_by("created_at"))
    asking = _by_group(invitations_asking_again(in_groups))
    for group in groups:
        group.waiting_referrals = waiting.get(group.pk, [])
        group.referrals_to_phone = to_phone.get(group.pk, [])
        group.open_invitations = open_invitations.get(group.pk, [])
        group.asking_again = [i for i in asking.get(group.pk, []) if not i.is_usable(now)]


def network_invitations(now=None):
    """For staff: invitations to the network as a whole, still open or asked about again."""
    whole_network = Invitation.objects.filter(group__isnull=True)
    return {
        "open": list(whole_network.usable(now).order_by("created_at")),
        "asking_again": [i for i in invitations_asking_again(whole_network) if not i.is_usable(now)],
    }
