"""The formats every app's export document can be written in: CSV and JSON streamed a line at a
time, and Excel (openpyxl's write-only mode, laid out in `sheets`). Text a spreadsheet could read
as a formula is neutralised in CSV and stored as text in Excel."""

import csv

from django.core.serializers.json import DjangoJSONEncoder
from openpyxl import Workbook

from . import sheets
from .document import FORMULA_STARTS, neutralise, plain

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
JSON_CONTENT_TYPE = "application/json"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# Lines sent to the server together: one write to the network for about 30 KB, not one per line.
LINES_PER_WRITE = 200


class _Echo:
    def write(self, value):
        return value


def in_batches(lines):
    """The same text, joined into larger pieces as it streams."""
    batch = []
    for line in lines:
        batch.append(line)
        if len(batch) >= LINES_PER_WRITE:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)


def csv_rows(document):
    """The CSV, streamed: one tidy table, the document's main one (what the file is about is in the
    JSON and Excel files)."""
    return in_batches(_csv_lines(document))


def _csv_lines(document):
    writer = csv.writer(_Echo())
    table = document.main_table
    yield "\ufeff"
    yield writer.writerow(table.headers)
    # csv_value(), written out for text and counts (most cells), so they cost no call of their own.
    for values in table.values():
        yield writer.writerow(
            [
                ("'" + value if value.startswith(FORMULA_STARTS) else value)
                if value.__class__ is str
                else value
                if value.__class__ in AS_THEY_ARE
                else csv_value(value)
                for value in values
            ]
        )


# Counts and hidden counts (None): a third of the cells, written as they are without a call.
AS_THEY_ARE = frozenset({int, type(None)})


def csv_value(value):
    """neutralise(plain(value)), with text and counts (most cells) checked straight away: plain()
    changes only dates and times, into ISO 8601, which never starts like a formula."""
    kind = value.__class__
    if kind is str:
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    if kind is int or value is None:  # counts, and hidden counts
        return value
    return neutralise(plain(value))


def json_chunks(document):
    """The JSON, streamed: every table, a row at a time, in larger pieces."""
    return in_batches(_json_parts(document))


def _json_parts(document):
    encode = DjangoJSONEncoder().encode
    yield '{"title": ' + encode(document.title) + ', "about": '
    yield encode([{"label": label, "value": plain(value)} for label, value in document.about_this_file()])
    yield ', "tables": ['
    for index, table in enumerate(document.tables):
        yield (", " if index else "") + '{"name": ' + encode(table.name)
        yield ', "columns": ' + encode(table.headers) + ', "rows": ['
        for row_index, values in enumerate(table.values()):
            row = {header: plain(value) for header, value in zip(table.headers, values, strict=True)}
            yield (", " if row_index else "") + encode(row)
        yield "]}"
    yield "]}\n"


def write_xlsx(document, target):
    """Write-only mode: rows go straight to the file, so memory stays flat as data grows."""
    workbook = Workbook(write_only=True)
    sheets.about_sheet(workbook, document.about_this_file())
    for table in document.tables:
        sheets.table_sheet(workbook, table)
    workbook.save(target)
