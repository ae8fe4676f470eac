"""Board representatives run their own board's meetings (issue 13): add one, change it while
planned, mark it held or cancelled; see when an open consultation's results will come; see what
the board said before about a priority on the shortlist; change an agenda item's priorities; read
why each priority matters while writing the summary. (What the board area says about consultations
still open, or that reach no board: test_board_notices.py.)"""

import re
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from consultations import services
from consultations.models import AgendaItemPriority, BoardMeeting, MeetingStatus, ResponseStatus
from consultations.services.meetings import AGENDA_PRIORITIES_CHANGED, MEETING_CANCELLED, MEETING_HELD
from portal import times
from tests.factories.accounts import user_with_roles
from tests.factories.consultations import (
    AgendaItemFactory,
    BoardMeetingFactory,
    ConsultationFactory,
)

pytestmark = pytest.mark.django_db


def create_url(board):
    return reverse("consultations:meeting_create", args=[board.pk])


def edit_url(meeting):
    return reverse("consultations:meeting_edit", args=[meeting.pk])


def status_url(meeting):
    return reverse("consultations:meeting_status", args=[meeting.pk])


def meetings_snapshot():
    return sorted(BoardMeeting.objects.values_list("pk", "starts_at", "place", "status"))


def logged(meeting, action):
    return ModelLogEntry.objects.filter(object_id=str(meeting.pk), action=action)


NEXT_YEAR = timezone.localdate().year + 1
GOOD = {"day": f"12/3/{NEXT_YEAR}", "time": "2:30pm", "place": "Harbour office"}


def test_a_rep_adds_a_meeting_for_their_own_board(rep_client, board_world):
    response = rep_client.post(create_url(board_world.board), GOOD)
    meeting = BoardMeeting.objects.get(place="Harbour office")
    assert response.status_code == 302 and response["Location"] == reverse(
        "consultations:meeting", args=[meeting.pk]
    )
    assert meeting.board == board_world.board and meeting.status == MeetingStatus.PLANNED
    assert timezone.localtime(meeting.starts_at).replace(tzinfo=None) == datetime(NEXT_YEAR, 3, 12, 14, 30)
    assert logged(meeting, "wagtail.create").get().user == board_world.rep
    page = rep_client.get(reverse("consultations:meeting", args=[meeting.pk])).text
    assert "Meeting added." in page and "2:30pm at Harbour office" in page


def test_the_board_area_offers_to_add_a_meeting(rep_client, board_world):
    html = rep_client.get(reverse("consultations:board")).text
    assert create_url(board_world.board) in html
    assert create_url(board_world.other_board) not in html
    assert "Staff add them in the admin" not in html


@pytest.mark.parametrize("who", ["other rep", "member", "facilitator"])
def test_nobody_else_adds_a_meeting_to_the_board(client, board_world, who):
    person = {
        "other rep": board_world.other_rep,
        "member": user_with_roles(),
        "facilitator": user_with_roles("Facilitators"),
    }[who]
    client.force_login(person)
    before = meetings_snapshot()
    assert client.get(create_url(board_world.board)).status_code == 403
    assert client.post(create_url(board_world.board), GOOD).status_code == 403
    assert meetings_snapshot() == before


def test_staff_add_a_meeting_to_any_board(client, board_world, staff):
    client.force_login(staff)
    assert client.post(create_url(board_world.other_board), GOOD).status_code == 302
    assert BoardMeeting.objects.filter(board=board_world.other_board, place="Harbour office").exists()


BAD_MEETINGS = [
    ({"day": ""}, "Enter the day of the meeting."),
    ({"day": "31/2/2027"}, "Enter the day like 27/3/2027."),
    ({"day": "1/1/2999"}, "Choose a day in the last year or the next three years."),
    ({"day": "1/1/1999"}, "Choose a day in the last year or the next three years."),
    ({"day": "²/³/2027"}, "Enter the day like 27/3/2027."),
    ({"time": ""}, "Enter the time the meeting starts."),
    ({"time": "25:00"}, "Enter the time like 2pm or 14:00."),
    ({"time": "7"}, "Enter the time like 2pm or 14:00."),
    ({"time": "13pm"}, "Enter the time like 2pm or 14:00."),
    ({"time": "7:75pm"}, "Enter the time like 2pm or 14:00."),
    ({"time": "x" * 40}, "Enter the time like 2pm or 14:00."),
    ({"place": ""}, "Say where the meeting is."),
    ({"place": "   "}, "Say where the meeting is."),
    ({"place": "x" * 151}, "150 characters or fewer"),
]


