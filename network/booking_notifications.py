"""The emails about a place: the one that confirms a booked place at a session that meets in
person (when, where and how to cancel), and the one that says a place has come up for someone
on the waiting list. Through the portal's one mail helper (portal.mail); the subject names neither the
group nor anything about recovery, like the other session emails (notifications.py)."""

from django.utils import timezone

from portal import mail

from .notifications import can_email

SUBJECT_PLACE_BOOKED = "Your place on {day}"
SUBJECT_PLACE_CAME_UP = "A place has come up"


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


def send_place_came_up(*, session, member):
    """Someone gave up their place, and it is now this member's, who was first on the waiting
    list: when, where (or that the link comes by email), and how to give it up if they cannot
    come, so the next person waiting gets it."""
    group = session.group
    if not can_email(member):
        return
    mail.send(
        to=member.email,
        subject=SUBJECT_PLACE_CAME_UP,
        template="network/email/place_came_up.txt",
        context={"user": member, "session": session, "group": group, "venue": group.venue},
    )
