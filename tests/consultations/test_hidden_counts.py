"""The security review's finding, on the real pages and files: "Online: fewer than 5, In the room: 8,
Total: 10" gave online away as 2. Now no count from 1 to 4 shows anywhere, a hidden count is an
empty cell (CSV, Excel) or null (JSON) or the word "hidden" (pages), and nothing a reader can see
on the results page and in the export together pins a hidden count down.
"""

import csv
import io
import json
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from consultations import selectors
from consultations.models import ExportLog
from tests.consultations.disclosure_solver import assert_protected
from tests.factories.accounts import user_with_roles
from tests.factories.consultations import (
    AgendaItemFactory,
    ConsultationFactory,
    InRoomTallyFactory,
    PriorityFactory,
    ThemeFactory,
    VoteFactory,
)

pytestmark = pytest.mark.django_db

COUNT_HEADERS = ("Votes online", "People who voted online", "Votes in the room", "Total votes")


class Finding:
    """A quiet room: 2 online, 8 in the room, 10 in all. Longer hours: 6 online. A cooking group:
    7 online, 9 in the room. Members had one vote per priority."""


@pytest.fixture
def finding(board_world):
    world = Finding()
    world.rep, world.board, world.meeting = board_world.rep, board_world.board, board_world.meeting
    world.consultation = ConsultationFactory(closed=True, board=world.board, question="What would help?")
    rooms = ThemeFactory(consultation=world.consultation, name="Rooms")
    groups = ThemeFactory(consultation=world.consultation, name="Groups")
    world.quiet = PriorityFactory(consultation=world.consultation, theme=rooms, title="A quiet room")
    world.hours = PriorityFactory(consultation=world.consultation, theme=rooms, title="Longer hours")
    world.cooking = PriorityFactory(consultation=world.consultation, theme=groups, title="A cooking group")
    voters = [user_with_roles() for _ in range(7)]
    for priority, how_many in ((world.quiet, 2), (world.hours, 6), (world.cooking, 7)):
        for voter in voters[:how_many]:
            VoteFactory(priority=priority, voter=voter)
    InRoomTallyFactory(priority=world.quiet, votes=8)
    InRoomTallyFactory(priority=world.cooking, votes=9)
    return world


@pytest.fixture
def rep_client(client, finding, media_root):
    client.force_login(finding.rep)
    return client


def as_text(value):
    return "" if value is None else str(value)


def read_csv(client, url):
    """A CSV file's one table, a dict per row."""
    response = client.get(url)
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def read_json(client, url):
    """A JSON file's about list and tables, every value as the text a CSV would hold."""
    response = client.get(url)
    assert response.status_code == 200
    data = json.loads(b"".join(response.streaming_content))
    about = {entry["label"]: as_text(entry["value"]) for entry in data["about"]}
    tables = {
        table["name"]: [{key: as_text(value) for key, value in row.items()} for row in table["rows"]]
        for table in data["tables"]
    }
    return about, tables


def consultation_csv(client, world):
    """Everything the files say about the consultation: the CSV's table of priorities, and the JSON
    file's about list and table of themes (a CSV holds one table)."""
    export = "consultations:consultation_export"
    about, tables = read_json(client, reverse(export, args=[world.consultation.pk, "json"]))
    tables["Priorities"] = read_csv(client, reverse(export, args=[world.consultation.pk, "csv"]))
    return about, tables


def summary_list(html):
    return dict(
        re.findall(
            r'<dt class="govuk-summary-list__key">([^<]+)</dt><dd class="govuk-summary-list__value">([^<,]+)',
            html,
        )
    )


def numeric_cells(html):
    return re.findall(r'govuk-table__cell--numeric">([^<]*)<', html)


