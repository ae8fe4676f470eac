"""Taken down means gone from every public page, feed, board view and file made after it. The
agenda item and the board's response stay, with neutral words where the priority was."""

import csv
import io
import json

import feedparser
import pytest
from django.core import mail
from django.template import Context, Template
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from consultations import services
from consultations.models import ExportLog, MeetingStatus, ResponseStatus
from consultations.taken_down import ITEM_SUMMARY, ITEM_TITLE, PRIORITY_TITLE
from tests.factories.consultations import (
    AgendaItemFactory,
    BoardResponseFactory,
    InRoomTallyFactory,
    PriorityFactory,
    ThemeFactory,
    VoteFactory,
)

pytestmark = pytest.mark.django_db

GONE_TITLE = "The pharmacist on Harbour Street"
GONE_WORDS = "He shouts at people who come for their prescriptions."
ALONE_TITLE = "Another that names someone"
ALONE_SUMMARY = "Members said the man at the bus station was rude."


class TakenDown:
    """An agenda item named after a priority that was then taken down (with a kept one beside it),
    and an item whose only priority was taken down. Both have a response."""


@pytest.fixture
def world(board_world, facilitator, media_root):
    world = TakenDown()
    world.board_world = board_world
    pharmacy = ThemeFactory(consultation=board_world.consultation, name="Pharmacy")
    world.gone = PriorityFactory(
        consultation=board_world.consultation, theme=pharmacy, title=GONE_TITLE, explanation=GONE_WORDS
    )
    world.alone = PriorityFactory(
        consultation=board_world.consultation, title=ALONE_TITLE, explanation=GONE_WORDS
    )
    for voter in board_world.voters:
        VoteFactory(priority=world.gone, voter=voter)
    InRoomTallyFactory(priority=world.gone, votes=40)
    # The shortlist form names an item after its first priority when no title is given.
    world.item = AgendaItemFactory(
        meeting=board_world.meeting, title=GONE_TITLE, priorities=[world.gone, board_world.top]
    )
    world.alone_item = AgendaItemFactory(
        meeting=board_world.meeting, title=ALONE_TITLE, summary=ALONE_SUMMARY, priorities=[world.alone]
    )
    BoardResponseFactory(agenda_item=world.item, explanation="The board asked the pharmacy to talk to us.")
    BoardResponseFactory(agenda_item=world.alone_item, explanation="The board wrote to the bus company.")
    for priority in (world.gone, world.alone):
        services.priority_remove(priority=priority, moderator=facilitator, reason="It names someone.")
    return world


@pytest.fixture
def rep_client(client, world):
    client.force_login(world.board_world.rep)
    return client


def assert_gone(text):
    for words in (GONE_TITLE, GONE_WORDS, ALONE_TITLE, ALONE_SUMMARY):
        assert words not in text, f"Taken down, yet shown: {words!r}"


def test_the_public_page_keeps_the_responses_without_the_priorities(client, world):
    page = client.get(reverse("consultations:you_said_we_did")).content.decode()
    assert_gone(page)
    assert "The board asked the pharmacy to talk to us." in page
    assert "The board wrote to the bus company." in page
    assert page.count(str(ITEM_TITLE)) == 2
    assert str(PRIORITY_TITLE).lower() in page
    assert "Help with housing forms" in page


def test_the_theme_filter_forgets_themes_only_taken_down_priorities_had(client, world):
    page = client.get(reverse("consultations:you_said_we_did")).content.decode()
    assert ">Pharmacy<" not in page
    filtered = client.get(reverse("consultations:you_said_we_did"), {"theme": "Pharmacy"}).content.decode()
    assert "We could not use one of those choices" in filtered


def test_the_feed(client, world):
    feed = feedparser.parse(client.get(reverse("consultations:you_said_we_did_feed")).content)
    assert len(feed.entries) == 2
    assert_gone(" ".join(entry.title + entry.description for entry in feed.entries))
    assert {entry.title for entry in feed.entries} == {f"Accepted: {ITEM_TITLE}"}


def test_the_home_page_block(world):
    html = Template("{% load you_said_we_did %}{% you_said_we_did_latest %}").render(Context({}))
    assert html.count('class="portal-response"') == 2
    assert_gone(html)
    assert str(ITEM_TITLE) in html


def test_the_board_meeting_page(rep_client, world):
    page = rep_client.get(
        reverse("consultations:meeting", args=[world.board_world.meeting.pk])
    ).content.decode()
    assert_gone(page)
    assert str(PRIORITY_TITLE) in page and str(ITEM_SUMMARY) in page
    assert "Help with housing forms" in page


