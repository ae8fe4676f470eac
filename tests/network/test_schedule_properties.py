"""Properties of group schedules for any group, on any dates, either side of the clock changes.

A group meets at a wall-clock time ("Tuesdays, 6pm to 8pm"), so its sessions must start at that
time on the clock in Portskerry in winter and in summer: in UTC they move by an hour at each
change. The calendar feed gives the schedule as a repeating rule; read by a calendar library it
must give the same sessions as the site. Groups meet between 6am and 11pm (clock_changes.py).
"""

from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from types import SimpleNamespace

from dateutil.rrule import rrulestr
from hypothesis import given
from hypothesis import strategies as st
from icalendar import vRecur

from network.group_schedule import meeting_dates, meeting_times, recurrence_rule, week_of_month
from network.models.choices import Frequency
from network.opening_hours import LONDON
from tests.network.clock_changes import FIRST_YEAR, LAST_YEAR, clock_change_days, wall_clock_hours

STEP_DAYS = {Frequency.WEEKLY: 7, Frequency.FORTNIGHTLY: 14}


@st.composite
def groups(draw, frequencies=tuple(Frequency), near=None, days_before=(0, 120)):
    """A group's schedule as GroupPage keeps it: the first date falls on the group's weekday."""
    weekday = draw(st.integers(0, 6))
    if near is None:
        near = draw(st.dates(date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31)))
    first = near - timedelta(days=draw(st.integers(*days_before)))
    first += timedelta(days=(weekday - first.weekday()) % 7)
    start_time, end_time = draw(wall_clock_hours())
    last_date = draw(st.one_of(st.none(), st.integers(0, 500).map(lambda days: first + timedelta(days=days))))
    return SimpleNamespace(
        frequency=draw(st.sampled_from(frequencies)),
        weekday=weekday,
        first_date=first,
        last_date=last_date,
        start_time=start_time,
        end_time=end_time,
    )


@st.composite
def groups_around_a_clock_change(draw, frequencies=tuple(Frequency)):
    change = draw(clock_change_days())
    # The group starts at least a month before the change, so it meets on both sides of it.
    group = draw(groups(frequencies, near=change, days_before=(35, 120)))
    group.last_date = None
    return group, change


def in_london(moment):
    return moment.astimezone(LONDON)


@given(groups_around_a_clock_change())
def test_a_session_starts_and_ends_at_the_same_clock_time_either_side_of_a_clock_change(group_and_change):
    group, change = group_and_change
    days = list(meeting_dates(group, change - timedelta(days=70), change + timedelta(days=70)))
    assert any(day < change for day in days) and any(day > change for day in days)
    for day in days:
        starts_at, ends_at = meeting_times(group, day)
        assert (in_london(starts_at).date(), in_london(starts_at).time()) == (day, group.start_time)
        assert (in_london(ends_at).date(), in_london(ends_at).time()) == (day, group.end_time)
        assert starts_at < ends_at


@given(groups_around_a_clock_change(frequencies=(Frequency.WEEKLY, Frequency.FORTNIGHTLY)))
def test_weekly_and_fortnightly_sessions_are_whole_weeks_apart_on_the_calendar(group_and_change):
    """7 or 14 days apart in local dates; in real time, an hour less (or more) across a change."""
    group, change = group_and_change
    days = list(meeting_dates(group, change - timedelta(days=70), change + timedelta(days=70)))
    step = timedelta(days=STEP_DAYS[group.frequency])
    for earlier, later in pairwise(days):
        assert later - earlier == step
        assert later.weekday() == group.weekday
        assert (later - group.first_date) % step == timedelta(0)
        first_start, next_start = meeting_times(group, earlier)[0], meeting_times(group, later)[0]
        # Spring forward: an hour less between them in real time; fall back: an hour more.
        clock_moved = in_london(first_start).utcoffset() - in_london(next_start).utcoffset()
        # (In UTC: Python subtracts two times in one zone by their clock faces.)
        assert next_start.astimezone(UTC) - first_start.astimezone(UTC) == step + clock_moved
        if earlier < change <= later:
            assert clock_moved == timedelta(hours=-1 if change.month == 3 else 1)
        else:
            assert clock_moved == timedelta(0)


@given(groups(frequencies=(Frequency.MONTHLY,)))
def test_a_monthly_group_meets_once_a_month_on_the_same_week_of_the_month(group):
    days = list(meeting_dates(group, group.first_date, group.first_date + timedelta(days=800)))
    assert days[0] == group.first_date
    week = week_of_month(group.first_date)
    for earlier, later in pairwise(days):
        assert (later.year * 12 + later.month) - (earlier.year * 12 + earlier.month) == 1
    for day in days:
        assert day.weekday() == group.weekday
        if week == -1:
            assert (day + timedelta(days=7)).month != day.month  # the last one in its month
        else:
            assert week_of_month(day) == week


@given(groups(), st.integers(-400, 400), st.integers(0, 200))
def test_any_stretch_of_dates_has_the_sessions_the_whole_schedule_has_there(group, offset, length):
    """Starting part-way (the site makes 13 weeks ahead from today) skips no session and adds none."""
    start = group.first_date + timedelta(days=offset)
    end = start + timedelta(days=length)
    whole = [day for day in meeting_dates(group, group.first_date, end) if day >= start]
    assert list(meeting_dates(group, start, end)) == whole
    for day in whole:
        assert group.first_date <= day <= (group.last_date or day)
        assert start <= day <= end


@given(groups())
def test_the_calendar_rule_gives_the_sessions_the_site_shows(group):
    """What a calendar app makes of DTSTART and RRULE (read here by dateutil) is each session."""
    end = group.first_date + timedelta(days=400)
    first_start = in_london(meeting_times(group, group.first_date)[0])
    rule = rrulestr(vRecur(recurrence_rule(group)).to_ical().decode(), dtstart=first_start)
    from_calendar = rule.between(first_start, datetime.combine(end, time.max, LONDON), inc=True)
    on_the_site = [meeting_times(group, day)[0] for day in meeting_dates(group, group.first_date, end)]
    assert [moment.astimezone(UTC) for moment in from_calendar] == [
        moment.astimezone(UTC) for moment in on_the_site
    ]
    assert {in_london(moment).time() for moment in from_calendar} == {group.start_time}
