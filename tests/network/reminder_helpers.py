"""What the reminder tests share: fixed times, groups, and reading the calendar file an email carries."""

import datetime
from zoneinfo import ZoneInfo

from django.core import mail
from icalendar import Calendar

from network.models.choices import Format
from tests.factories.network import GroupPageFactory, GroupSessionFactory, SessionRegistrationFactory

LONDON = ZoneInfo("Europe/London")
SECRET_LINK = "https://video.example.org/very-private-room"
NEVER_IN_SUBJECTS = ("drug", "alcohol", "recovery", "addict", "group", "peer", "cook", "women")
# A Thursday morning; the session is on Friday at 6pm, its reminder due on Thursday at 10am.
NOW = datetime.datetime(2026, 12, 10, 8, tzinfo=LONDON)
FRIDAY_6PM = datetime.datetime(2026, 12, 11, 18, tzinfo=LONDON)
REMINDER_DUE = datetime.datetime(2026, 12, 10, 10, tzinfo=LONDON)


def cook_along(parent, **kwargs):
    fields = {
        "title": "Friday cook-along",
        "format": Format.ONLINE,
        "venue": None,
        "online_link": SECRET_LINK,
        "what_to_prepare": "Two onions\nA tin of chopped tomatoes",
    }
    return GroupPageFactory(parent=parent, **{**fields, **kwargs})


def session_with_places(group, starts_at=FRIDAY_6PM, places=1, **kwargs):
    session = GroupSessionFactory(group=group, starts_at=starts_at, **kwargs)
    registrations = SessionRegistrationFactory.create_batch(places, session=session)
    return session, registrations


def calendar_file(message):
    """The one .ics attachment of an email, as text."""
    [(filename, content, mimetype)] = message.attachments
    assert (filename, mimetype) == ("session.ics", "text/calendar")
    return content


def calendar_event(message):
    calendar = Calendar.from_ical(calendar_file(message))
    [event] = calendar.walk("VEVENT")
    return calendar, event


def sent_to(email):
    return [message for message in mail.outbox if message.to == [email]]
