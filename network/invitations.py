"""Writes for invitations: a single-use link to join the network, and a group when it names one.
Keyword-only functions named <entity>_<action>, like services.py.

The link's token is made here and emailed once; only its sha256 is kept. A person following the
link has the invitation held in their session (by its id), which opens sign-up when the network
takes people by invitation only, and is used up when they finish signing up (receivers.py).
"""

import hashlib
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from portal.errors import ServiceError

from . import invitation_notifications
from .models import Invitation, JoinRequest
from .models.choices import JoinRequestStatus

logger = logging.getLogger(__name__)

SESSION_KEY = "network_invitation"
# How often someone whose link stopped working may ask for a new one.
ASK_AGAIN_EVERY = timedelta(hours=24)


class InvitationError(ServiceError):
    """The invitation cannot be made or used. The message is kind and plain."""


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_for_token(token):
    """The invitation a link's token is for, whatever its state, or None."""
    if not token or len(token) > 100:
        return None
    return Invitation.objects.select_related("group").filter(token_hash=token_hash(token)).first()


def _clean_email(email):
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise InvitationError("Enter an email address in the right format, like name@example.com.") from None
    return email


def invitation_create(*, email, invited_by, group=None, referral=None, now=None):
    """Make an invitation and email its link. A newer invitation for the same address and group
    replaces any older one still waiting (it is withdrawn), so only the newest link works.
    Returns (invitation, token); the token exists nowhere else."""
    now = now or timezone.now()
    email = _clean_email(email)
    if group is not None and not group.live:
        raise InvitationError("This group is not running at the moment, so nobody can be invited to it.")
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        Invitation.objects.usable(now).filter(email__iexact=email, group=group).update(withdrawn_at=now)
        invitation = Invitation.objects.create(
            email=email,
            group=group,
            token_hash=token_hash(token),
            created_at=now,
            expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
            invited_by=invited_by,
            referral=referral,
        )
    logger.info(
        "invitation %s made for group %s by user %s (referral %s)",
        invitation.pk,
        group.pk if group else None,
        getattr(invited_by, "pk", None),
        getattr(referral, "pk", None),
    )
    invitation_notifications.send_invitation(invitation=invitation, token=token)
    return invitation, token


def invitation_withdraw(*, invitation, withdrawn_by, now=None):
    now = now or timezone.now()
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.state_at(now) != "usable":
            raise InvitationError("This invitation has already been used or has stopped working.")
        invitation.withdrawn_at = now
        invitation.save(update_fields=["withdrawn_at"])
    logger.info("invitation %s withdrawn by user %s", invitation.pk, withdrawn_by.pk)
    return invitation


STOPPED_WORKING = {
    "used": "This invitation has already been used. Each invitation works once.",
    "expired": "This invitation has run out of time.",
    "withdrawn": "This invitation has been cancelled, or a newer one replaced it.",
}


def invitation_accept(*, invitation, user, now=None):
    """Use the invitation for this account: it is used up, and an invitation to a group that
    people join by asking gives the account an accepted request, so they can book its sessions."""
    now = now or timezone.now()
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",)).select_related("group").get(pk=invitation.pk)
        )
        state = invitation.state_at(now)
        if state != "usable":
            raise InvitationError(STOPPED_WORKING[state])
        invitation.used_at = now
        invitation.used_by = user
        invitation.save(update_fields=["used_at", "used_by"])
        group = invitation.group
        if group is not None and group.joins_by_asking:
            _accept_into_group(group=group, user=user, decided_by=invitation.invited_by, now=now)
    logger.info("invitation %s used by user %s", invitation.pk, user.pk)
    return invitation


def _accept_into_group(*, group, user, decided_by, now):
    open_request = (
        JoinRequest.objects.select_for_update()
        .filter(group=group, member=user, status__in=JoinRequestStatus.open_values())
        .first()
    )
    if open_request is None:
        JoinRequest.objects.create(
            group=group, member=user, status=JoinRequestStatus.ACCEPTED, decided_by=decided_by, decided_at=now
        )
    elif open_request.is_waiting:
        open_request.status = JoinRequestStatus.ACCEPTED
        open_request.decided_by = decided_by
        open_request.decided_at = now
        open_request.save(update_fields=["status", "decided_by", "decided_at"])


def invitation_ask_again(*, invitation, message="", now=None):
    """Someone whose link stopped working asks for a new one. Whoever invited them and the group's
    facilitators get an email; the message goes with it and is not kept. Once a day at most."""
    now = now or timezone.now()
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.new_link_asked_at and invitation.new_link_asked_at > now - ASK_AGAIN_EVERY:
            raise InvitationError(
                "You have already asked, and we have passed it on. Someone will be in touch. "
                "If it is urgent, please phone or ask at the drop-in."
            )
        invitation.new_link_asked_at = now
        invitation.save(update_fields=["new_link_asked_at"])
    logger.info("new link asked for invitation %s", invitation.pk)
    invitation_notifications.send_new_link_asked(invitation=invitation, message=" ".join(message.split()))
    return invitation


# The invitation a visitor holds while they sign up.


def invitation_hold(request, invitation):
    request.session[SESSION_KEY] = invitation.pk


def invitation_held(request):
    """The usable invitation this visitor's session holds, or None."""
    pk = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if pk is None:
        return None
    return Invitation.objects.usable().select_related("group").filter(pk=pk).first()


def invitation_release(request):
    if hasattr(request, "session"):
        request.session.pop(SESSION_KEY, None)
