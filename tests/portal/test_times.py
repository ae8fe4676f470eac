"""One style for times and dates everywhere: "7:30am", "midday", "Tuesday 1 December"."""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template

from portal import times

LONDON = ZoneInfo("Europe/London")
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (datetime.time(7, 30), "7:30am"),
        (datetime.time(12, 0), "midday"),
        (datetime.time(12, 30), "12:30pm"),
        (datetime.time(0, 15), "12:15am"),
        (datetime.time(18, 0), "6pm"),
        # A moment is said in UK time: 19:30 UTC in summer is 8:30pm.
        (datetime.datetime(2026, 7, 1, 19, 30, tzinfo=datetime.UTC), "8:30pm"),
        (datetime.datetime(2026, 12, 1, 19, 30, tzinfo=datetime.UTC), "7:30pm"),
    ],
)
def test_clock(value, words):
    assert times.clock(value) == words


def test_day_and_moment():
    evening = datetime.datetime(2026, 12, 1, 19, 30, tzinfo=LONDON)
    assert times.day(evening) == "Tuesday 1 December"
    assert times.day(datetime.date(2026, 12, 1), with_year=True) == "Tuesday 1 December 2026"
    assert times.moment(evening) == "Tuesday 1 December, 7:30pm"
    assert times.moment(evening, with_year=True) == "Tuesday 1 December 2026, 7:30pm"
    assert times.html_datetime(evening.replace(microsecond=123456)) == "2026-12-01T19:30:00+00:00"


def test_the_template_filters_say_the_same():
    evening = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=LONDON)
    html = Template(
        '{% load times %}{{ t|clock }} | {{ t|day }} | {{ t|day:"year" }} | {{ t|moment:"year" }}'
    ).render(Context({"t": evening}))
    assert html == "midday | Tuesday 1 December | Tuesday 1 December 2026 | Tuesday 1 December 2026, midday"


def test_no_template_writes_a_time_or_date_its_own_way():
    own_way = re.compile(r"\|(date|time):\s*[\"'](?!Y-m-d)[^\"']*[\"']")
    found = [
        f"{path.relative_to(TEMPLATES)}: {match.group()}"
        for path in TEMPLATES.rglob("*")
        if path.suffix in {".html", ".txt", ".xml"}
        for match in own_way.finditer(path.read_text())
    ]
    assert not found, "Use {% load times %} and |clock, |day or |moment:\n" + "\n".join(found)
