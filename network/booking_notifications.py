"""The email that confirms a booked place at a session that meets in person: when, where and how
to cancel. Through the portal's one mail helper (portal.mail); the subject names neither the
group nor anything about recovery, like the other session emails (notifications.py)."""

from django.utils import timezone

from portal import mail

from .notifications import can_email

SUBJECT_PLACE_BOOKED = "Your place on {day}"


def place_booked_subject(session):
    return SUBJECT_PLACE_BOOKED.format(day=f"{timezone.localtime(session.starts_at):%A}")


def send_place_booked(*, session, member):
    """Online-only sessions get their link email instead, the day before."""
    group = session.group
    if session.cancelled or not group.meets_in_person or not can_email(member):
        return
    mail.send(
        to=member.email,
        subject=place_booked_subject(session),
        template="network/email/place_booked.txt",
        context={"user": member, "session": session, "group": group, "venue": group.venue},
    )
