"""Attendance figures for the partnership: per group and month, how many sessions were held, how
many places were booked, how many people came (signed up, walked in, both) and how many were new
to the group. Counted in the database (three queries, however many groups and sessions), then
protected once (portal.disclosure) so the page, the CSV and the Excel file show the same numbers
and hide the same ones.

What counts:
- a session held: not cancelled, and started before now;
- a place booked: a booked registration (not the waiting list) for a session held;
- people who came: booked registrations marked as came, plus the walk-ins the facilitator wrote;
- new to the group: members whose first session they came to, of that group, was in that month.
  Walk-ins are not named, so they can never be counted as new.

What is protected: places booked, people who came after signing up, walk-ins and new members are
each a table of groups by months with a total for each group, each month and the whole; each is
protected on its own (small counts hidden, and enough others that none can be worked out). The
total who came is shown only when both its parts are, so it gives nothing away either. Sessions
held are not counts of people and are always shown. Not modelled: places booked bound people who
came, and people who came bound new members; like consultations' ranked order, a bound narrows a
hidden count but never pins it down while both figures are not equal, and where they are equal
both are hidden or both shown.
"""

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, DateField, Exists, OuterRef, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.disclosure import Cells

from .models import GroupSession, SessionRegistration
from .models.choices import RegistrationStatus

PROTECTED = ("places_booked", "came_signed_up", "came_walk_in", "new_members")
ALL = None  # the key of a total: every group, or every month

HIDDEN_NOTE = _(
    "Where a number says “hidden”, we do not show it. We hide numbers from 1 to 4, so that nobody "
    "can be picked out. Sometimes we hide one more number too, so that the small one cannot be "
    "worked out by adding up or taking away."
)
NEW_MEMBERS_NOTE = _(
    "New to the group means a member whose first session at that group, the first they came to, "
    "was in that month. People who walk in without signing up are not named, so they are never "
    "counted as new."
)


def london():
    return ZoneInfo(settings.TIME_ZONE)


def month_start(day):
    return day.replace(day=1)


def months_between(first, last):
    """The first day of every month from `first`'s month to `last`'s, in order."""
    months, month = [], month_start(first)
    while month <= last:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


@dataclass
class Period:
    first: datetime.date
    last: datetime.date  # included

    @property
    def starts_at(self):
        return datetime.datetime.combine(self.first, datetime.time(), tzinfo=london())

    @property
    def ends_at(self):
        return datetime.datetime.combine(
            self.last + datetime.timedelta(days=1), datetime.time(), tzinfo=london()
        )

    @property
    def months(self):
        return months_between(self.first, self.last)


@dataclass
class Figures:
    """One group in one month, or a total (group or month None). None means hidden."""

    group: str | None
    month: datetime.date | None
    sessions_held: int = 0
    places_booked: int | None = 0
    came_signed_up: int | None = 0
    came_walk_in: int | None = 0
    new_members: int | None = 0

    @property
    def came(self):
        if self.came_signed_up is None or self.came_walk_in is None:
            return None
        return self.came_signed_up + self.came_walk_in

    @property
    def has_hidden(self):
        return any(getattr(self, name) is None for name in PROTECTED)


@dataclass
class GroupFigures:
    title: str
    months: list[Figures]
    total: Figures

    @property
    def rows(self):
        return [*self.months, self.total]


@dataclass
class AttendanceFigures:
    period: Period
    groups: list[GroupFigures] = field(default_factory=list)
    months: list[Figures] = field(default_factory=list)  # every group, month by month
    total: Figures | None = None
    has_hidden: bool = False

    @property
    def all_groups(self):
        return [*self.months, self.total]

    def rows(self):
        """Every row, as files list them: each group's months then its total, then every group."""
        for group in self.groups:
            yield from group.rows
        yield from self.all_groups


def _held(now, prefix=""):
    return Q(**{f"{prefix}cancelled": False, f"{prefix}starts_at__lt": now})


def _in_period(period, prefix=""):
    return Q(**{f"{prefix}starts_at__gte": period.starts_at, f"{prefix}starts_at__lt": period.ends_at})