def test_the_quiet_rooms_online_votes_cannot_be_worked_out_from_the_file_and_the_page(rep_client, finding):
    about, tables = consultation_csv(rep_client, finding)
    rows = {row["Priority"]: row for row in tables["Priorities"]}
    quiet = rows["A quiet room"]
    assert quiet["Votes online"] == ""
    assert "" in (quiet["Votes in the room"], quiet["Total votes"])
    page = summary_list(
        rep_client.get(reverse("consultations:results", args=[finding.consultation.pk])).content.decode()
    )

    # Everything a reader has: the file's three tables and the results page's summary.
    values, hidden, equations, at_most = {}, set(), [], []

    def cell(name, text):
        if text in ("", "hidden"):
            hidden.add(name)
            values[name] = 0
        else:
            values[name] = int(text)

    for rank, row in enumerate(tables["Priorities"]):
        for header in COUNT_HEADERS:
            cell((header, rank), row[header])
        equations.append(([("Votes online", rank), ("Votes in the room", rank)], ("Total votes", rank)))
        # One vote per priority: votes online and the people who gave them are the same number.
        at_most += [(("People who voted online", rank), ("Votes online", rank), 1)]
        at_most += [(("Votes online", rank), ("People who voted online", rank), 1)]
        at_most += [(("People who voted online", rank), "voters", 1)]
    for theme in tables["Themes"]:
        members = [rank for rank, row in enumerate(tables["Priorities"]) if row["Theme"] == theme["Theme"]]
        for header in ("Votes online", "Votes in the room"):
            cell((header, theme["Theme"]), theme[header])
            equations.append(([(header, rank) for rank in members], (header, theme["Theme"])))
    cell("online", about["Votes online"])
    cell("in the room", about["Votes in the room"])
    cell("people", about["People who took part online"])
    cell("in all", page["Votes in all"])
    cell("voters", page["People who voted online"])
    assert about["Votes online"] == page["Votes online"].replace("hidden", "")
    equations.append(([("Votes online", theme["Theme"]) for theme in tables["Themes"]], "online"))
    equations.append(([("Votes in the room", theme["Theme"]) for theme in tables["Themes"]], "in the room"))
    equations.append((["online", "in the room"], "in all"))
    equations.append(([("Total votes", rank) for rank in range(len(tables["Priorities"]))], "in all"))
    at_most += [("voters", "online", 1), ("online", "voters", 3), ("voters", "people", 1)]
    assert_protected(values, hidden, equations, at_most)


def test_csv_counts_are_numbers_or_empty_cells_never_words(rep_client, finding):
    about, tables = consultation_csv(rep_client, finding)
    counts = [row[header] for row in tables["Priorities"] for header in COUNT_HEADERS]
    counts += [row[header] for row in tables["Themes"] for header in ("Votes online", "Votes in the room")]
    counts += [about["Votes online"], about["Votes in the room"], about["People who took part online"]]
    assert "" in counts
    assert all(value == "" or value.isdecimal() for value in counts), counts
    assert not [value for value in counts if value in {"1", "2", "3", "4"}]
    assert about["Privacy"] == (
        "No names or contact details. Empty counts are hidden so nobody can be singled out: counts from 1 "
        "to 4, and sometimes one more count so the first cannot be worked out."
    )


def test_json_hidden_counts_are_null(rep_client, finding):
    response = rep_client.get(
        reverse("consultations:consultation_export", args=[finding.consultation.pk, "json"])
    )
    data = json.loads(b"".join(response.streaming_content))
    rows = {row["Priority"]: row for row in data["tables"][1]["rows"]}
    assert rows["A quiet room"]["Votes online"] is None
    assert rows["A cooking group"]["Votes online"] == 7
    about = {entry["label"]: entry["value"] for entry in data["about"]}
    assert "Empty counts are hidden" in about["Privacy"]


