"""Every calendar the portal publishes, read by calendar apps' own parsers (vobject, and ical.js as
Thunderbird uses it), across the clock changes. A Tuesday 6pm group is at 18:00 London time all
year: 17:00 UTC in summer, 18:00 UTC in winter."""

import datetime
import re
from datetime import UTC

import pytest
import time_machine
from icalendar import Calendar

from network.models.choices import Format
from tests.factories.network import GroupPageFactory, OpeningExceptionFactory

from .conftest import LONDON, NOW

pytestmark = pytest.mark.django_db
SECRET_LINK = "https://video.example.org/private"


def utc(*args):
    return datetime.datetime(*args, tzinfo=UTC)


def starts(occurrences):
    return [occurrence["start"] for occurrence in occurrences]


# The clocks go forward on Sunday 28 March 2027 and back on Sunday 31 October 2027.
SPRING_2027 = (utc(2027, 3, 20), utc(2027, 4, 3))
AUTUMN_2027 = (utc(2027, 10, 23), utc(2027, 11, 6))
TUESDAYS_AROUND_THE_CLOCK_CHANGES = {
    SPRING_2027: [utc(2027, 3, 23, 18), utc(2027, 3, 30, 17)],
    AUTUMN_2027: [utc(2027, 10, 26, 17), utc(2027, 11, 2, 18)],
    # Long after the last clock change icalendar's own VTIMEZONE listed (2037).
    (utc(2041, 1, 1), utc(2041, 1, 9)): [utc(2041, 1, 1, 18), utc(2041, 1, 8, 18)],
    (utc(2041, 7, 1), utc(2041, 7, 10)): [utc(2041, 7, 2, 17), utc(2041, 7, 9, 17)],
}


@pytest.mark.parametrize("window", list(TUESDAYS_AROUND_THE_CLOCK_CHANGES))
def test_a_tuesday_6pm_group_is_at_6pm_london_time_in_every_client(client, portal, read_calendar, window):
    group = portal.groups[0]
    expected = TUESDAYS_AROUND_THE_CLOCK_CHANGES[window]
    for url in (f"/feeds/groups/{group.pk}.ics", "/feeds/groups.ics"):
        occurrences = read_calendar(client.get(url).content, *window)
        assert starts(occurrences) == expected, (read_calendar.client, url)
        for occurrence in occurrences:
            assert occurrence["end"] - occurrence["start"] == datetime.timedelta(minutes=90)
            assert occurrence["start"].astimezone(LONDON).time() == datetime.time(18)


def test_cancelled_sessions_are_left_out_in_every_client(client, portal, read_calendar):
    group = portal.groups[0]
    cancelled = group.sessions.get(starts_at=datetime.datetime(2026, 12, 29, 18, tzinfo=LONDON))
    cancelled.cancelled = True
    cancelled.save()
    occurrences = read_calendar(
        client.get(f"/feeds/groups/{group.pk}.ics").content, utc(2026, 12, 20), utc(2027, 1, 10)
    )
    assert starts(occurrences) == [utc(2026, 12, 22, 18), utc(2027, 1, 5, 18)]


def test_drop_in_hours_in_every_client(client, portal, read_calendar):
    OpeningExceptionFactory(
        venue=portal.venue,
        start_date=datetime.date(2026, 12, 25),
        end_date=datetime.date(2026, 12, 28),
        reason="Christmas holidays",
    )
    OpeningExceptionFactory(
        venue=portal.venue,
        start_date=datetime.date(2026, 12, 24),
        end_date=datetime.date(2026, 12, 24),
        reason="Christmas Eve",
        opens=datetime.time(10),
        closes=datetime.time(13),
    )
    calendar = client.get(f"/feeds/drop-in/{portal.drop_in.pk}.ics").content

    christmas = read_calendar(calendar, utc(2026, 12, 23), utc(2026, 12, 30))
    assert [(o["start"], o["end"]) for o in christmas] == [
        (utc(2026, 12, 23, 10), utc(2026, 12, 23, 16)),
        (utc(2026, 12, 24, 10), utc(2026, 12, 24, 13)),
        (utc(2026, 12, 29, 10), utc(2026, 12, 29, 16)),
    ]
    summer_friday = read_calendar(calendar, utc(2027, 7, 2), utc(2027, 7, 3))
    assert [(o["start"], o["end"]) for o in summer_friday] == [(utc(2027, 7, 2, 9), utc(2027, 7, 2, 15))]
    # Opening hours are not appointments: they must not fill a subscriber's free/busy time.
    assert {occurrence["transp"] for occurrence in christmas + summer_friday} == {"TRANSPARENT"}


def test_the_weekly_opening_hours_start_on_the_same_day_whenever_they_are_read(client, portal):
    url = f"/feeds/drop-in/{portal.drop_in.pk}.ics"

    def weekly_starts():
        calendar = Calendar.from_ical(client.get(url).content)
        return {str(e["UID"]): e["DTSTART"].dt for e in calendar.walk("VEVENT") if "RRULE" in e}

    first = weekly_starts()
    with time_machine.travel(NOW + datetime.timedelta(days=10), tick=False):
        assert weekly_starts() == first


def test_calendar_identifiers_do_not_depend_on_the_address_used(client, portal):
    def uids(host):
        response = client.get("/feeds/groups.ics", headers={"host": host})
        response_drop_in = client.get(f"/feeds/drop-in/{portal.drop_in.pk}.ics", headers={"host": host})
        return [
            str(event["UID"])
            for body in (response.content, response_drop_in.content)
            for event in Calendar.from_ical(body).walk("VEVENT")
        ]

    by_number = uids("127.0.0.1:8103")
    assert by_number == uids("localhost:8103")
    # The site's public address (WAGTAILADMIN_BASE_URL), never the one a request came in on.
    assert all(uid.endswith("@testserver") for uid in by_number)


def test_every_calendar_is_published_with_a_timezone_every_client_reads(client, portal):
    GroupPageFactory(parent=portal.group_index, format=Format.ONLINE, venue=None, online_link=SECRET_LINK)
    for url in (
        "/feeds/groups.ics",
        f"/feeds/groups/{portal.groups[0].pk}.ics",
        f"/feeds/drop-in/{portal.drop_in.pk}.ics",
    ):
        response = client.get(url)
        assert SECRET_LINK not in response.text
        calendar = Calendar.from_ical(response.content)
        assert calendar["METHOD"] == "PUBLISH"
        (london,) = calendar.walk("VTIMEZONE")
        # One rule each way that repeats every year, never a list of dates that runs out.
        assert "RDATE" not in response.text
        rules = {sub.name: sub for sub in london.subcomponents}
        assert set(rules) == {"STANDARD", "DAYLIGHT"}
        assert rules["DAYLIGHT"]["RRULE"] == {"FREQ": ["YEARLY"], "BYMONTH": [3], "BYDAY": ["-1SU"]}
        assert rules["STANDARD"]["RRULE"] == {"FREQ": ["YEARLY"], "BYMONTH": [10], "BYDAY": ["-1SU"]}
        assert not re.search(rb"UNTIL=", london.to_ical())
