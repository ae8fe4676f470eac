"""Emails about referrals and invitations, through the portal's one mail helper (portal.mail).
Subject lines never name the group, the person or recovery; emails to facilitators name nobody:
they read the details signed in, on their groups page."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from portal import mail

from .notifications import can_email

SUBJECT_INVITATION = "You are invited"
SUBJECT_REFERRAL_RECEIVED = "Something new to look at"
SUBJECT_REFERRAL_DECLINED = "An answer to your request"
SUBJECT_NEW_LINK_ASKED = "Someone would like a new link"


def _facilitators(group_id):
    return (
        get_user_model()
        .objects.filter(profile__facilitated_groups__group_id=group_id, is_active=True)
        .exclude(email="")
        .distinct()
    )


def send_invitation(*, invitation, token):
    mail.send(
        to=invitation.email,
        subject=SUBJECT_INVITATION,
        template="network/email/invitation.txt",
        context={
            "invitation": invitation,
            "link": f"{mail.site_url()}{reverse('network:invitation', args=[token])}",
        },
    )


def send_referral_received(*, referral):
    for person in _facilitators(referral.group_id):
        mail.send(
            to=person.email,
            subject=SUBJECT_REFERRAL_RECEIVED,
            template="network/email/referral_received.txt",
            context={"user": person},
        )


def send_referral_declined(*, referral, note):
    """The facilitator's note to whoever referred: the team's contact address, or the staff
    member or facilitator who referred while signed in."""
    if referral.partner_team_id:
        to = referral.partner_team.contact_email
    elif can_email(referral.referred_by):
        to = referral.referred_by.email
    else:
        return
    mail.send(
        to=to,
        subject=SUBJECT_REFERRAL_DECLINED,
        template="network/email/referral_declined.txt",
        context={"referral": referral, "note": note},
    )


def send_new_link_asked(*, invitation, message):
    people = (
        {person.pk: person for person in _facilitators(invitation.group_id)} if invitation.group_id else {}
    )
    if can_email(invitation.invited_by):
        people[invitation.invited_by.pk] = invitation.invited_by
    for person in people.values():
        mail.send(
            to=person.email,
            subject=SUBJECT_NEW_LINK_ASKED,
            template="network/email/new_link_asked.txt",
            context={"user": person, "message": message},
        )