def _month(path):
    return TruncMonth(path, tzinfo=london(), output_field=DateField())


def tally(period):
    """{(group id, month): {measure: exact count}} and {group id: title}, in three queries."""
    counts = {}
    now = timezone.now()

    def add(rows, group_key, names):
        for row in rows:
            cell = counts.setdefault(
                (row[group_key], row["month"]), dict.fromkeys(("sessions_held", *PROTECTED), 0)
            )
            for name in names:
                cell[name] = row[name] or 0

    sessions = (
        GroupSession.objects.filter(_held(now) & _in_period(period))
        .annotate(month=_month("starts_at"))
        .values("group_id", "group__title", "month")
        .annotate(sessions_held=Count("pk"), came_walk_in=Sum("walk_ins"))
        .order_by()
    )
    sessions = list(sessions)
    titles = {row["group_id"]: row["group__title"] for row in sessions}
    add(sessions, "group_id", ("sessions_held", "came_walk_in"))

    booked = SessionRegistration.objects.booked().filter(
        _held(now, "session__") & _in_period(period, "session__")
    )
    add(
        booked.annotate(month=_month("session__starts_at"))
        .values("session__group_id", "month")
        .annotate(places_booked=Count("pk"), came_signed_up=Count("pk", filter=Q(attended=True)))
        .order_by(),
        "session__group_id",
        ("places_booked", "came_signed_up"),
    )

    came_before = SessionRegistration.objects.filter(
        _held(now, "session__"),
        member=OuterRef("member"),
        session__group=OuterRef("session__group"),
        session__starts_at__lt=OuterRef("session__starts_at"),
        status=RegistrationStatus.BOOKED,
        attended=True,
    )
    add(
        booked.filter(attended=True)
        .exclude(Exists(came_before))
        .annotate(month=_month("session__starts_at"))
        .values("session__group_id", "month")
        .annotate(new_members=Count("member", distinct=True))
        .order_by(),
        "session__group_id",
        ("new_members",),
    )
    return counts, titles


def protect(period, counts, titles):
    """The figures to show, with every count that must not be seen set to None."""
    months = period.months
    group_ids = sorted(titles, key=lambda pk: (titles[pk].lower(), pk))

    def exact(group_id, month, name):
        keys = [
            (g, m)
            for g in ([group_id] if group_id is not ALL else group_ids)
            for m in ([month] if month is not ALL else months)
        ]
        return sum(counts.get(key, {}).get(name, 0) for key in keys)

    hidden = {
        name: _hidden_in_table(group_ids, months, lambda g, m, name=name: exact(g, m, name))
        for name in PROTECTED
    }

    def figures(group_id, month):
        values = {name: exact(group_id, month, name) for name in ("sessions_held", *PROTECTED)}
        for name in PROTECTED:
            if (group_id, month) in hidden[name]:
                values[name] = None
        return Figures(group=titles.get(group_id), month=month, **values)

    result = AttendanceFigures(period=period)
    for group_id in group_ids:
        result.groups.append(
            GroupFigures(
                title=titles[group_id],
                months=[figures(group_id, month) for month in months],
                total=figures(group_id, ALL),
            )
        )
    result.months = [figures(ALL, month) for month in months]
    result.total = figures(ALL, ALL)
    result.has_hidden = any(row.has_hidden for row in result.rows())
    return result


def _hidden_in_table(group_ids, months, value):
    """Which (group, month) cells of one measure to hide, totals included (ALL for a total)."""
    cells = Cells()
    for group_id in [*group_ids, ALL]:
        for month in [*months, ALL]:
            cells.add((group_id, month), value(group_id, month))
    for group_id in [*group_ids, ALL]:
        cells.adds_up([(group_id, month) for month in months], (group_id, ALL))
    if group_ids:
        for month in months:
            cells.adds_up([(group_id, month) for group_id in group_ids], (ALL, month))
        cells.adds_up([(group_id, ALL) for group_id in group_ids], (ALL, ALL))
    return cells.hidden()


def attendance_figures(period):
    counts, titles = tally(period)
    return protect(period, counts, titles)
