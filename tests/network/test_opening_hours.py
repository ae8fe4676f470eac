"""Open now, and when next: checked at the edges, on exceptions, and across both clock changes."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from network.opening_hours import friendly_time, opening_status
from tests.factories.network import OpeningExceptionFactory, OpeningPeriodFactory, hub_venue

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
UTC = datetime.UTC


def status_at(venue, *args, tz=LONDON):
    moment = datetime.datetime(*args, tzinfo=tz)
    with time_machine.travel(moment, tick=False):
        return opening_status(venue)


@pytest.fixture
def hub():
    return hub_venue()


@pytest.mark.parametrize(
    ("moment", "message"),
    [
        ((2026, 11, 23, 9, 59, 59), "Closed - opens today at 10am"),
        ((2026, 11, 23, 10, 0), "Open now until 4pm"),
        ((2026, 11, 23, 15, 59, 59), "Open now until 4pm"),
        ((2026, 11, 23, 16, 0), "Closed - opens tomorrow at 10am"),
        ((2026, 11, 27, 16, 0), "Closed - opens Monday at 10am"),
        ((2026, 11, 28, 12, 0), "Closed - opens Monday at 10am"),
        ((2026, 11, 29, 23, 59), "Closed - opens tomorrow at 10am"),
    ],
)
def test_open_now_at_the_edges_of_the_day(hub, moment, message):
    assert status_at(hub, *moment).message == message


def test_several_periods_a_day_and_back_to_back_periods_read_as_one(hub):
    OpeningPeriodFactory(venue=hub, weekday=5, opens=datetime.time(10), closes=datetime.time(12))
    OpeningPeriodFactory(venue=hub, weekday=5, opens=datetime.time(12), closes=datetime.time(13))
    OpeningPeriodFactory(venue=hub, weekday=5, opens=datetime.time(14), closes=datetime.time(15, 30))
    assert status_at(hub, 2026, 11, 28, 11, 0).message == "Open now until 1pm"
    assert status_at(hub, 2026, 11, 28, 13, 30).message == "Closed - opens today at 2pm"
    assert status_at(hub, 2026, 11, 28, 14, 0).message == "Open now until 3:30pm"


def test_a_closure_is_shown_with_its_reason_and_the_next_opening_skips_it(hub):
    OpeningExceptionFactory(
        venue=hub,
        start_date=datetime.date(2026, 12, 24),
        end_date=datetime.date(2026, 12, 28),
        reason="Christmas holidays",
    )
    status = status_at(hub, 2026, 12, 24, 11, 0)
    assert not status.is_open
    assert status.closed_reason == "Christmas holidays"
    assert status.message == "Closed - opens Tuesday at 10am"
    assert status.next_opening == datetime.datetime(2026, 12, 29, 10, tzinfo=LONDON)


def test_a_closure_more_than_a_week_long_names_the_date(hub):
    OpeningExceptionFactory(
        venue=hub,
        start_date=datetime.date(2026, 12, 1),
        end_date=datetime.date(2026, 12, 14),
        reason="Building work",
    )
    assert status_at(hub, 2026, 12, 1, 9, 0).message == "Closed - opens on Tuesday 15 December at 10am"


def test_holiday_hours_replace_the_usual_hours(hub):
    OpeningExceptionFactory(
        venue=hub,
        start_date=datetime.date(2026, 12, 31),
        end_date=datetime.date(2026, 12, 31),
        reason="Hogmanay",
        opens=datetime.time(10),
        closes=datetime.time(13),
    )
    assert status_at(hub, 2026, 12, 31, 12, 0).message == "Open now until 1pm"
    assert status_at(hub, 2026, 12, 31, 13, 30).message == "Closed - opens tomorrow at 10am"


def test_a_venue_with_no_hours_says_closed_for_now():
    venue = hub_venue()
    venue.opening_periods.all().delete()
    assert status_at(venue, 2026, 11, 23, 12, 0).message == "Closed for now"


class TestMarchClockChange:
    """Clocks go forward at 01:00 GMT on Sunday 29 March 2026: Sunday is 23 hours long."""

    def test_friday_evening_points_to_monday_in_summer_time(self, hub):
        status = status_at(hub, 2026, 3, 27, 16, 30)
        assert status.message == "Closed - opens Monday at 10am"
        assert status.next_opening.astimezone(UTC) == datetime.datetime(2026, 3, 30, 9, 0, tzinfo=UTC)

    def test_monday_opens_at_ten_summer_time_which_is_nine_utc(self, hub):
        assert status_at(hub, 2026, 3, 30, 8, 59, tz=UTC).message == "Closed - opens today at 10am"
        assert status_at(hub, 2026, 3, 30, 9, 0, tz=UTC).message == "Open now until 4pm"
        assert status_at(hub, 2026, 3, 30, 14, 59, tz=UTC).message == "Open now until 4pm"
        assert status_at(hub, 2026, 3, 30, 15, 0, tz=UTC).message == "Closed - opens tomorrow at 10am"

    def test_a_sunday_venue_opens_at_ten_on_the_short_day(self, hub):
        OpeningPeriodFactory(venue=hub, weekday=6, opens=datetime.time(10), closes=datetime.time(16))
        status = status_at(hub, 2026, 3, 28, 16, 30)
        assert status.message == "Closed - opens tomorrow at 10am"
        assert status.next_opening.astimezone(UTC) == datetime.datetime(2026, 3, 29, 9, 0, tzinfo=UTC)
        # 00:30 UTC is 00:30 GMT, before the change; 09:00 UTC is 10:00 BST, after it.
        assert status_at(hub, 2026, 3, 29, 0, 30, tz=UTC).message == "Closed - opens today at 10am"
        assert status_at(hub, 2026, 3, 29, 9, 0, tz=UTC).message == "Open now until 4pm"


class TestOctoberClockChange:
    """Clocks go back at 02:00 BST on Sunday 25 October 2026: Sunday is 25 hours long."""

    def test_friday_evening_points_to_monday_in_winter_time(self, hub):
        status = status_at(hub, 2026, 10, 23, 17, 0)
        assert status.message == "Closed - opens Monday at 10am"
        assert status.next_opening.astimezone(UTC) == datetime.datetime(2026, 10, 26, 10, 0, tzinfo=UTC)

    def test_a_sunday_venue_opens_at_ten_on_the_long_day(self, hub):
        OpeningPeriodFactory(venue=hub, weekday=6, opens=datetime.time(10), closes=datetime.time(16))
        # 01:30 happens twice that night; both are before opening.
        assert status_at(hub, 2026, 10, 25, 0, 30, tz=UTC).message == "Closed - opens today at 10am"
        assert status_at(hub, 2026, 10, 25, 1, 30, tz=UTC).message == "Closed - opens today at 10am"
        assert status_at(hub, 2026, 10, 25, 9, 59, tz=UTC).message == "Closed - opens today at 10am"
        assert status_at(hub, 2026, 10, 25, 10, 0, tz=UTC).message == "Open now until 4pm"
        assert status_at(hub, 2026, 10, 25, 16, 0, tz=UTC).message == "Closed - opens tomorrow at 10am"


@pytest.mark.parametrize(
    ("wall_time", "words"),
    [
        (datetime.time(10), "10am"),
        (datetime.time(16), "4pm"),
        (datetime.time(19, 30), "7:30pm"),
        (datetime.time(12), "midday"),
        (datetime.time(0, 15), "12:15am"),
    ],
)
def test_friendly_time(wall_time, words):
    assert friendly_time(wall_time) == words