@pytest.mark.parametrize(("change", "message"), BAD_MEETINGS)
def test_bad_meeting_input_is_explained_when_adding(rep_client, board_world, change, message):
    before = meetings_snapshot()
    response = rep_client.post(create_url(board_world.board), {**GOOD, **change})
    assert response.status_code == 200
    assert "There is a problem" in response.text and message in response.text
    assert meetings_snapshot() == before


@pytest.mark.parametrize(("change", "message"), BAD_MEETINGS)
def test_bad_meeting_input_is_explained_when_changing(rep_client, board_world, change, message):
    before = meetings_snapshot()
    response = rep_client.post(edit_url(board_world.meeting), {**GOOD, **change})
    assert response.status_code == 200
    assert "There is a problem" in response.text and message in response.text
    assert meetings_snapshot() == before


@pytest.mark.parametrize(
    ("written", "expected"),
    [("19:00", (19, 0)), ("7pm", (19, 0)), ("7.30am", (7, 30)), ("12am", (0, 0)), ("Midday", (12, 0))],
)
def test_times_as_people_write_them(rep_client, board_world, written, expected):
    rep_client.post(edit_url(board_world.meeting), {**GOOD, "time": written})
    board_world.meeting.refresh_from_db()
    starts = timezone.localtime(board_world.meeting.starts_at)
    assert (starts.hour, starts.minute) == expected


def test_a_rep_changes_a_planned_meeting_and_it_is_logged(rep_client, board_world):
    page = rep_client.get(edit_url(board_world.meeting)).text
    assert f'value="{board_world.meeting.place}"' in page
    response = rep_client.post(edit_url(board_world.meeting), {**GOOD, "place": "Online"}, follow=True)
    assert "Meeting changed." in response.text
    board_world.meeting.refresh_from_db()
    assert board_world.meeting.place == "Online"
    entry = logged(board_world.meeting, "wagtail.edit").get()
    assert entry.user == board_world.rep and "Council chambers" in str(entry.data)


def test_a_meeting_that_happened_cannot_be_changed(rep_client, board_world):
    BoardMeeting.objects.filter(pk=board_world.meeting.pk).update(status=MeetingStatus.HELD)
    before = meetings_snapshot()
    response = rep_client.post(edit_url(board_world.meeting), GOOD)
    assert "cannot be changed" in response.text
    assert meetings_snapshot() == before


def test_another_boards_rep_cannot_change_or_close_it(client, board_world):
    client.force_login(board_world.other_rep)
    before = meetings_snapshot()
    assert client.post(edit_url(board_world.meeting), GOOD).status_code == 403
    assert client.post(status_url(board_world.meeting), {"status": "cancelled"}).status_code == 403
    assert meetings_snapshot() == before


def test_marking_held_waits_for_the_day(rep_client, board_world):
    page = rep_client.get(reverse("consultations:meeting", args=[board_world.meeting.pk])).text
    assert "Mark as held" not in page and "You can mark it as held on the day" in page
    response = rep_client.post(status_url(board_world.meeting), {"status": "held"}, follow=True)
    assert "on its day or after" in response.text
    board_world.meeting.refresh_from_db()
    assert board_world.meeting.status == MeetingStatus.PLANNED
    assert not logged(board_world.meeting, MEETING_HELD).exists()


def test_a_rep_marks_the_meeting_held_then_records_a_response(rep_client, board_world):
    meeting = BoardMeetingFactory(board=board_world.board, starts_at=timezone.now() - timedelta(hours=2))
    item = AgendaItemFactory(meeting=meeting, priorities=[board_world.top])
    assert "Mark as held" in rep_client.get(reverse("consultations:meeting", args=[meeting.pk])).text
    response = rep_client.post(status_url(meeting), {"status": "held"}, follow=True)
    assert "Marked as held." in response.text
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    assert logged(meeting, MEETING_HELD).get().user == board_world.rep
    again = rep_client.post(status_url(meeting), {"status": "held"}, follow=True)
    assert "not planned any more" in again.text
    rep_client.post(
        reverse("consultations:response", args=[item.pk]),
        {"status": ResponseStatus.ACCEPTED, "explanation": "The board agreed."},
    )
    assert item.__class__.objects.get(pk=item.pk).response.explanation == "The board agreed."


