"""VTIMEZONE components in the form every calendar app reads: one DAYLIGHT and one STANDARD rule,
each repeating every year (RRULE), as Thunderbird, Apple Calendar and Outlook write them.

icalendar's own VTIMEZONE lists every past clock change as one long comma-separated RDATE line and
stops in 2037. That is legal, but ical.js (Thunderbird) and vobject read only the first date of the
line, which put every winter session an hour early, and nothing covered the years after 2037.

The rule comes from the tz database itself: each zone's file ends with a POSIX TZ string, the rule
the zone keeps to from now on ("GMT0BST,M3.5.0/1,M10.5.0" for London). Readers only ever expand the
calendar's events, which all start after 1970, so that rule alone describes them.
"""

import re
from datetime import datetime, time, timedelta
from functools import cache
from importlib import resources
from pathlib import Path
from zoneinfo import TZPATH

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

from ..group_schedule import ICAL_WEEKDAYS, nth_weekday_of_month

# Each rule's DTSTART is its first change in this year: before anything a calendar holds.
RULES_FROM_YEAR = 1970
DEFAULT_CHANGE_TIME = "2"  # POSIX: clocks change at 02:00 local time unless the rule says otherwise
NAME = r"<[^>]+>|[A-Za-z]{3,}"
DURATION = r"[+-]?\d{1,3}(?::\d{2}){0,2}"
CHANGE = rf"M(\d{{1,2}})\.([1-5])\.([0-6])(?:/({DURATION}))?"
POSIX_TZ = re.compile(
    rf"(?P<std>{NAME})(?P<std_offset>{DURATION})"
    rf"(?:(?P<dst>{NAME})(?P<dst_offset>{DURATION})?,(?P<starts>{CHANGE}),(?P<ends>{CHANGE}))?"
)
CHANGE_PARTS = re.compile(CHANGE)


def posix_rule(key):
    """The last line of the zone's TZif file, read from where zoneinfo reads it."""
    for folder in TZPATH:
        path = Path(folder, key)
        if path.is_file():
            data = path.read_bytes()
            break
    else:
        data = resources.files("tzdata").joinpath("zoneinfo", *key.split("/")).read_bytes()
    # Only TZif version 2 and later carry the rule; version 1 files end with the transitions.
    if not data.startswith(b"TZif") or data[4:5] == b"\0":
        raise ValueError(f"The tz database file for {key} has no rule for the years ahead.")
    return data.rstrip(b"\n").rsplit(b"\n", 1)[-1].decode("ascii")


def duration(text):
    sign = -1 if text.startswith("-") else 1
    hours, minutes, seconds = ([int(part) for part in text.lstrip("+-").split(":")] + [0, 0])[:3]
    return sign * timedelta(hours=hours, minutes=minutes, seconds=seconds)


def yearly_change(text, *, key):
    """An "Mm.w.d[/time]" change as (DTSTART in 1970, RRULE)."""
    month, week, day, at = CHANGE_PARTS.fullmatch(text).groups()
    at = duration(at or DEFAULT_CHANGE_TIME)
    if not timedelta(0) <= at < timedelta(days=1):
        # Possible in the tz database (changes "at 25:00"), but then BYDAY would name the wrong day.
        raise ValueError(f"{key} changes its clocks at {at} from midnight, which a yearly rule cannot say.")
    week = -1 if week == "5" else int(week)  # the fifth week means the last one in the month
    weekday = (int(day) - 1) % 7  # POSIX counts from Sunday, Python from Monday
    first = nth_weekday_of_month(RULES_FROM_YEAR, int(month), weekday, week)
    rule = {"FREQ": "YEARLY", "BYMONTH": int(month), "BYDAY": f"{week}{ICAL_WEEKDAYS[weekday]}"}
    return datetime.combine(first, time()) + at, rule


def observance(kind, name, offset_from, offset_to, starts, rule=None):
    component = kind()
    component.add("tzname", name.strip("<>"))
    component.add("tzoffsetfrom", offset_from)
    component.add("tzoffsetto", offset_to)
    # A local time in the offset in force before the change (RFC 5545, 3.6.5).
    component.add("dtstart", starts)
    if rule:
        component.add("rrule", dict(rule))
    return component


@cache
def observances(key):
    """The zone's rule as (kind, name, offset from, offset to, first change, RRULE) tuples."""
    rule = posix_rule(key)
    match = POSIX_TZ.fullmatch(rule)
    if match is None:
        raise ValueError(f"{key} keeps to {rule!r}, which is not a rule this module can write as RRULEs.")
    # POSIX offsets count hours west of Greenwich; iCalendar's count east.
    standard = -duration(match["std_offset"])
    if not match["dst"]:
        return ((TimezoneStandard, match["std"], standard, standard, datetime(RULES_FROM_YEAR, 1, 1), None),)
    daylight = -duration(match["dst_offset"]) if match["dst_offset"] else standard + timedelta(hours=1)
    return (
        (TimezoneDaylight, match["dst"], standard, daylight, *yearly_change(match["starts"], key=key)),
        (TimezoneStandard, match["std"], daylight, standard, *yearly_change(match["ends"], key=key)),
    )


def vtimezone(key):
    """A VTIMEZONE for a tz database zone ("Europe/London") whose TZID is the zone's own name."""
    component = Timezone()
    component.add("tzid", key)
    for parts in observances(key):
        component.add_component(observance(*parts))
    return component
