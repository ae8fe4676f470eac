"""Times and dates the way people say them, the same on every page, email and file:
"7:30am", "midday", "Tuesday 1 December", "Tuesday 1 December 2026, 7:30pm"."""

from datetime import date, datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _


def _local(value):
    return timezone.localtime(value) if isinstance(value, datetime) and timezone.is_aware(value) else value


def clock(value):
    """10am, 4pm, 7:30pm, midday: not "16:00" or "4 p.m."."""
    if value in (None, ""):
        return ""
    value = _local(value)
    if isinstance(value, datetime):
        value = value.time()
    if not isinstance(value, time):
        return value
    if value.hour == 12 and value.minute == 0:
        return _("midday")
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def day(value, with_year=False):
    """Tuesday 1 December, or Tuesday 1 December 2026."""
    if value in (None, ""):
        return ""
    value = _local(value)
    if not isinstance(value, date):
        return value
    words = f"{value:%A} {value.day} {value:%B}"
    return f"{words} {value.year}" if with_year else words


def month(value):
    """December 2026: a month, as the attendance figures give them."""
    if value in (None, ""):
        return ""
    value = _local(value)
    return f"{value:%B} {value.year}" if isinstance(value, date) else value


def moment(value, with_year=False):
    """Tuesday 1 December, 7:30pm (with the year when asked)."""
    if value in (None, ""):
        return ""
    return f"{day(value, with_year)}, {clock(value)}"


def html_datetime(value):
    """A moment for <time datetime>, in UK time to the second: HTML allows at most three digits of a
    second's fraction, and Django's "c" format gives six whenever there are microseconds."""
    return timezone.localtime(value).replace(microsecond=0).isoformat()