def test_excel_hidden_counts_are_empty_cells_and_the_rest_are_numbers(rep_client, finding):
    rep_client.post(reverse("consultations:consultation_export", args=[finding.consultation.pk, "xlsx"]))
    log = ExportLog.objects.get()
    workbook = load_workbook(
        io.BytesIO(
            b"".join(rep_client.get(reverse("consultations:download", args=[log.pk])).streaming_content)
        )
    )
    rows = list(workbook["Priorities"].iter_rows(values_only=True))
    records = {row[rows[0].index("Priority")]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    counts = [record[header] for record in records.values() for header in COUNT_HEADERS]
    assert None in counts
    assert all(value is None or type(value) is int for value in counts), counts
    assert not [value for value in counts if value in {1, 2, 3, 4}]
    assert records["A quiet room"]["Votes online"] is None
    assert records["A cooking group"]["Votes online"] == 7
    count_columns = [rows[0].index(header) for header in COUNT_HEADERS]
    hidden = [row[column] for row in workbook["Priorities"].iter_rows(min_row=2) for column in count_columns]
    hidden = [cell for cell in hidden if cell.value is None]
    # "n" with no value: no cell was written at all, not an empty string.
    assert hidden and all(cell.data_type == "n" for cell in hidden)
    about = dict(workbook["About this file"].iter_rows(min_row=2, values_only=True))
    assert "Empty counts are hidden" in about["Privacy"]


@pytest.mark.parametrize("page", ["results", "board"])
def test_results_and_board_pages_never_show_a_count_from_1_to_4(rep_client, finding, page):
    url = {
        "results": reverse("consultations:results", args=[finding.consultation.pk]),
        "board": reverse("consultations:board_consultation", args=[finding.consultation.pk]),
    }[page]
    html = rep_client.get(url).content.decode()
    cells = numeric_cells(html)
    assert "hidden" in cells and "7" in cells
    assert not set(cells) & {"1", "2", "3", "4"}
    assert not set(summary_list(html).values()) & {"1", "2", "3", "4"}
    assert "We hide numbers from 1 to 4, so that nobody can be picked out." in html


def test_every_page_and_file_shows_the_same_figures(rep_client, finding):
    AgendaItemFactory(meeting=finding.meeting, priorities=[finding.quiet, finding.cooking])
    _about, tables = consultation_csv(rep_client, finding)
    meeting_tables = {
        "Agenda": read_csv(
            rep_client, reverse("consultations:meeting_export", args=[finding.meeting.pk, "csv"])
        )
    }
    in_consultation = {row["Priority"]: [row[h] for h in COUNT_HEADERS] for row in tables["Priorities"]}
    in_meeting = {row["Priority"]: [row[h] for h in COUNT_HEADERS] for row in meeting_tables["Agenda"]}
    assert in_meeting == {title: in_consultation[title] for title in ("A quiet room", "A cooking group")}
    pack = rep_client.get(reverse("consultations:board_pack", args=[finding.meeting.pk])).content.decode()
    headers = re.findall(r'<th scope="col">([^<]*)</th>', pack)
    quiet_row = re.search(r'<tr><th scope="row">A quiet room</th>(.*?)</tr>', pack, re.S).group(1)
    in_pack = dict(zip(headers[1:], re.findall(r"<td>([^<]*)</td>", quiet_row), strict=True))
    assert [in_pack[h] for h in COUNT_HEADERS] == [v or "hidden" for v in in_consultation["A quiet room"]]


def test_the_consultation_page_and_vote_json_show_the_protected_counts_while_open(client, member):
    consultation = ConsultationFactory(show_counts_while_open=True)
    small = PriorityFactory(consultation=consultation, title="Two so far")
    VoteFactory.create_batch(2, priority=small)
    InRoomTallyFactory(priority=small, votes=8)
    client.force_login(member)
    html = client.get(reverse("consultations:detail", args=[consultation.pk])).content.decode()
    assert "Online votes: <span data-online-votes" in html
    counts = re.findall(r"Online votes: <span[^>]*>([^<]+)</span>\. In the room: ([^.]+)\.", html)
    assert counts == [("hidden", "hidden")]
    assert "We hide numbers from 1 to 4" in html
    response = client.post(
        reverse("consultations:vote", args=[small.pk]), {"action": "add"}, HTTP_ACCEPT="application/json"
    )
    assert response.json()["online_votes"] is None


@pytest.mark.parametrize("how_many", [1, 4])
def test_the_figures_cost_two_queries_however_many_consultations_and_priorities(
    django_assert_num_queries, how_many
):
    consultations = [ConsultationFactory(closed=True) for _ in range(how_many)]
    for consultation in consultations:
        for votes in range(how_many * 3):
            priority = PriorityFactory(consultation=consultation)
            VoteFactory.create_batch(votes, priority=priority)
            InRoomTallyFactory(priority=priority, votes=votes)
    with django_assert_num_queries(2):
        figures = selectors.consultation_figures([c.pk for c in consultations])
    assert [figures[c.pk].priority_count for c in consultations] == [how_many * 3] * how_many
    with django_assert_num_queries(0):
        assert selectors.consultation_figures([]) == {}