def test_a_rep_cancels_a_meeting(rep_client, board_world):
    response = rep_client.post(status_url(board_world.meeting), {"status": "cancelled"}, follow=True)
    assert "Meeting cancelled." in response.text
    board_world.meeting.refresh_from_db()
    assert board_world.meeting.status == MeetingStatus.CANCELLED
    assert logged(board_world.meeting, MEETING_CANCELLED).exists()


@pytest.mark.parametrize("status", ["", "planned", "exploded", "held" * 100, "\x00"])
def test_an_odd_status_button_changes_nothing(rep_client, board_world, status):
    before = meetings_snapshot()
    response = rep_client.post(status_url(board_world.meeting), {"status": status}, follow=True)
    assert response.status_code == 200 and "Something went wrong with that button" in response.text
    assert meetings_snapshot() == before


def test_the_status_url_only_takes_a_button(rep_client, board_world):
    assert rep_client.get(status_url(board_world.meeting)).status_code == 405


# The shortlist, earlier decisions and why each priority matters


def answered_at_an_earlier_meeting(board_world):
    earlier = BoardMeetingFactory(board=board_world.board, starts_at=timezone.now() - timedelta(days=40))
    item = AgendaItemFactory(meeting=earlier, title="Housing forms", priorities=[board_world.top])
    BoardMeeting.objects.filter(pk=earlier.pk).update(status=MeetingStatus.HELD)
    earlier.refresh_from_db()
    services.board_response_record(
        item=item,
        user=board_world.rep,
        status=ResponseStatus.IN_PROGRESS,
        explanation="The council is hiring a worker.",
    )
    return earlier


def test_the_shortlist_shows_what_the_board_said_before(rep_client, board_world):
    earlier = answered_at_an_earlier_meeting(board_world)
    url = reverse("consultations:shortlist", args=[board_world.meeting.pk])
    html = rep_client.get(url, {"consultation": board_world.consultation.pk}).text
    assert "Help with housing forms (votes in all: 6) Answered before: In progress" in html
    assert f"At the meeting on {times.day(earlier.starts_at, with_year=True)}" in html
    assert "The council is hiring a worker." in html
    assert re.search(r"A nurse at the drop-in \(votes in all: \w+\)</label>", html)  # not answered: no mark


def test_the_shortlist_shows_why_each_priority_matters(rep_client, board_world):
    url = reverse("consultations:shortlist", args=[board_world.meeting.pk])
    html = rep_client.get(url, {"consultation": board_world.consultation.pk}).text
    assert f"Why it matters: {board_world.top.explanation}" in html
    assert html.index("Why it matters:") < html.index('name="summary"')


# Changing an agenda item's priorities


@pytest.fixture
def item(board_world):
    return AgendaItemFactory(meeting=board_world.meeting, title="Housing", priorities=[board_world.top])


def item_url(item):
    return reverse("consultations:agenda_item_edit", args=[item.pk])


def ticked(item):
    return sorted(AgendaItemPriority.objects.filter(agenda_item=item).values_list("priority_id", flat=True))


def test_a_rep_adds_and_removes_ticks_and_it_is_logged(rep_client, board_world, item):
    html = rep_client.get(item_url(item)).text
    assert f'value="{board_world.top.pk}" checked' in html and f'value="{board_world.middle.pk}"' in html
    assert f"Why it matters: {board_world.middle.explanation}" in html
    data = {
        "priorities_shown": "1",
        "title": "Housing and health",
        "summary": "Both.",
        "priorities": [board_world.middle.pk, board_world.last.pk],
    }
    assert rep_client.post(item_url(item), data).status_code == 302
    assert ticked(item) == sorted([board_world.middle.pk, board_world.last.pk])
    entry = ModelLogEntry.objects.get(action=AGENDA_PRIORITIES_CHANGED)
    assert entry.user == board_world.rep and entry.object_id == str(board_world.meeting.pk)
    assert str(board_world.top.pk) in entry.data["removed"]


