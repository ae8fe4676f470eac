"""The demo hub's Christmas and New Year closures reach the database, so the drop-in page, its
calendar, the admin and the groups all agree with the demo news story that the hub is closed.

The demo is built once for this module, on 23 November 2026 (tests/shared_database.py), and the
module's tests run on one pytest-xdist worker."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from icalendar import Calendar

from network.models import DropInPage, GroupSession, OpeningException, Venue
from network.opening_hours import opening_status
from tests.demo import load_demo_content
from tests.shared_database import shared_rows

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo-closures")]
LONDON = ZoneInfo("Europe/London")
CHRISTMAS_DAY = datetime.date(2026, 12, 25)
NEW_YEARS_DAY = datetime.date(2027, 1, 1)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    november = datetime.datetime(2026, 11, 23, 12, tzinfo=LONDON)
    with time_machine.travel(november, tick=False), shared_rows(django_db_blocker):
        with django_db_blocker.unblock():
            load_demo_content()
            venue = Venue.objects.get()
        yield venue


def test_the_closures_are_saved(demo):
    assert set(
        OpeningException.objects.filter(venue=demo).values_list("start_date", "end_date", "opens")
    ) == {
        (CHRISTMAS_DAY, datetime.date(2026, 12, 26), None),
        (NEW_YEARS_DAY, NEW_YEARS_DAY, None),
    }


def test_the_hub_says_it_is_closed_on_christmas_day(demo, client):
    venue = Venue.objects.with_hours().get()
    christmas_noon = datetime.datetime(2026, 12, 25, 12, tzinfo=LONDON)
    status = opening_status(venue, now=christmas_noon)
    assert not status.is_open
    assert status.closed_reason == "Christmas holidays"
    page = client.get("/drop-in/").text
    assert "Christmas holidays" in page
    assert "New Year" in page


def test_the_calendar_leaves_out_the_closed_days(demo, client):
    drop_in = DropInPage.objects.get()
    calendar = Calendar.from_ical(client.get(f"/feeds/drop-in/{drop_in.pk}.ics").content)
    friday = next(
        event for event in calendar.walk("VEVENT") if "RRULE" in event and event["DTSTART"].dt.weekday() == 4
    )
    excluded = {d.dt for d in friday["EXDATE"].dts}
    assert datetime.datetime(2026, 12, 25, 10, tzinfo=LONDON) in excluded
    assert datetime.datetime(2027, 1, 1, 10, tzinfo=LONDON) in excluded


def test_group_sessions_on_closed_days_are_cancelled(demo):
    on_closed_days = GroupSession.objects.filter(
        group__venue=demo, starts_at__date__in=[CHRISTMAS_DAY, NEW_YEARS_DAY]
    )
    assert on_closed_days.exists()
    assert all(session.cancelled for session in on_closed_days)
