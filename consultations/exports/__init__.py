"""Exports of a consultation's results and of a board meeting's agenda, one pipeline for every
format: the shape and the CSV, JSON and Excel writers are shared (portal.exports); here are
`content` (what goes in), `formats` (adds the PDF) and `pack` (the printable board pack).
Logging and queueing are consultations.services.exports."""

from portal.exports.document import neutralise
from portal.exports.formats import csv_rows, json_chunks, write_xlsx

from .content import consultation_document, document_for, document_of, filename_of, meeting_document
from .formats import CONTENT_TYPES, STREAMED, build_file, streamed, write_pdf
from .pack import pack_context

__all__ = [
    "CONTENT_TYPES",
    "STREAMED",
    "build_file",
    "consultation_document",
    "csv_rows",
    "document_for",
    "document_of",
    "filename_of",
    "json_chunks",
    "meeting_document",
    "neutralise",
    "pack_context",
    "streamed",
    "write_pdf",
    "write_xlsx",
]
