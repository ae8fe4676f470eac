"""The board's CSV of a closed consultation names no role and no time, so it is the same for every
board representative: it is kept once sent, and sent again from the copy until something in it
changes (consultations/figures_cache.py, cached_file). Every change a board representative,
facilitator or editor can make shows in the next download; every download is still logged."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consultations import figures_cache, services
from consultations.exports.formats import RESULTS_CSV
from consultations.models import Board, ExportLog, ResponseStatus
from tests.factories.consultations import InRoomTallyFactory, PriorityFactory, VoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """A change as it is once committed (the page cache's version moves on at the commit)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def download(client, consultation):
    """(rows as dicts, the SQL the download ran, the bytes)."""
    url = reverse("consultations:consultation_export", args=[consultation.pk, "csv"])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        body = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="consultation-{consultation.pk}-'
    )
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    return rows, "\n".join(query["sql"] for query in queries.captured_queries), body


def by_title(rows):
    return {row["Priority"]: row for row in rows}


def row_of(client, consultation, title):
    """The row a download gives for the priority with this title."""
    return by_title(download(client, consultation)[0])[title]


def reads(sql):
    """How many reads and writes the download asked (the SQL, one statement a line)."""
    return len([line for line in sql.split("\n") if line.startswith(("SELECT", "INSERT"))])


def test_the_second_download_is_the_same_file_read_from_the_copy_and_logged(rep_client, board_world, agenda):
    _first, first_sql, first_body = download(rep_client, board_world.consultation)
    second, second_sql, second_body = download(rep_client, board_world.consultation)
    assert second_body == first_body
    assert [row["Priority"] for row in second] == [
        "Help with housing forms",
        "A nurse at the drop-in",
        '\'=HYPERLINK("http://evil")',
    ]
    assert "consultations_priority" in first_sql
    assert "consultations_priority" not in second_sql
    assert "consultations_agendaitempriority" not in second_sql
    assert ExportLog.objects.filter(user=board_world.rep, format="csv").count() == 2


def test_another_representative_of_the_board_gets_the_same_file(client, rep_client, board_world, agenda):
    _rows, _sql, body = download(rep_client, board_world.consultation)
    Board.objects.get(pk=board_world.board.pk).representatives.add(board_world.other_rep)
    client.force_login(board_world.other_rep)
    _rows, sql, other_body = download(client, board_world.consultation)
    assert other_body == body
    assert "consultations_priority" not in sql
    assert ExportLog.objects.filter(user=board_world.other_rep).count() == 1


def test_an_agenda_item_changed_shows_in_the_next_download(rep_client, board_world, agenda, committed):
    housing_help = agenda[1]
    assert (
        row_of(rep_client, board_world.consultation, "Help with housing forms")["Agenda item"]
        == "Housing help"
    )
    with committed():
        services.agenda_item_update(
            item=housing_help, title="Help with forms", summary="Forms for housing and benefits",
            priority_ids=[board_world.top.pk], user=board_world.rep,
        )  # fmt: skip
    top = row_of(rep_client, board_world.consultation, "Help with housing forms")
    assert (top["Agenda item"], top["Summary for the board"]) == (
        "Help with forms",
        "Forms for housing and benefits",
    )


def test_a_priority_taken_off_an_agenda_item_shows_in_the_next_download(
    rep_client, board_world, agenda, committed
):
    health = agenda[0]
    nurse = row_of(rep_client, board_world.consultation, "A nurse at the drop-in")
    assert nurse["Agenda item"] == "Health at the hub"
    with committed():
        services.agenda_item_update(
            item=health, title=health.title, summary="A nurse only", priority_ids=[board_world.middle.pk],
            user=board_world.rep,
        )  # fmt: skip
    rows = by_title(download(rep_client, board_world.consultation)[0])
    assert rows['\'=HYPERLINK("http://evil")']["Agenda item"] == ""
    assert rows["A nurse at the drop-in"]["Summary for the board"] == "A nurse only"


def test_the_boards_response_shows_in_the_next_download(rep_client, board_world, agenda, committed):
    assert row_of(rep_client, board_world.consultation, "Help with housing forms")["Board response"] == ""
    with committed():
        services.meeting_mark_held(
            meeting=board_world.meeting, user=board_world.rep, now=board_world.meeting.starts_at
        )
        services.board_response_record(
            item=agenda[1], user=board_world.rep, status=ResponseStatus.ACCEPTED,
            explanation="A housing worker comes on Tuesdays.", responsible="Hub manager",
        )  # fmt: skip
    top = row_of(rep_client, board_world.consultation, "Help with housing forms")
    assert (top["Board response"], top["What the board said"], top["Who is doing it"]) == (
        "Accepted",
        "A housing worker comes on Tuesdays.",
        "Hub manager",
    )