@pytest.mark.parametrize(
    ("priorities", "message"),
    [
        ([], "Choose at least one priority to put on the agenda."),
        (["abc"], "One of those priorities cannot be chosen."),
        (["999999"], "One of those priorities cannot be chosen."),
        ("open", "One of those priorities cannot be chosen."),
        ("on another item", "One of those priorities cannot be chosen."),
    ],
)
def test_bad_ticks_are_explained_and_change_nothing(rep_client, board_world, item, priorities, message):
    if priorities == "open":
        priorities = [board_world.open_priority.pk]
    elif priorities == "on another item":
        AgendaItemFactory(meeting=board_world.meeting, priorities=[board_world.middle])
        priorities = [board_world.middle.pk]
    data = {"priorities_shown": "1", "title": "New title", "summary": "New.", "priorities": priorities}
    response = rep_client.post(item_url(item), data)
    assert response.status_code == 200
    assert "There is a problem" in response.text and message in response.text
    item.refresh_from_db()
    assert item.title == "Housing" and ticked(item) == [board_world.top.pk]
    assert not ModelLogEntry.objects.filter(action=AGENDA_PRIORITIES_CHANGED).exists()


def test_ticks_cannot_change_after_the_meeting(rep_client, board_world, item):
    BoardMeeting.objects.filter(pk=board_world.meeting.pk).update(status=MeetingStatus.HELD)
    assert 'name="priorities"' not in rep_client.get(item_url(item)).text
    with pytest.raises(services.ConsultationError, match="agenda cannot change"):
        services.agenda_item_update(item=item, title="T", summary="S", priority_ids=[board_world.middle.pk])
    assert ticked(item) == [board_world.top.pk]


@pytest.mark.xdist_group("html")  # one HTML checker run: tests/test_html_checker.py
def test_new_board_pages_are_valid_html(rep_client, board_world, network_settings):
    from tests.checks import assert_valid_html

    answered_at_an_earlier_meeting(board_world)
    item = AgendaItemFactory(meeting=board_world.meeting, priorities=[board_world.middle])
    ConsultationFactory(board=None, question="Where should the new hub be?")
    pages = {}
    for name, url in {
        "board area with a consultation that reaches no board": reverse("consultations:board"),
        "add a meeting": create_url(board_world.board),
        "change a meeting": edit_url(board_world.meeting),
        "results not ready": reverse(
            "consultations:board_consultation", args=[board_world.open_consultation.pk]
        ),
        "shortlist with an earlier decision": reverse(
            "consultations:shortlist", args=[board_world.meeting.pk]
        )
        + f"?consultation={board_world.consultation.pk}",
        "agenda item with its priorities": item_url(item),
    }.items():
        response = rep_client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        pages[name] = response.text
    pages["add a meeting with errors"] = rep_client.post(create_url(board_world.board), {"day": "x"}).text
    pages["agenda item with errors"] = rep_client.post(
        item_url(item), {"priorities_shown": "1", "title": "", "summary": ""}
    ).text
    assert_valid_html(pages)


@pytest.mark.parametrize(
    ("starts_at", "place", "message"),
    [
        (None, "Hall", "Enter the day and time"),
        (datetime(2027, 3, 1, 14, 0), "Hall", "Enter the day and time"),  # no time zone
        (timezone.now(), "  ", "Say where the meeting is."),
        (timezone.now(), "x" * 151, "150 characters or fewer"),
    ],
)
def test_the_meeting_services_refuse_bad_input(board_world, starts_at, place, message):
    before = meetings_snapshot()
    with pytest.raises(services.ConsultationError, match=message):
        services.meeting_create(
            board=board_world.board, user=board_world.rep, starts_at=starts_at, place=place
        )
    with pytest.raises(services.ConsultationError, match=message):
        services.meeting_update(
            meeting=board_world.meeting, user=board_world.rep, starts_at=starts_at, place=place
        )
    assert meetings_snapshot() == before
