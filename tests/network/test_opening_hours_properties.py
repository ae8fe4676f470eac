""" "Open now" agrees with the hours the drop-in page lists, for any hours and any moment.

The listed hours are the usual week, with closures and changed hours taking over the days they
cover (the first one listed, where they overlap). Moments are drawn anywhere from 2024 to 2040
and often within days of a clock change, when a day is 23 or 25 hours long. Venues open between
6am and 11pm (clock_changes.py).
"""

from datetime import UTC, date, datetime, time, timedelta
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from network.models import OpeningException, OpeningPeriod
from network.opening_hours import LONDON, LOOK_AHEAD_DAYS, opening_status
from tests.network.clock_changes import FIRST_YEAR, LAST_YEAR, clock_change_days, wall_clock_hours


@st.composite
def moments(draw):
    """An instant, in UTC: anywhere, or within three days of a clock change."""
    anywhere = st.datetimes(datetime(FIRST_YEAR, 1, 1), datetime(LAST_YEAR, 12, 31), timezones=st.just(UTC))
    change = draw(clock_change_days())
    at_change = datetime.combine(change, time(1), UTC)
    near_change = st.integers(-3 * 24 * 60, 3 * 24 * 60).map(
        lambda minutes: at_change + timedelta(minutes=minutes)
    )
    return draw(st.one_of(anywhere, near_change))


def periods():
    hours = st.tuples(st.integers(0, 6), wall_clock_hours())
    return st.lists(hours, max_size=10).map(
        lambda rows: [OpeningPeriod(weekday=day, opens=opens, closes=closes) for day, (opens, closes) in rows]
    )


@st.composite
def exceptions(draw, around):
    """Closures and changed hours on days near `around`, unsaved (nothing here reads the database)."""
    rows = []
    for _ in range(draw(st.integers(0, 4))):
        start = around + timedelta(days=draw(st.integers(-5, 20)))
        end = start + timedelta(days=draw(st.integers(0, 10)))
        opens, closes = draw(st.one_of(st.just((None, None)), wall_clock_hours()))
        reason = draw(st.sampled_from(["Christmas holidays", "Staff training", "Short day"]))
        rows.append(
            OpeningException(start_date=start, end_date=end, opens=opens, closes=closes, reason=reason)
        )
    return rows


def venue_with(periods, exceptions):
    """A venue as opening_status reads it (with its hours prefetched)."""
    return SimpleNamespace(
        opening_periods=SimpleNamespace(all=lambda: periods),
        opening_exceptions=SimpleNamespace(all=lambda: exceptions),
    )


def listed_hours(day, periods, exceptions):
    """The hours the drop-in page lists for a date: [(opens, closes)], and the reason it differs."""
    for exception in exceptions:
        if exception.start_date <= day <= exception.end_date:
            return (
                [] if exception.opens is None else [(exception.opens, exception.closes)]
            ), exception.reason
    return sorted((p.opens, p.closes) for p in periods if p.weekday == day.weekday()), ""


def at(day, clock_time):
    return datetime.combine(day, clock_time, LONDON)


@given(st.data())
def test_open_now_agrees_with_the_listed_hours_at_any_moment(data):
    now = data.draw(moments())
    today = now.astimezone(LONDON).date()
    usual, changed = data.draw(periods()), data.draw(exceptions(around=today))
    status = opening_status(venue_with(usual, changed), now=now)

    hours, reason = listed_hours(today, usual, changed)
    clock = now.astimezone(LONDON).time()
    open_now = [(opens, closes) for opens, closes in hours if opens <= clock < closes]
    assert status.is_open == bool(open_now)
    assert status.message.startswith("Open now") == bool(open_now)
    if open_now:
        # Open until the end of the run of periods that meet or overlap the one open now.
        until = max(closes for _opens, closes in open_now)
        for opens, closes in hours:
            if opens <= until:
                until = max(until, closes)
        assert status.closes_at == at(today, until)
        assert status.closes_at.astimezone(LONDON).time() == until
        return
    assert status.closed_reason == (reason if not hours else "")
    later_openings = [
        at(day, opens)
        for day in (today + timedelta(days=offset) for offset in range(LOOK_AHEAD_DAYS + 1))
        for opens, _closes in listed_hours(day, usual, changed)[0]
        if at(day, opens) > now
    ]
    assert status.next_opening == min(later_openings, default=None)
    if status.next_opening is not None:
        opening_day = status.next_opening.astimezone(LONDON).date()
        opening_hours = listed_hours(opening_day, usual, changed)[0]
        assert status.next_opening.astimezone(LONDON).time() in {opens for opens, _closes in opening_hours}


@given(st.data())
def test_a_closed_day_is_never_open_and_never_the_next_opening(data):
    day = data.draw(st.dates(date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31)))
    usual = data.draw(periods())
    closure = OpeningException(start_date=day, end_date=day, opens=None, closes=None, reason="Staff training")
    changed = [closure, *data.draw(exceptions(around=day))]
    for clock in (time(0), time(6), time(10), time(12, 30), time(17), time(23, 59)):
        status = opening_status(venue_with(usual, changed), now=at(day, clock))
        assert not status.is_open
        assert status.closed_reason == "Staff training"
        assert status.next_opening is None or status.next_opening.astimezone(LONDON).date() != day