def test_a_changed_meeting_time_shows_in_the_next_download(rep_client, board_world, agenda, committed):
    before = row_of(rep_client, board_world.consultation, "Help with housing forms")
    later = board_world.meeting.starts_at + datetime.timedelta(days=7)
    with committed():
        services.meeting_update(
            meeting=board_world.meeting, user=board_world.rep, starts_at=later, place="The hub"
        )
    after = row_of(rep_client, board_world.consultation, "Help with housing forms")
    assert after["Board meeting"] != before["Board meeting"]
    assert after["Board meeting"] == timezone.localtime(later).isoformat(timespec="minutes")


def test_votes_counted_in_the_room_a_renamed_theme_and_a_new_question_show(
    rep_client, board_world, agenda, committed
):
    download(rep_client, board_world.consultation)
    with committed():
        InRoomTallyFactory(priority=board_world.last, votes=9)
    # 1 online and 9 in the room: first now (the small online count itself stays hidden).
    rows = download(rep_client, board_world.consultation)[0]
    assert rows[0]["Priority"] == '\'=HYPERLINK("http://evil")'
    with committed():
        theme = board_world.top.theme
        theme.name = "Homes"
        theme.save()
    assert row_of(rep_client, board_world.consultation, "Help with housing forms")["Theme"] == "Homes"
    with committed():
        board_world.consultation.question = "What should the hub have next year?"
        board_world.consultation.save()
    rows = download(rep_client, board_world.consultation)[0]
    assert {row["Consultation"] for row in rows} == {"What should the hub have next year?"}


def test_a_priority_taken_down_leaves_the_next_download(
    rep_client, board_world, agenda, committed, facilitator
):
    download(rep_client, board_world.consultation)
    with committed():
        services.priority_remove(priority=board_world.middle, moderator=facilitator, reason="Posted twice")
    rows = download(rep_client, board_world.consultation)[0]
    assert "A nurse at the drop-in" not in by_title(rows)
    assert [row["Rank"] for row in rows] == ["1", "2"]


def test_a_file_larger_than_the_limit_is_read_afresh_each_time(rep_client, board_world, agenda, monkeypatch):
    monkeypatch.setattr(figures_cache, "KEEP_AT_MOST", 100)
    first = download(rep_client, board_world.consultation)
    second = download(rep_client, board_world.consultation)
    assert second[2] == first[2]
    assert "consultations_priority" in second[1]


def test_a_download_stopped_halfway_keeps_nothing(board_world):
    written = []

    def write():
        written.append(1)
        return iter(["Rank,Priority\r\n", "1,Help with housing forms\r\n"])

    pieces = figures_cache.cached_file(board_world.consultation.pk, "test-file", write)
    assert next(pieces) == "Rank,Priority\r\n"
    pieces.close()  # the browser went away
    again = figures_cache.cached_file(board_world.consultation.pk, "test-file", write)
    assert "".join(again) == "Rank,Priority\r\n1,Help with housing forms\r\n"
    assert len(written) == 2
    assert list(figures_cache.cached_file(board_world.consultation.pk, "test-file", write)) == [
        "Rank,Priority\r\n1,Help with housing forms\r\n"
    ]
    assert len(written) == 2


def test_without_the_cache_every_download_is_read_and_right(rep_client, board_world, agenda, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    first = download(rep_client, board_world.consultation)
    second = download(rep_client, board_world.consultation)
    assert second[2] == first[2]
    assert "consultations_priority" in second[1]
    assert by_title(second[0])["Help with housing forms"]["Votes online"] == "6"


def test_a_file_written_afresh_reads_the_same_number_of_queries_however_many_priorities(
    rep_client, board_world, agenda
):
    """The copy is dropped (the consultation's mark moved on) before each counted download, so the
    file is written from the database every time: its queries do not grow with its rows."""

    def afresh():
        figures_cache.counts_changed(board_world.consultation.pk)
        download(rep_client, board_world.consultation)  # counts the figures again and keeps them
        figures_cache.forget_part(board_world.consultation.pk, RESULTS_CSV)
        rows, sql, _body = download(rep_client, board_world.consultation)
        return len(rows), reads(sql)

    small_rows, small_queries = afresh()
    for _ in range(12):
        priority = PriorityFactory(consultation=board_world.consultation)
        for voter in board_world.voters[:3]:
            VoteFactory(priority=priority, voter=voter)
    large_rows, large_queries = afresh()
    assert (small_rows, large_rows) == (3, 15)
    assert small_queries == large_queries <= 8
    kept_rows, kept_sql, _body = download(rep_client, board_world.consultation)
    assert len(kept_rows) == 15
    assert reads(kept_sql) <= 5
