"""Writes for referrals: a partner team, staff or a facilitator suggests a group for a person.
Keyword-only functions named <entity>_<action>, like services.py.

A referral never makes an account or anything another member could see: it waits, with a name to
call the person by and a way to reach them, for a facilitator to say yes (an invitation goes to
the email address, or the facilitator phones) or no (a note may go to the referrer, not kept).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from portal.errors import ServiceError
from portal.retention import period

from . import invitation_notifications
from .invitations import invitation_create
from .models import GroupPage, PartnerTeam, Referral
from .models.choices import HowToJoin, ReferralStatus
from .models.invitations import PHONE_MAX_LENGTH, REFERRAL_NAME_MAX_LENGTH, REFERRAL_REASON_MAX_LENGTH

logger = logging.getLogger(__name__)


class ReferralError(ServiceError):
    """The referral cannot be made or answered. The message is kind and plain."""


def referral_groups():
    """The groups people can be referred to: live, and joined by referral or invite."""
    return GroupPage.objects.live().filter(how_to_join__in=HowToJoin.by_asking()).order_by("title")


def _check(*, group, chosen_name, email, phone, reason, consent):
    if not consent:
        raise ReferralError("Please confirm the person agreed to be referred.")
    if not (email or phone):
        raise ReferralError("Give an email address or a phone number, so the group can get in touch.")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ReferralError(
                "Enter an email address in the right format, like name@example.com."
            ) from None
    if not chosen_name or len(chosen_name) > REFERRAL_NAME_MAX_LENGTH:
        raise ReferralError(
            f"Give a name to call the person by, up to {REFERRAL_NAME_MAX_LENGTH} characters."
        )
    if len(reason) > REFERRAL_REASON_MAX_LENGTH:
        raise ReferralError(f"The reason can be up to {REFERRAL_REASON_MAX_LENGTH} characters.")
    if len(phone) > PHONE_MAX_LENGTH:
        raise ReferralError(f"The phone number can be up to {PHONE_MAX_LENGTH} characters.")
    if not referral_groups().filter(pk=group.pk).exists():
        raise ReferralError("This group does not take referrals at the moment. Please choose another.")


def _within_hourly_limit(team, now):
    """Lock the team's row, so two referrals at once count each other, and check its hour's limit."""
    PartnerTeam.objects.select_for_update().get(pk=team.pk)
    recent = Referral.objects.filter(partner_team=team, created_at__gte=now - timedelta(hours=1)).count()
    if recent >= settings.REFERRALS_PER_TEAM_PER_HOUR:
        raise ReferralError(
            "We have had a lot of referrals from your team in the last hour, so we have paused the form "
            "for a little while. Please try again in an hour, or phone the hub."
        )


def referral_create(
    *,
    group,
    chosen_name,
    email="",
    phone="",
    reason="",
    consent,
    partner_team=None,
    referred_by=None,
    now=None,
):
    now = now or timezone.now()
    chosen_name, email, phone = chosen_name.strip(), email.strip(), phone.strip()
    reason = reason.strip()
    _check(group=group, chosen_name=chosen_name, email=email, phone=phone, reason=reason, consent=consent)
    with transaction.atomic():
        if partner_team is not None:
            if not PartnerTeam.objects.filter(pk=partner_team.pk, active=True).exists():
                raise ReferralError("This referral link is not in use any more.")
            _within_hourly_limit(partner_team, now)
        referral = Referral.objects.create(
            group=group,
            partner_team=partner_team,
            referred_by=referred_by,
            chosen_name=chosen_name,
            email=email,
            phone=phone,
            reason=reason,
            consent=consent,
        )
    logger.info(
        "referral %s made to group %s by team %s / user %s",
        referral.pk,
        group.pk,
        getattr(partner_team, "pk", None),
        getattr(referred_by, "pk", None),
    )
    invitation_notifications.send_referral_received(referral=referral)
    return referral


def referral_decide(*, referral, decided_by, accept, note="", now=None):
    """Say yes or no. Yes with an email address sends an invitation to the group at once; yes with
    only a phone number leaves the facilitator to phone (and invite later). A note with a no goes
    to the referrer by email and is not kept."""
    now = now or timezone.now()
    with transaction.atomic():
        referral = Referral.objects.select_for_update().select_related("group").get(pk=referral.pk)
        if not referral.is_waiting:
            raise ReferralError("This referral has already been answered.")
        referral.status = ReferralStatus.ACCEPTED if accept else ReferralStatus.DECLINED
        referral.decided_by = decided_by
        referral.decided_at = now
        referral.save(update_fields=["status", "decided_by", "decided_at"])
        logger.info("referral %s %s by user %s", referral.pk, referral.status, decided_by.pk)
        if accept and referral.email:
            invitation_create(
                email=referral.email, group=referral.group, invited_by=decided_by, referral=referral
            )
    if not accept and note:
        invitation_notifications.send_referral_declined(referral=referral, note=note)
    return referral


def referral_invite(*, referral, email, invited_by, now=None):
    """Invite someone referred with a phone number only, once the facilitator has their email."""
    with transaction.atomic():
        referral = Referral.objects.select_for_update().select_related("group").get(pk=referral.pk)
        if not referral.is_accepted or referral.details_removed_at:
            raise ReferralError("Only a referral you said yes to can get an invitation.")
        invitation, _token = invitation_create(
            email=email, group=referral.group, invited_by=invited_by, referral=referral, now=now
        )
        referral.email = invitation.email
        referral.save(update_fields=["email"])
    return invitation


def referral_details_remove(now):
    """A retention step: referrals answered more than REFERRAL_DETAILS_RETENTION_DAYS ago lose the
    person's name, contact details and the reason. The rest (which group, when, the answer) stays."""
    due = Referral.objects.filter(
        decided_at__lt=now - period("REFERRAL_DETAILS_RETENTION_DAYS"), details_removed_at__isnull=True
    )
    return due.update(chosen_name="", email="", phone="", reason="", details_removed_at=now)
