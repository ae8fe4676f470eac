"""Hypothesis strategies for the property tests of opening hours and group schedules."""

from datetime import date, time, timedelta

from hypothesis import strategies as st

# Far enough either way to cover many clock changes, and leap years.
FIRST_YEAR, LAST_YEAR = 2024, 2040


def clock_changes(year):
    """The days the clocks go forward (last Sunday in March) and back (last Sunday in October)."""
    days = []
    for month in (3, 10):
        day = date(year, month, 31)
        days.append(day - timedelta(days=(day.weekday() - 6) % 7))
    return days


def clock_change_days():
    return st.integers(FIRST_YEAR, LAST_YEAR).flatmap(lambda year: st.sampled_from(clock_changes(year)))


@st.composite
def wall_clock_hours(draw):
    """An opening and a closing time between 6am and 11pm, on the quarter hour. The clocks change
    at 1am and 2am, when nothing opens: a time inside the skipped hour has no place on the clock."""
    start = draw(st.integers(6 * 4, 22 * 4 - 1))
    length = draw(st.integers(1, min(4 * 4, 23 * 4 - start)))
    end = start + length
    return time(start // 4, start % 4 * 15), time(end // 4, end % 4 * 15)
