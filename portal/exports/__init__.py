"""The generic export pipeline, shared by every app that makes files: `document` (the shape: an
"about this file" list and tables of columns), `sheets` (Excel laid out for reading) and `formats`
(CSV and JSON streamed a line at a time, Excel in openpyxl's write-only mode). What goes into a
file is each app's own business (consultations/exports, network/attendance_exports.py)."""
