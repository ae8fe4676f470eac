"""An export as data: an "about this file" list and tables whose columns come from small getters,
so that every format (CSV, JSON, Excel, the printable pack and its PDF) holds the same thing."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 2000


def neutralise(value):
    """Stop a spreadsheet reading text as a formula: prefix a single quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def when(value):
    if value is None:
        return ""
    if hasattr(value, "tzinfo"):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M %Z")
    return value.isoformat()


@dataclass
class Column:
    header: str
    get: Callable[[Any], Any]


@dataclass
class Table:
    name: str
    columns: list[Column]
    rows: Callable[[], Iterable[Any]]

    @property
    def headers(self):
        return [column.header for column in self.columns]

    def values(self):
        for row in self.rows():
            yield [column.get(row) for column in self.columns]


@dataclass
class ExportDocument:
    title: str
    filename: str
    about: list[tuple[str, Any]]
    tables: list[Table] = field(default_factory=list)
