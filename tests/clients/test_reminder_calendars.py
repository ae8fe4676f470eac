"""The calendar file that comes with each reminder, and a member's private calendar, read by
calendar apps' own parsers (vobject, and ical.js as Thunderbird uses it) on both sides of the
clock changes: a Monday 6pm session is at 6pm London time, 17:00 UTC in summer, 18:00 UTC in winter."""

import datetime
from datetime import UTC

import pytest
from django.core import mail

from network.member_calendar import calendar_path
from network.reminders import reminder_due_at, session_reminders_send
from network.session_ics import session_uid
from tests.factories.network import GroupIndexPageFactory, GroupSessionFactory, SessionRegistrationFactory
from tests.network.reminder_helpers import SECRET_LINK, calendar_file, cook_along

from .conftest import LONDON

pytestmark = pytest.mark.django_db

# The clocks go forward on Sunday 28 March 2027 and back on Sunday 31 October 2027.
MONDAYS_AT_6PM = {
    datetime.datetime(2027, 3, 22, 18, tzinfo=LONDON): datetime.datetime(2027, 3, 22, 18, tzinfo=UTC),
    datetime.datetime(2027, 3, 29, 18, tzinfo=LONDON): datetime.datetime(2027, 3, 29, 17, tzinfo=UTC),
    datetime.datetime(2027, 10, 25, 18, tzinfo=LONDON): datetime.datetime(2027, 10, 25, 17, tzinfo=UTC),
    datetime.datetime(2027, 11, 1, 18, tzinfo=LONDON): datetime.datetime(2027, 11, 1, 18, tzinfo=UTC),
}


@pytest.fixture
def booked(home_page, member):
    group = cook_along(GroupIndexPageFactory(parent=home_page, slug="groups"))
    sessions = []
    for starts_at in MONDAYS_AT_6PM:
        session = GroupSessionFactory(
            group=group, starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=1)
        )
        SessionRegistrationFactory(session=session, member=member)
        sessions.append(session)
    return sessions


def around(session):
    return session.starts_at - datetime.timedelta(days=1), session.starts_at + datetime.timedelta(days=1)


def test_each_reminders_calendar_file_is_at_6pm_london_time_in_every_client(booked, read_calendar):
    for session in booked:
        mail.outbox.clear()
        assert session_reminders_send(now=reminder_due_at(session)) == 1
        [occurrence] = read_calendar(calendar_file(mail.outbox[0]).encode(), *around(session))
        assert occurrence["uid"] == session_uid(session)
        assert occurrence["start"] == MONDAYS_AT_6PM[session.starts_at], (read_calendar.client, session)
        assert occurrence["end"] - occurrence["start"] == datetime.timedelta(hours=1)
        assert occurrence["start"].astimezone(LONDON).time() == datetime.time(18)


def test_a_members_private_calendar_in_every_client(client, booked, member, read_calendar):
    body = client.get(calendar_path(member)).content
    assert SECRET_LINK.encode() not in body
    first, last = booked[0].starts_at, booked[-1].starts_at
    occurrences = read_calendar(body, first - datetime.timedelta(days=1), last + datetime.timedelta(days=1))
    assert [occurrence["start"] for occurrence in occurrences] == list(MONDAYS_AT_6PM.values())
    assert {occurrence["uid"] for occurrence in occurrences} == {session_uid(session) for session in booked}
