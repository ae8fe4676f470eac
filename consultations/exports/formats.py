"""The formats of a consultation's files: CSV, JSON and Excel are written by the shared pipeline
(portal.exports.formats); the tagged PDF board pack is made here, in a background task."""

import tempfile

from django.contrib.staticfiles import finders
from django.core.files import File
from django.template.loader import render_to_string
from weasyprint import CSS, HTML

from portal.exports.formats import (
    CSV_CONTENT_TYPE,
    JSON_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    csv_rows,
    json_chunks,
    write_xlsx,
)

from ..figures_cache import cached_file
from ..models import BoardMeeting, ExportFormat, ExportSubject
from .content import document_for, document_of
from .pack import pack_context

CONTENT_TYPES = {
    ExportFormat.CSV: CSV_CONTENT_TYPE,
    ExportFormat.JSON: JSON_CONTENT_TYPE,
    ExportFormat.XLSX: XLSX_CONTENT_TYPE,
    ExportFormat.PDF: "application/pdf",
}
PRINT_STYLESHEET = "css/board-pack-print.css"
STREAMED = {ExportFormat.CSV: csv_rows, ExportFormat.JSON: json_chunks}
# The name a consultation's CSV is kept under (figures_cache.cached_file).
RESULTS_CSV = "results-csv"


def streamed(subject, obj, role, export_format):
    """The pieces of a CSV or JSON file, as they stream. A consultation's CSV (its ranked priorities
    and what the board did with them) names no role and no time, so every board representative
    gets the same: it is kept once sent, until something in it changes (figures_cache.cached_file).
    The JSON says who made it and when, so it is written afresh each time."""

    def write():
        return STREAMED[export_format](document_of(subject, obj, role))

    if subject == ExportSubject.CONSULTATION and export_format == ExportFormat.CSV:
        return cached_file(obj.pk, RESULTS_CSV, write)
    return write()


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
