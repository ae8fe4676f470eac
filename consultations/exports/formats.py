"""The formats: CSV and JSON streamed a line at a time from `.iterator()` querysets; Excel
(openpyxl's write-only mode, laid out in `sheets`) and the tagged PDF board pack made in a
background task. Text a spreadsheet could read as a formula is neutralised in CSV and stored as
text in Excel."""

import csv
import tempfile

from django.contrib.staticfiles import finders
from django.core.files import File
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from openpyxl import Workbook
from weasyprint import CSS, HTML

from ..models import BoardMeeting, ExportFormat, ExportSubject
from . import sheets
from .content import document_for
from .document import neutralise, plain
from .pack import pack_context

CONTENT_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.JSON: "application/json",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ExportFormat.PDF: "application/pdf",
}
PRINT_STYLESHEET = "css/board-pack-print.css"


class _Echo:
    def write(self, value):
        return value


def csv_rows(document):
    """The CSV, one encoded line at a time: one tidy table, a header row and a row per priority or
    agenda item (what the file is about is in the JSON and Excel files and the pack)."""
    writer = csv.writer(_Echo())
    table = document.main_table
    yield "\ufeff"
    yield writer.writerow(table.headers)
    for values in table.values():
        yield writer.writerow([neutralise(plain(value)) for value in values])


def json_chunks(document):
    encode = DjangoJSONEncoder().encode
    yield '{"title": ' + encode(document.title) + ', "about": '
    yield encode([{"label": label, "value": plain(value)} for label, value in document.about])
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
    sheets.about_sheet(workbook, document.about)
    for table in document.tables:
        sheets.table_sheet(workbook, table)
    workbook.save(target)


def write_pdf(meeting, role, target):
    html = render_to_string("consultations/board/pack_pdf.html", pack_context(meeting, role))
    # No base URL and no links in the HTML: WeasyPrint fetches nothing.
    # PDF/UA-1: tagged, so a screen reader reads the headings and tables in order.
    HTML(string=html).write_pdf(
        target, stylesheets=[CSS(filename=finders.find(PRINT_STYLESHEET))], pdf_variant="pdf/ua-1"
    )


def build_file(log):
    """Make an Excel or PDF file for an ExportLog and attach it. Runs in a background task."""
    document = document_for(log.subject, log.object_id, log.role)
    with tempfile.TemporaryFile() as handle:
        if log.format == ExportFormat.XLSX:
            write_xlsx(document, handle)
        elif log.format == ExportFormat.PDF and log.subject == ExportSubject.MEETING:
            write_pdf(BoardMeeting.objects.select_related("board").get(pk=log.object_id), log.role, handle)
        else:
            raise ValueError(log.format)
        handle.seek(0)
        log.file.save(f"{document.filename}.{log.format}", File(handle), save=False)
