"""Is a venue open now, and when does it next open? Worked out in Europe/London wall-clock time.

Opening hours are wall-clock times ("10:00 to 16:00"), so each day's times are made aware on
that day. Comparing aware datetimes keeps the answer right across the clock changes, when a day
is 23 or 25 hours long.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.times import clock as friendly_time

from .models.choices import Weekday

LONDON = ZoneInfo("Europe/London")
# Far enough to see past the longest holiday closure (Christmas to New Year).
LOOK_AHEAD_DAYS = 31
WEEKDAY_NAMES = dict(Weekday.choices)


def at_london_time(day, wall_time):
    return datetime.combine(day, wall_time, tzinfo=LONDON)


@dataclass(frozen=True)
class DayHours:
    day: date
    periods: list = field(default_factory=list)  # [(opens, closes)] in order
    exception_reason: str = ""

    @property
    def closed(self):
        return not self.periods


def hours_on(day, periods, exceptions):
    """The hours on one date: an exception covering it wins over the usual week."""
    for exception in exceptions:
        if exception.covers(day):
            hours = [] if exception.closed else [(exception.opens, exception.closes)]
            return DayHours(day, hours, exception.reason)
    usual = sorted((p.opens, p.closes) for p in periods if p.weekday == day.weekday())
    return DayHours(day, usual)


@dataclass(frozen=True)
class OpeningStatus:
    now: datetime
    closes_at: datetime | None = None
    next_opening: datetime | None = None
    closed_reason: str = ""

    @property
    def is_open(self):
        return self.closes_at is not None

    @property
    def message(self):
        if self.is_open:
            return _("Open now until %(time)s") % {"time": friendly_time(self.closes_at.time())}
        if self.next_opening is None:
            return _("Closed for now")
        return _("Closed - opens %(when)s at %(time)s") % {
            "when": self._day_words(self.next_opening.date()),
            "time": friendly_time(self.next_opening.time()),
        }

    def _day_words(self, day):
        today = self.now.date()
        if day == today:
            return _("today")
        if day == today + timedelta(days=1):
            return _("tomorrow")
        if day < today + timedelta(days=7):
            return str(WEEKDAY_NAMES[day.weekday()])
        return _("on %(date)s") % {"date": f"{WEEKDAY_NAMES[day.weekday()]} {day.day} {day:%B}"}


def opening_status(venue, now=None):
    """Open now (and until when), or closed (and when it opens next).

    Reads venue.opening_periods and venue.opening_exceptions through .all(), so a caller that
    prefetched them pays no further queries.
    """
    now = timezone.localtime(now or timezone.now(), LONDON)
    periods = list(venue.opening_periods.all())
    exceptions = list(venue.opening_exceptions.all())
    today = hours_on(now.date(), periods, exceptions)
    closed_reason = today.exception_reason if today.closed else ""
    closes_at = None
    for offset in range(LOOK_AHEAD_DAYS + 1):
        day = now.date() + timedelta(days=offset)
        for opens, closes in hours_on(day, periods, exceptions).periods:
            opens_at, period_closes_at = at_london_time(day, opens), at_london_time(day, closes)
            if closes_at is not None:
                # Back-to-back periods (10 to 12, then 12 to 4) read as one: "open until 4pm".
                if opens_at <= closes_at:
                    closes_at = max(closes_at, period_closes_at)
                    continue
                return OpeningStatus(now=now, closes_at=closes_at)
            if opens_at <= now < period_closes_at:
                closes_at = period_closes_at
            elif opens_at > now:
                return OpeningStatus(now=now, next_opening=opens_at, closed_reason=closed_reason)
    if closes_at is not None:
        return OpeningStatus(now=now, closes_at=closes_at)
    return OpeningStatus(now=now, closed_reason=closed_reason)


@dataclass(frozen=True)
class WeekdayHours:
    weekday: int
    name: str
    periods: list


def weekly_hours(venue):
    """The usual week, Monday first, with every day listed so "closed" days are said out loud."""
    periods = list(venue.opening_periods.all())
    return [
        WeekdayHours(
            weekday,
            name,
            sorted((p.opens, p.closes) for p in periods if p.weekday == weekday),
        )
        for weekday, name in Weekday.choices
    ]


def upcoming_exceptions(venue, today=None):
    """Closures and changed hours from today on, soonest first."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=LOOK_AHEAD_DAYS * 3)
    return sorted(
        (e for e in venue.opening_exceptions.all() if e.end_date >= today and e.start_date <= horizon),
        key=lambda e: e.start_date,
    )


def services_by_weekday(venue):
    """Which services come on which day, for days when at least one comes."""
    visits = sorted(venue.service_visits.all(), key=lambda v: (v.weekday, v.starts, v.service.name))
    days = []
    for weekday, name in Weekday.choices:
        on_day = [visit for visit in visits if visit.weekday == weekday]
        if on_day:
            days.append((name, on_day))
    return days


def drop_in_details(venue):
    """What the drop-in page shows about a venue read with `Venue.objects.with_hours()`."""
    return {
        "venue": venue,
        "status": opening_status(venue),
        "weekly_hours": weekly_hours(venue),
        "exceptions": upcoming_exceptions(venue),
        "services_by_day": services_by_weekday(venue),
    }
