"""The exports as the programs a board member uses read them: pandas for the CSV files (as a
spreadsheet's import does), openpyxl for the Excel layout, and poppler's pdfinfo and pypdf for the
board pack PDF's structure."""

import io
import shutil
import subprocess

import pandas
import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from consultations.models import ExportLog
from tests.consultations.test_exports import downloaded, streamed

pytestmark = pytest.mark.django_db
COUNTS = ["Votes online", "People who voted online", "Votes in the room", "Total votes"]


def read_with_pandas(client, url):
    return pandas.read_csv(io.StringIO(streamed(client.get(url))), keep_default_na=False, na_values=[""])


def test_pandas_reads_the_consultation_csv_as_one_table_with_numbers_and_dates(
    rep_client, board_world, agenda
):
    frame = read_with_pandas(
        rep_client, reverse("consultations:consultation_export", args=[board_world.consultation.pk, "csv"])
    )
    assert list(frame.columns[:4]) == ["Consultation", "Rank", "Priority", "Why it matters"]
    assert list(frame["Rank"]) == [1, 2, 3]
    assert all(pandas.api.types.is_numeric_dtype(frame[column]) for column in COUNTS)
    assert frame["Votes online"].sum() == 6  # the hidden ones are empty, not words
    hidden = frame[frame[COUNTS].isna().any(axis=1)]
    assert set(hidden["About the counts"]) == {"Some counts are hidden so nobody can be picked out."}
    meetings = pandas.to_datetime(frame["Board meeting"].dropna(), format="ISO8601")
    assert len(meetings) == 3  # every priority is on the agenda
    assert all(moment.tzinfo is not None for moment in meetings)
    # To the minute, as the file gives it.
    assert meetings.iloc[0] == pandas.Timestamp(
        board_world.meeting.starts_at.replace(second=0, microsecond=0)
    )


def test_pandas_reads_the_meeting_csv_with_the_meeting_in_every_row(rep_client, board_world, agenda):
    frame = read_with_pandas(
        rep_client, reverse("consultations:meeting_export", args=[board_world.meeting.pk, "csv"])
    )
    assert len(frame) == 3
    assert set(frame["Board"]) == {"Portskerry partnership"}
    assert set(pandas.to_datetime(frame["Board meeting"], format="ISO8601")) == {
        pandas.Timestamp(board_world.meeting.starts_at.replace(second=0, microsecond=0))
    }
    assert list(frame["Item"]) == [1, 1, 2]
    assert set(frame["Consultation"]) == {"What should the hub have?"}


def excel(client, url):
    client.post(url)
    return load_workbook(io.BytesIO(downloaded(client, ExportLog.objects.latest("pk"))))


def test_the_excel_file_is_laid_out_for_reading_sorting_and_printing(rep_client, board_world, agenda):
    workbook = excel(
        rep_client, reverse("consultations:meeting_export", args=[board_world.meeting.pk, "xlsx"])
    )
    sheet = workbook["Agenda"]
    header = [cell.value for cell in sheet[1]]
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.page_setup.orientation == "landscape"
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    column = {name: index for index, name in enumerate(header)}
    widths = {name: sheet.column_dimensions[chr(ord("A") + index)].width for name, index in column.items()}
    assert widths["Why it matters"] > widths["Priority"] > widths["Votes online"]
    rows = list(sheet.iter_rows(min_row=2))
    meeting_cells = [row[column["Board meeting"]] for row in rows]
    assert all(cell.is_date for cell in meeting_cells)
    # Excel has no time zones: the UK's clock time, to the second.
    uk_time = timezone.localtime(board_world.meeting.starts_at).replace(tzinfo=None, microsecond=0)
    assert {cell.value.replace(microsecond=0) for cell in meeting_cells} == {uk_time}
    counts = [row[column[name]].value for row in rows for name in COUNTS]
    assert all(value is None or type(value) is int for value in counts)
    assert all(row[column["Why it matters"]].alignment.wrap_text for row in rows)


def test_the_about_sheet_comes_first_with_a_real_date(rep_client, board_world, agenda):
    workbook = excel(
        rep_client, reverse("consultations:consultation_export", args=[board_world.consultation.pk, "xlsx"])
    )
    assert workbook.sheetnames[0] == "About this file"
    about = {row[0].value: row[1] for row in workbook["About this file"].iter_rows(min_row=2)}
    assert about["Made at"].is_date
    assert about["Opened"].is_date
    assert about["Made from"].value == "The consultation \u201cWhat should the hub have?\u201d"


def pack_pdf(client, board_world):
    client.post(reverse("consultations:meeting_export", args=[board_world.meeting.pk, "pdf"]))
    return downloaded(client, ExportLog.objects.get(format="pdf"))


def test_the_board_pack_pdf_is_tagged_for_screen_readers(rep_client, board_world, agenda, tmp_path):
    pdf = pack_pdf(rep_client, board_world)
    catalog = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en-GB"


def test_pdfinfo_reports_the_board_pack_as_tagged(rep_client, board_world, agenda, tmp_path):
    if shutil.which("pdfinfo") is None:
        pytest.fail("pdfinfo is missing: install Debian's poppler-utils (.ci/run does).")
    path = tmp_path / "pack.pdf"
    path.write_bytes(pack_pdf(rep_client, board_world))
    info = subprocess.run(  # noqa: S603 - our own file, a fixed program
        [shutil.which("pdfinfo"), str(path)], capture_output=True, text=True, check=True
    ).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    assert fields["Tagged"].strip() == "yes"
    assert fields["Title"].strip().startswith("Board pack: Portskerry partnership")


def test_the_printable_pack_does_not_name_the_representative(rep_client, board_world, agenda):
    board_world.rep.profile.display_name = "Morven"
    board_world.rep.profile.save()
    page = rep_client.get(reverse("consultations:board_pack", args=[board_world.meeting.pk])).content.decode()
    assert "Morven" not in page
    assert "1. Health at the hub" in page
    # Elsewhere the header still says whose account it is, for screen reader users.
    assert "(Morven)" in rep_client.get(reverse("consultations:board")).content.decode()
