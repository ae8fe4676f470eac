"""Exports of a consultation's results and of a board meeting's agenda, one pipeline for every
format: `document` (the shape), `content` (what goes in), `formats` (CSV, JSON, Excel, PDF) and
`pack` (the printable board pack). Logging and queueing are consultations.services.exports."""

from .content import consultation_document, document_for, meeting_document
from .document import neutralise
from .formats import CONTENT_TYPES, build_file, csv_rows, json_chunks, write_pdf, write_xlsx
from .pack import pack_context

__all__ = [
    "CONTENT_TYPES",
    "build_file",
    "consultation_document",
    "csv_rows",
    "document_for",
    "json_chunks",
    "meeting_document",
    "neutralise",
    "pack_context",
    "write_pdf",
    "write_xlsx",
]
