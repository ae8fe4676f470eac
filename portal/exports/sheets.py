"""Excel sheets a board member can read, sort and print: a styled header row that stays in view,
widths and wrapping by what a column holds, dates as dates and counts as numbers (a hidden count
is an empty cell, with the reason in the "About the counts" column), text that looks like a
formula stored as text, and landscape pages one sheet wide with the header on every page."""

import datetime

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .document import DAY, LONG_TEXT, MOMENT, NUMBER, is_formula_like, local

WIDTHS = {NUMBER: 12, MOMENT: 22, DAY: 16, LONG_TEXT: 60}
TEXT_WIDTH = 28
FORMATS = {MOMENT: "d mmmm yyyy h:mm", DAY: "d mmmm yyyy", NUMBER: "0"}
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="0B0C0C")
WRAP = Alignment(wrap_text=True, vertical="top")


def _set_up(sheet, widths):
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _header(sheet, headers):
    cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = WRAP
        cells.append(cell)
    return cells


def _cell(sheet, value, kind):
    if value is None or value == "":
        return None  # no cell at all: an empty count is not nought
    if isinstance(value, datetime.datetime):
        value = local(value).replace(tzinfo=None)  # Excel has no time zones: the UK's clock time
    cell = WriteOnlyCell(sheet, value=value)
    if is_formula_like(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    if kind in FORMATS:
        cell.number_format = FORMATS[kind]
    cell.alignment = WRAP
    return cell


def about_sheet(workbook, about):
    sheet = workbook.create_sheet("About this file")
    _set_up(sheet, [30, 90])
    sheet.append(_header(sheet, ["About this file", ""]))
    for label, value in about:
        kind = MOMENT if isinstance(value, datetime.datetime) else None
        sheet.append([_cell(sheet, label, None), _cell(sheet, value, kind)])


def table_sheet(workbook, table):
    sheet = workbook.create_sheet(table.name[:31])
    kinds = [column.kind for column in table.columns]
    _set_up(sheet, [WIDTHS.get(kind, TEXT_WIDTH) for kind in kinds])
    sheet.append(_header(sheet, table.headers))
    for values in table.values():
        sheet.append([_cell(sheet, value, kind) for value, kind in zip(values, kinds, strict=True)])