def test_the_response_and_agenda_item_pages(rep_client, world):
    for name in ("consultations:response", "consultations:agenda_item_edit"):
        page = rep_client.get(reverse(name, args=[world.item.pk])).content.decode()
        assert_gone(page)
        assert str(ITEM_TITLE) in page


def exported(client, world, export_format):
    url = reverse("consultations:meeting_export", args=[world.board_world.meeting.pk, export_format])
    if export_format in ("csv", "json"):
        return b"".join(client.get(url).streaming_content).decode("utf-8-sig")
    client.post(url)
    log = ExportLog.objects.get(format=export_format)
    return b"".join(client.get(reverse("consultations:download", args=[log.pk])).streaming_content)


def test_meeting_csv(rep_client, world):
    rows = list(csv.reader(io.StringIO(exported(rep_client, world, "csv"))))
    assert_gone(" ".join(" ".join(row) for row in rows))
    records = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    gone = [r for r in records if r["Priority"] == str(PRIORITY_TITLE)]
    assert len(gone) == 2
    assert {r["Agenda item"] for r in gone} == {str(ITEM_TITLE)}
    assert all(
        r[h] == "" for r in gone for h in ("Why it matters", "Theme", "Votes online", "Votes in the room")
    )
    about = {
        entry["label"]: entry["value"] for entry in json.loads(exported(rep_client, world, "json"))["about"]
    }
    assert about[f"{world.board_world.consultation.question}: Priorities published"] == 3


def test_meeting_json(rep_client, world):
    text = exported(rep_client, world, "json")
    assert_gone(text)
    rows = json.loads(text)["tables"][0]["rows"]
    assert [(r["Agenda item"], r["Priority"]) for r in rows] == [
        (str(ITEM_TITLE), "Help with housing forms"),
        (str(ITEM_TITLE), str(PRIORITY_TITLE)),
        (str(ITEM_TITLE), str(PRIORITY_TITLE)),
    ]
    assert rows[2]["Summary for the board"] == str(ITEM_SUMMARY)
    assert rows[1]["Total votes"] is None


def test_meeting_excel(rep_client, world):
    workbook = load_workbook(io.BytesIO(exported(rep_client, world, "xlsx")))
    cells = " ".join(str(v) for sheet in workbook for row in sheet.iter_rows(values_only=True) for v in row)
    assert_gone(cells)
    assert str(PRIORITY_TITLE) in cells and str(ITEM_SUMMARY) in cells


def test_meeting_pdf(rep_client, world):
    pdf = PdfReader(io.BytesIO(exported(rep_client, world, "pdf")))
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert_gone(text)
    assert str(ITEM_SUMMARY) in text


def test_the_printable_board_pack(rep_client, world):
    page = rep_client.get(
        reverse("consultations:board_pack", args=[world.board_world.meeting.pk])
    ).content.decode()
    assert_gone(page)
    assert str(PRIORITY_TITLE) in page and str(ITEM_TITLE) in page


def test_the_consultation_export_names_the_item_neutrally_and_counts_only_what_is_published(
    rep_client, world
):
    url = reverse("consultations:consultation_export", args=[world.board_world.consultation.pk, "csv"])
    text = b"".join(rep_client.get(url).streaming_content).decode("utf-8-sig")
    assert_gone(text)
    top = next(csv.DictReader(io.StringIO(text)))
    assert (top["Priority"], top["Agenda item"]) == ("Help with housing forms", str(ITEM_TITLE))
    json_url = reverse("consultations:consultation_export", args=[world.board_world.consultation.pk, "json"])
    data = json.loads(b"".join(rep_client.get(json_url).streaming_content))
    assert_gone(json.dumps(data))
    about = {entry["label"]: entry["value"] for entry in data["about"]}
    assert about["Priorities published"] == 3
    themes = next(table["rows"] for table in data["tables"] if table["name"] == "Themes")
    assert "Pharmacy" not in {row["Theme"] for row in themes}


def test_the_email_about_a_response_names_the_item_neutrally(world):
    meeting = world.board_world.meeting
    meeting.status = MeetingStatus.HELD
    meeting.save()
    # Taking the priorities down (the world) told their authors; only the response's emails matter here.
    mail.outbox.clear()
    services.board_response_record(
        item=world.item, user=world.board_world.rep, status=ResponseStatus.DONE, explanation="Sorted."
    )
    assert mail.outbox
    for message in mail.outbox:
        assert_gone(message.body)
        assert str(ITEM_TITLE) in message.body
