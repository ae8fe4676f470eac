"""Turn a group's schedule (weekly, fortnightly, monthly on the nth weekday) into dates and rules."""

from datetime import UTC, date, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models.choices import Frequency, Weekday, label_of
from .opening_hours import at_london_time, friendly_time

ICAL_WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
ORDINALS = {
    1: gettext_lazy("first"),
    2: gettext_lazy("second"),
    3: gettext_lazy("third"),
    4: gettext_lazy("fourth"),
    -1: gettext_lazy("last"),
}


def week_of_month(day):
    """Which occurrence of its weekday a date is in its month: 1 to 4, or -1 for a fifth (the last)."""
    week = (day.day - 1) // 7 + 1
    return -1 if week == 5 else week


def nth_weekday_of_month(year, month, weekday, week):
    """The date of the nth weekday (Monday is 0) in a month; week -1 is the last one."""
    first = day = date(year, month, 1)
    while day.weekday() != weekday:
        day += timedelta(days=1)
    if week > 0:
        return day + timedelta(weeks=week - 1)
    last = day
    while (last + timedelta(weeks=1)).month == first.month:
        last += timedelta(weeks=1)
    return last


def meeting_dates(group, start, end):
    """Dates the group meets on, from start to end inclusive (both dates)."""
    last = min(end, group.last_date) if group.last_date else end
    if group.frequency == Frequency.MONTHLY:
        week = week_of_month(group.first_date)
        year, month = group.first_date.year, group.first_date.month
        while True:
            day = nth_weekday_of_month(year, month, group.weekday, week)
            if day > last:
                return
            if day >= start and day >= group.first_date:
                yield day
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    step = timedelta(weeks=2 if group.frequency == Frequency.FORTNIGHTLY else 1)
    day = group.first_date
    if start > day:
        # Jump whole steps so a group started years ago costs nothing extra.
        day += step * ((start - day) // step)
        if day < start:
            day += step
    while day <= last:
        yield day
        day += step


def meeting_times(group, day):
    return at_london_time(day, group.start_time), at_london_time(day, group.end_time)


def recurrence_rule(group):
    """The schedule as an iCalendar RRULE (a dict for icalendar's vRecur)."""
    rule = {"FREQ": "WEEKLY", "BYDAY": ICAL_WEEKDAYS[group.weekday]}
    if group.frequency == Frequency.FORTNIGHTLY:
        rule["INTERVAL"] = 2
    elif group.frequency == Frequency.MONTHLY:
        rule = {
            "FREQ": "MONTHLY",
            "BYDAY": f"{week_of_month(group.first_date)}{ICAL_WEEKDAYS[group.weekday]}",
        }
    if group.last_date:
        # UNTIL is in UTC when DTSTART has a time zone (RFC 5545, 3.3.10).
        rule["UNTIL"] = meeting_times(group, group.last_date)[1].astimezone(UTC)
    return rule


def schedule_in_words(group):
    """ "Every Tuesday, 6pm to 8pm" and the like, for people rather than calendars."""
    day = label_of(Weekday, group.weekday)
    times = _("%(start)s to %(end)s") % {
        "start": friendly_time(group.start_time),
        "end": friendly_time(group.end_time),
    }
    if group.frequency == Frequency.FORTNIGHTLY:
        when = _("Every other %(day)s") % {"day": day}
    elif group.frequency == Frequency.MONTHLY:
        when = _("The %(nth)s %(day)s of each month") % {
            "nth": ORDINALS[week_of_month(group.first_date)],
            "day": day,
        }
    else:
        when = _("Every %(day)s") % {"day": day}
    return f"{when}, {times}"
