"""The VTIMEZONE the calendars carry says what the tz database says, for years ahead."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Timezone

from network.feeds.timezones import vtimezone


def offset(moment, zone):
    return moment.astimezone(zone).utcoffset()


def clock_change(zone, day):
    """The first minute of this UTC day on the new offset, if the zone changes its clocks that day."""
    start, end = day, day + timedelta(days=1)
    if offset(start, zone) == offset(end, zone):
        return None
    while end - start > timedelta(minutes=1):
        middle = start + (end - start) / 2
        start, end = (middle, end) if offset(middle, zone) == offset(start, zone) else (start, middle)
    return end


def offsets_disagree(key, start_year, end_year):
    """Moments (UTC) from start to end where the VTIMEZONE's offset is not the zone's: checked at
    midnight each day, and a minute either side of each clock change."""
    # icalendar builds a tzinfo from the component itself, not from its own copy of the zone.
    written = Timezone.from_ical(vtimezone(key).to_ical()).to_tz(lookup_tzid=False)
    zone = ZoneInfo(key)
    day, end = datetime(start_year, 1, 1, tzinfo=UTC), datetime(end_year, 1, 1, tzinfo=UTC)
    wrong = []
    while day < end:
        moments = [day]
        change = clock_change(zone, day)
        if change:
            moments += [change - timedelta(minutes=1), change]
        wrong += [moment for moment in moments if offset(moment, written) != offset(moment, zone)]
        day += timedelta(days=1)
    return wrong


def test_london_changes_its_clocks_at_the_right_hour_for_twenty_years():
    assert offsets_disagree("Europe/London", 2026, 2046) == []


@pytest.mark.parametrize(
    "key",
    [
        "America/New_York",  # second Sunday in March, first in November
        "Australia/Sydney",  # summer time across the new year
        "Asia/Tokyo",  # no summer time at all
        "Pacific/Chatham",  # offsets and change times in quarter hours
    ],
)
def test_other_zones_come_out_right_too(key):
    assert offsets_disagree(key, 2026, 2036) == []


def test_the_rule_repeats_every_year_with_no_end():
    london = vtimezone("Europe/London")
    assert {(sub.name, sub["TZNAME"]) for sub in london.subcomponents} == {
        ("DAYLIGHT", "BST"),
        ("STANDARD", "GMT"),
    }
    for sub in london.subcomponents:
        assert set(sub["RRULE"]) == {"FREQ", "BYMONTH", "BYDAY"}
        assert "RDATE" not in sub
