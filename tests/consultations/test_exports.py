"""Exports read back as a board representative would: CSV, Excel, JSON and the PDF board pack.

Every file: headers, ranked rows, counts from 1 to 4 hidden (with the counts that would give them
away), formulas neutralised, and not one personal identifier of anyone in the test data.

In the board world, the middle and last priorities have small counts: hiding them hides the
Health theme's votes and the overall online and in-room votes and people with them, while the
top priority, the Housing theme and the overall total stay shown.
"""

import csv
import datetime
import io
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts.models import MemberProfile
from consultations import exports
from consultations.models import ExportLog, ExportStatus, ResponseStatus
from consultations.notifications import SUBJECT_EXPORT_READY
from tests.factories.accounts import UserFactory
from tests.factories.consultations import BoardResponseFactory

pytestmark = pytest.mark.django_db


def identifiers():
    """Every username, display name and email in the test data."""
    values = set()
    for username, email in get_user_model().objects.values_list("username", "email"):
        values |= {username, email}
    values |= set(MemberProfile.objects.values_list("display_name", flat=True))
    return {v for v in values if v}


def assert_no_identifiers(text):
    found = [value for value in identifiers() if value in text]
    assert not found, f"Personal identifiers in the export: {found}"


def streamed(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_consultation_csv(rep_client, board_world, agenda):
    text = streamed(
        rep_client.get(
            reverse("consultations:consultation_export", args=[board_world.consultation.pk, "csv"])
        )
    )
    rows = list(csv.reader(io.StringIO(text)))
    header, priorities = rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert header[:4] == ["Consultation", "Rank", "Priority", "Why it matters"]
    assert {p["Consultation"] for p in priorities} == {"What should the hub have?"}
    assert [(p["Rank"], p["Priority"]) for p in priorities] == [
        ("1", "Help with housing forms"),
        ("2", "A nurse at the drop-in"),
        ("3", '\'=HYPERLINK("http://evil")'),
    ]
    assert priorities[0]["Votes online"] == "6"
    assert priorities[1]["People who voted online"] == ""
    assert priorities[2]["Why it matters"] == "'-2+3"
    assert priorities[0]["Agenda item"] == "Housing help"
    assert priorities[1]["Summary for the board"] == "'+Members want a nurse."
    assert_no_identifiers(text)
    log = ExportLog.objects.get()
    assert (log.user, log.role, log.format, log.subject) == (
        board_world.rep,
        "Board representative",
        "csv",
        "consultation",
    )


def test_a_file_longer_than_one_chunk_reads_the_same_rows_through_a_cursor(
    rep_client, board_world, agenda, monkeypatch
):
    """Up to CHUNK ranked priorities are read in one go; a longer file is read through a cursor,
    CHUNK rows at a time (memory stays flat). Both give the same file, every row and cell."""
    url = reverse("consultations:consultation_export", args=[board_world.consultation.pk, "csv"])
    whole = streamed(rep_client.get(url))
    assert whole.count("\r\n") == 4  # the headers and three priorities
    monkeypatch.setattr(exports.content, "CHUNK", 2)
    assert streamed(rep_client.get(url)) == whole


def test_what_the_board_said_is_in_both_files_beside_its_priorities(rep_client, board_world, agenda):
    """The board's response to an agenda item shows on each of its priorities' rows, in the
    consultation's file and the meeting's; a priority with no response yet has empty cells."""
    health, _housing = agenda
    BoardResponseFactory(
        agenda_item=health,
        status=ResponseStatus.IN_PROGRESS,
        explanation="A nurse will come on Tuesdays.",
        responsible="Hub manager",
        due_by=datetime.date(2027, 3, 31),
    )
    said = ("In progress", "A nurse will come on Tuesdays.", "Hub manager", "2027-03-31")
    nothing_yet = ("", "", "", "")
    columns = ("Board response", "What the board said", "Who is doing it", "By when")

    def csv_rows(url):
        rows = list(csv.reader(io.StringIO(streamed(rep_client.get(url)))))
        return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]

    consultation = csv_rows(
        reverse("consultations:consultation_export", args=[board_world.consultation.pk, "csv"])
    )
    assert {row["Priority"]: tuple(row[c] for c in columns) for row in consultation} == {
        "Help with housing forms": nothing_yet,
        "A nurse at the drop-in": said,
        '\'=HYPERLINK("http://evil")': said,
    }
    meeting = csv_rows(reverse("consultations:meeting_export", args=[board_world.meeting.pk, "csv"]))
    assert [(row["Agenda item"], *(row[c] for c in columns)) for row in meeting] == [
        ("Health at the hub", *said),
        ("Health at the hub", *said),
        ("Housing help", *nothing_yet),
    ]


def test_consultation_json_says_what_the_file_is_about(rep_client, board_world, agenda):
    text = streamed(
        rep_client.get(
            reverse("consultations:consultation_export", args=[board_world.consultation.pk, "json"])
        )
    )
    data = json.loads(text)
    about = {entry["label"]: entry["value"] for entry in data["about"]}
    assert about["Made by"] == "Board representative"
    assert about["Made from"] == "The consultation \u201cWhat should the hub have?\u201d"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d[+-]\d\d:\d\d", about["Made at"])
    assert about["Question"] == "What should the hub have?"
    assert "Each member had 3 votes" in about["Voting rules"]
    assert about["People who took part online"] is None
    assert about["Priorities published"] == 3
    assert about["Votes online"] is None
    assert about["Votes in the room"] is None
    assert "Empty counts are hidden so nobody can be singled out" in about["Privacy"]
    themes = next(table["rows"] for table in data["tables"] if table["name"] == "Themes")
    assert {t["Theme"]: t["Priorities"] for t in themes} == {"Health": 2, "Housing": 1}
    assert {t["Theme"]: t["Votes online"] for t in themes} == {"Health": None, "Housing": 6}
    assert_no_identifiers(text)


