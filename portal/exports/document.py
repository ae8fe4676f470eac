"""An export as data, shared by every app that makes files (consultations, network): an "about
this file" list and tables whose columns come from small getters, so that every format (CSV, JSON,
Excel, the printable pack and its PDF) holds the same thing.

Getters give values as they are (numbers, datetimes, dates, None for a hidden count); each format
writes them its own way: ISO 8601 with the UK offset in CSV and JSON, real dates and numbers in
Excel, words in the printed pack.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from django.utils import timezone

from portal import times

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 2000

# What a column holds, for the formats that care (Excel's widths and number styles).
TEXT = "text"
LONG_TEXT = "long text"
NUMBER = "number"
MOMENT = "date and time"
DAY = "date"


def is_formula_like(value):
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def neutralise(value):
    """Stop a spreadsheet reading text as a formula: prefix a single quote (CSV; Excel files store
    such text as text instead)."""
    return "'" + value if is_formula_like(value) else value


def local(value):
    """A datetime in the UK's time, with its offset."""
    return timezone.localtime(value) if isinstance(value, datetime.datetime) else value


def plain(value):
    """For CSV and JSON: dates in ISO 8601 (with the offset for a moment), the rest as it is."""
    if isinstance(value, datetime.datetime):
        return local(value).isoformat(timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def when(value):
    """For people, in the portal's one style: "Tuesday 22 December 2026, 2pm"."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        return times.moment(value, with_year=True)
    if isinstance(value, datetime.date):
        return times.day(value, with_year=True)
    return value


@dataclass
class Column:
    header: str
    get: Callable[[Any], Any]
    kind: str = TEXT
    # Set by cell(): rows are dicts, and the column shows row[key].
    key: str | None = None


def cell(header, key, kind=TEXT):
    """A column showing row[key] of rows that are dicts. A table made only of these reads each row
    in one call (a file of 1,000 rows would otherwise make a call for every cell)."""
    return Column(header, itemgetter(key), kind, key)


@dataclass
class Table:
    name: str
    columns: list[Column]
    rows: Callable[[], Iterable[Any]]

    @property
    def headers(self):
        return [column.header for column in self.columns]

    def values(self):
        """Each row's values, in the columns' order."""
        keys = [column.key for column in self.columns]
        if len(keys) > 1 and None not in keys:
            return map(itemgetter(*keys), self.rows())
        getters = [column.get for column in self.columns]
        return ([get(row) for get in getters] for row in self.rows())


@dataclass
class ExportDocument:
    title: str
    filename: str
    # "About this file": (label, value) pairs, or a function that makes them, called only by the
    # formats that show them (JSON, Excel, the pack). A CSV holds the main table alone.
    about: list[tuple[str, Any]] | Callable[[], list[tuple[str, Any]]]
    tables: list[Table] = field(default_factory=list)
    # The table a CSV holds: one tidy table per file (the others are in the Excel and JSON files).
    main: str = ""

    def about_this_file(self):
        return self.about() if callable(self.about) else self.about

    @property
    def main_table(self):
        return next(table for table in self.tables if table.name == self.main)
