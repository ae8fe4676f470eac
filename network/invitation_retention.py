"""What referrals and invitations keep for a limited time, for `manage.py apply_retention`
(added through the `register_retention_steps` hook)."""

from django.db.models import Q

from portal.retention import RetentionStep, period

from .models import Invitation
from .referrals import referral_details_remove


def old_invitations_remove(now):
    """Invitations (each holds an email address) used, withdrawn or run out more than
    INVITATION_RETENTION_DAYS ago."""
    before = now - period("INVITATION_RETENTION_DAYS")
    done = Q(used_at__lt=before) | Q(withdrawn_at__lt=before) | Q(expires_at__lt=before)
    deleted, _by_model = Invitation.objects.filter(done).delete()
    return deleted


def steps():
    return [
        RetentionStep(
            "referral-details",
            "a referred person's name, contact details and the reason, REFERRAL_DETAILS_RETENTION_DAYS "
            "after a facilitator answered the referral",
            referral_details_remove,
        ),
        RetentionStep(
            "old-invitations",
            "invitations, INVITATION_RETENTION_DAYS after they were used, withdrawn or ran out",
            old_invitations_remove,
        ),
    ]
