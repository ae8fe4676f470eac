"""Reminder emails, the way the coordinator sent them: the day before each session, at the
group's reminder time, one email to each person with a place, with the time, the place or the
private link, what to get ready, how to cancel, and a calendar file. For online sessions this is
the email with the link: there is no second one.

Each person gets each version once. A SessionReminder row is written in the same transaction
that queues the email, keyed by (session, member, sequence), so overlapping or repeated runs
send nothing twice. When what an email promised changes (the time, the place, the link, what to
get ready), everyone who already had one gets one "changed" email with the next SEQUENCE.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .models import SessionRegistration, SessionReminder
from .notifications import can_email
from .opening_hours import at_london_time
from .reminder_emails import send_session_reminder

# The earliest a reminder can be due: the day before at midnight, for a session just before the
# next midnight (48 hours), and an hour more across a clock change.
LONGEST_LEAD = timedelta(hours=50)


@dataclass(frozen=True)
class ReminderDetails:
    """What a reminder email promises. Its key changes whenever any of it does."""

    starts_at: object
    ends_at: object
    place: str
    link: str
    what_to_prepare: str

    @property
    def key(self):
        parts = [
            self.starts_at.isoformat(),
            self.ends_at.isoformat(),
            self.place,
            self.link,
            self.what_to_prepare,
        ]
        return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def reminder_details(session):
    group = session.group
    venue = group.venue if group.meets_in_person else None
    return ReminderDetails(
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        place=f"{venue.name}, {venue.one_line_address}" if venue else "",
        link=group.online_link if group.meets_online else "",
        what_to_prepare=session.what_to_prepare_shown.strip(),
    )


def reminder_due_at(session):
    """The day before the session, at the group's reminder time (UK time)."""
    day_before = timezone.localdate(session.starts_at) - timedelta(days=1)
    return at_london_time(day_before, session.group.reminder_time)


def last_reminder(session, member):
    return SessionReminder.objects.filter(session=session, member=member).order_by("-sequence").first()


def session_reminder_send(*, session, member, now=None):
    """Send the member their reminder if it is due, or a "changed" one if what the last one said
    is no longer right. Never for a session that has started or is cancelled, never to someone
    on the waiting list. Returns whether an email was queued."""
    now = now or timezone.now()
    if session.cancelled or session.starts_at <= now or not can_email(member):
        return False
    if not SessionRegistration.objects.booked().filter(session=session, member=member).exists():
        return False
    details = reminder_details(session)
    last = last_reminder(session, member)
    if last is None and now < reminder_due_at(session):
        return False
    if last is not None and last.details_key == details.key:
        return False
    sequence = 0 if last is None else last.sequence + 1
    try:
        with transaction.atomic():
            SessionReminder.objects.create(
                session=session, member=member, sequence=sequence, details_key=details.key, sent_at=now
            )
            send_session_reminder(
                session=session, member=member, details=details, sequence=sequence, changed=last is not None
            )
    except IntegrityError:
        # Another run wrote this reminder first (and queued its email).
        return False
    return True


def session_reminders_send(*, now=None, session=None):
    """Every reminder that is due and every "changed" email, for sessions that have not started
    (or only `session`'s). Returns how many were queued. Safe to run as often as you like."""
    now = now or timezone.now()
    reminded = SessionReminder.objects.filter(session=OuterRef("session"), member=OuterRef("member"))
    registrations = (
        SessionRegistration.objects.booked()
        .filter(session__cancelled=False, session__starts_at__gt=now, member__is_active=True)
        .filter(Q(session__starts_at__lte=now + LONGEST_LEAD) | Q(Exists(reminded)))
        .exclude(member__email="")
        .select_related("session__group__venue", "member")
        .order_by("session__starts_at", "pk")
    )
    if session is not None:
        registrations = registrations.filter(session=session)
    return sum(session_reminder_send(session=r.session, member=r.member, now=now) for r in registrations)
