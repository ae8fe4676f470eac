"""Reads an iCalendar file from standard input with vobject and prints every occurrence between two
dates as JSON: {uid, summary, transp, start, end}, start and end in UTC.

Run as its own program, like the node reader beside it, because vobject keeps the first VTIMEZONE it
ever sees for a TZID for the life of the process: a fresh process reads each file as a calendar app
opening it for the first time would.

Usage: python read_calendar_vobject.py 2027-01-01T00:00:00+00:00 2028-01-01T00:00:00+00:00 < calendar.ics
"""

import json
import sys
from datetime import UTC, datetime

import vobject


def occurrences(calendar, start, end):
    for event in calendar.vevent_list:
        duration = event.dtend.value - event.dtstart.value
        rules = event.getrruleset(addRDate=True)
        starts = rules.between(start - duration, end, inc=False) if rules else [event.dtstart.value]
        for occurrence in starts:
            if occurrence + duration <= start or occurrence >= end:
                continue
            yield {
                "uid": event.uid.value,
                "summary": event.summary.value,
                "transp": event.transp.value if hasattr(event, "transp") else None,
                "start": occurrence.astimezone(UTC).isoformat(),
                "end": (occurrence + duration).astimezone(UTC).isoformat(),
            }


if __name__ == "__main__":
    window_start, window_end = (datetime.fromisoformat(value) for value in sys.argv[1:3])
    calendar = vobject.readOne(sys.stdin.read())
    json.dump(list(occurrences(calendar, window_start, window_end)), sys.stdout)