def test_meeting_json_in_agenda_order(rep_client, board_world, agenda):
    text = streamed(
        rep_client.get(reverse("consultations:meeting_export", args=[board_world.meeting.pk, "json"]))
    )
    data = json.loads(text)
    about = {entry["label"]: entry["value"] for entry in data["about"]}
    assert about["Board"] == "Portskerry partnership"
    assert about["What should the hub have?: Question"] == "What should the hub have?"
    rows = data["tables"][0]["rows"]
    assert [(r["Item"], r["Agenda item"], r["Priority"]) for r in rows] == [
        (1, "Health at the hub", "A nurse at the drop-in"),
        (1, "Health at the hub", '=HYPERLINK("http://evil")'),
        (2, "Housing help", "Help with housing forms"),
    ]
    assert rows[0]["Rank in the consultation"] == 2
    assert rows[0]["Votes in the room"] is None
    assert rows[2]["Votes online"] == 6
    assert_no_identifiers(text)


def test_staff_exports_say_staff(client, board_world, agenda, media_root):
    client.force_login(UserFactory(is_staff=True))
    text = streamed(
        client.get(reverse("consultations:meeting_export", args=[board_world.meeting.pk, "json"]))
    )
    assert {"label": "Made by", "value": "Staff"} in json.loads(text)["about"]


def downloaded(client, log):
    response = client.get(reverse("consultations:download", args=[log.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_excel_is_made_in_the_background_and_offered_for_download(rep_client, board_world, agenda):
    response = rep_client.post(reverse("consultations:meeting_export", args=[board_world.meeting.pk, "xlsx"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("consultations:downloads")
    log = ExportLog.objects.get()
    assert log.status == ExportStatus.READY
    assert [m.subject for m in mail.outbox] == [SUBJECT_EXPORT_READY]
    assert (
        reverse("consultations:download", args=[log.pk])
        in rep_client.get(response["Location"]).content.decode()
    )
    workbook = load_workbook(io.BytesIO(downloaded(rep_client, log)))
    assert workbook.sheetnames == ["About this file", "Agenda"]
    about = {row[0]: row[1] for row in workbook["About this file"].iter_rows(min_row=2, values_only=True)}
    assert about["Made by"] == "Board representative"
    rows = list(workbook["Agenda"].iter_rows(values_only=True))
    header = rows[0]
    records = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    assert [r["Agenda item"] for r in records] == ["Health at the hub", "Health at the hub", "Housing help"]
    # Stored as text, shown as typed: no apostrophe in the cell, and never run as a formula.
    assert records[1]["Priority"] == '=HYPERLINK("http://evil")'
    assert records[0]["Summary for the board"] == "+Members want a nurse."
    formula_like = [
        cell for row in workbook["Agenda"].iter_rows(min_row=2) for cell in row if str(cell.value)[:1] in "=+"
    ]
    assert formula_like and all(cell.data_type == "s" and cell.quotePrefix for cell in formula_like)
    assert records[0]["People who voted online"] is None
    assert records[2]["Votes online"] == 6
    cells = " ".join(
        str(value) for sheet in workbook for row in sheet.iter_rows(values_only=True) for value in row
    )
    assert_no_identifiers(cells)


def test_consultation_excel_has_themes_and_priorities(rep_client, board_world):
    rep_client.post(reverse("consultations:consultation_export", args=[board_world.consultation.pk, "xlsx"]))
    workbook = load_workbook(io.BytesIO(downloaded(rep_client, ExportLog.objects.get())))
    assert workbook.sheetnames == ["About this file", "Themes", "Priorities"]
    assert [row[2] for row in workbook["Priorities"].iter_rows(min_row=2, values_only=True)] == [
        "Help with housing forms",
        "A nurse at the drop-in",
        '=HYPERLINK("http://evil")',
    ]


def test_pdf_board_pack_has_the_agenda_in_order(rep_client, board_world, agenda):
    rep_client.post(reverse("consultations:meeting_export", args=[board_world.meeting.pk, "pdf"]))
    log = ExportLog.objects.get()
    assert log.status == ExportStatus.READY
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(downloaded(rep_client, log))).pages)
    text = " ".join(text.split())
    assert text.index("1. Health at the hub") < text.index("2. Housing help")
    assert "Made by Board representative" in text
    assert_no_identifiers(text)


def test_printable_board_pack_page(rep_client, board_world, agenda):
    page = rep_client.get(reverse("consultations:board_pack", args=[board_world.meeting.pk])).content.decode()
    assert page.index("1. Health at the hub") < page.index("2. Housing help")
    assert 'media="print"' in page
    assert ExportLog.objects.get().format == "pack"


def test_only_the_person_who_asked_can_download(client, board_world, media_root):
    client.force_login(board_world.rep)
    client.post(reverse("consultations:meeting_export", args=[board_world.meeting.pk, "xlsx"]))
    log = ExportLog.objects.get()
    other = UserFactory(is_staff=True)
    client.force_login(other)
    assert client.get(reverse("consultations:download", args=[log.pk])).status_code == 404
    board_world.board.representatives.remove(board_world.rep)
    client.force_login(get_user_model().objects.get(pk=board_world.rep.pk))
    assert client.get(reverse("consultations:download", args=[log.pk])).status_code == 403


def test_the_helpers(board_world):
    assert [exports.neutralise(v) for v in ("=1", "+1", "-1", "@a", "\tx", "\rx", "ok", 3)] == [
        "'=1", "'+1", "'-1", "'@a", "'\tx", "'\rx", "ok", 3,
    ]  # fmt: skip
