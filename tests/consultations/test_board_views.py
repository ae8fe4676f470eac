"""The board area, "You said, we did" and the feed: bad input is met kindly, nothing changes, and
pages cost a fixed number of queries."""

import feedparser
import pytest
from django.core import mail
from django.template import Context, Template
from django.urls import reverse

from consultations.models import (
    AgendaItem,
    AgendaItemPriority,
    BoardResponse,
    MeetingStatus,
    ResponseStatus,
    ResponseUpdate,
)
from tests.factories.consultations import (
    AgendaItemFactory,
    BoardMeetingFactory,
    BoardResponseFactory,
    PriorityFactory,
    ThemeFactory,
    VoteFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def rep_client(client, board_world):
    client.force_login(board_world.rep)
    return client


def snapshot():
    return (
        list(AgendaItem.objects.order_by("pk").values_list("pk", "position", "title", "summary")),
        AgendaItemPriority.objects.count(),
        list(BoardResponse.objects.values_list("pk", "status", "explanation")),
        ResponseUpdate.objects.count(),
    )


def shortlist_url(world):
    return reverse("consultations:shortlist", args=[world.meeting.pk])


def test_shortlist_page_lists_ranked_priorities(rep_client, board_world):
    page = rep_client.get(
        shortlist_url(board_world), {"consultation": board_world.consultation.pk}
    ).content.decode()
    assert page.index("1. Help with housing forms") < page.index("2. A nurse at the drop-in")
    assert "Still open" not in page


def test_shortlisting_through_the_form(rep_client, board_world):
    response = rep_client.post(
        shortlist_url(board_world),
        {"consultation": board_world.consultation.pk, "priorities": [board_world.top.pk], "summary": "Top."},
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get()
    assert (item.title, item.summary) == ("Help with housing forms", "Top.")


@pytest.mark.parametrize(
    "case",
    ["empty summary", "oversized summary", "oversized title", "forged id", "open consultation priority",
     "other consultation", "no priorities", "letters for an id", "duplicate"],
)  # fmt: skip
def test_bad_shortlist_input_is_refused_kindly(rep_client, board_world, case):
    AgendaItemFactory(meeting=board_world.meeting, priorities=[board_world.top], position=1)
    data = {
        "consultation": board_world.consultation.pk,
        "priorities": [board_world.middle.pk],
        "summary": "Why.",
    }
    if case == "empty summary":
        data["summary"] = ""
    elif case == "oversized summary":
        data["summary"] = "x" * 3001
    elif case == "oversized title":
        data["title"] = "x" * 151
    elif case == "forged id":
        data["priorities"] = [987654]
    elif case == "open consultation priority":
        data["priorities"] = [board_world.open_priority.pk]
    elif case == "other consultation":
        data["priorities"] = [
            PriorityFactory(consultation__closed=True, consultation__board=board_world.board).pk
        ]
    elif case == "no priorities":
        data["priorities"] = []
    elif case == "letters for an id":
        data["priorities"] = ["1; DROP TABLE"]
    elif case == "duplicate":
        data["priorities"] = [board_world.top.pk]
    before = snapshot()
    response = rep_client.post(shortlist_url(board_world), data)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize("consultation", ["999999", "9" * 40, "²", "\x00", "abc", "open", "other board"])
def test_an_unknown_consultation_asks_kindly_to_choose(rep_client, board_world, consultation):
    value = {
        "open": board_world.open_consultation.pk,
        "other board": PriorityFactory(consultation__closed=True).consultation_id,
    }.get(consultation, consultation)
    before = snapshot()
    response = rep_client.post(
        shortlist_url(board_world), {"consultation": value, "priorities": [1], "summary": "x"}
    )
    assert response.status_code == 200
    assert "Choose one of the board&#x27;s closed consultations" in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize(
    ("method", "name", "args_of"),
    [
        ("get", "consultations:agenda_item_move", "item"),
        ("get", "consultations:agenda_item_remove", "item"),
        ("put", "consultations:shortlist", "meeting"),
        ("delete", "consultations:response", "item"),
        ("post", "consultations:board_pack", "meeting"),
        ("put", "consultations:meeting_export", "meeting_csv"),
    ],
)
def test_wrong_methods_are_refused(rep_client, board_world, method, name, args_of):
    item = AgendaItemFactory(meeting=board_world.meeting, priorities=[board_world.top])
    args = {
        "item": [item.pk],
        "meeting": [board_world.meeting.pk],
        "meeting_csv": [board_world.meeting.pk, "csv"],
    }
    before = snapshot()
    assert getattr(rep_client, method)(reverse(name, args=args[args_of])).status_code == 405
    assert snapshot() == before


def test_forged_ids_and_formats_give_404(rep_client, board_world):
    assert (
        rep_client.post(
            reverse("consultations:agenda_item_move", args=[424242]), {"direction": "up"}
        ).status_code
        == 404
    )
    assert rep_client.get(reverse("consultations:meeting", args=[424242])).status_code == 404
    assert (
        rep_client.get(
            reverse("consultations:meeting_export", args=[board_world.meeting.pk, "exe"])
        ).status_code
        == 404
    )
    assert rep_client.get(reverse("consultations:download", args=[424242])).status_code == 404


def test_move_buttons_reorder_without_javascript(rep_client, board_world):
    first = AgendaItemFactory(meeting=board_world.meeting, position=1)
    second = AgendaItemFactory(meeting=board_world.meeting, position=2)
    response = rep_client.post(
        reverse("consultations:agenda_item_move", args=[second.pk]), {"direction": "up"}
    )
    assert response.status_code == 302
    assert list(AgendaItem.objects.order_by("position")) == [second, first]
    before = snapshot()
    rep_client.post(reverse("consultations:agenda_item_move", args=[second.pk]), {"direction": "<script>"})
    assert snapshot() == before


@pytest.mark.parametrize(
    "data",
    [
        {"status": "bogus", "explanation": "Fine"},
        {"status": "done", "explanation": ""},
        {"status": "done", "explanation": "x" * 3001},
        {"status": "done", "explanation": "Fine", "due_by": "31/02/2027"},
        {"status": "done", "explanation": "Fine", "responsible": "x" * 151},
        {},
    ],
)
def test_bad_response_input_is_refused_kindly(rep_client, board_world, data):
    item = AgendaItemFactory(
        meeting__board=board_world.board, meeting__status=MeetingStatus.HELD, priorities=[board_world.top]
    )
    before = snapshot()
    response = rep_client.post(reverse("consultations:response", args=[item.pk]), data)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert snapshot() == before
    assert not mail.outbox


def test_response_before_the_meeting_is_refused_kindly(rep_client, board_world):
    item = AgendaItemFactory(meeting=board_world.meeting, priorities=[board_world.top])
    response = rep_client.post(
        reverse("consultations:response", args=[item.pk]), {"status": "done", "explanation": "x"}
    )
    assert response.status_code == 200
    assert "once the meeting has been held" in response.content.decode()
    assert not BoardResponse.objects.exists()


def test_recording_a_response_and_an_update(rep_client, board_world):
    item = AgendaItemFactory(
        meeting__board=board_world.board, meeting__status=MeetingStatus.HELD, priorities=[board_world.top]
    )
    url = reverse("consultations:response", args=[item.pk])
    data = {
        "status": "in_progress",
        "explanation": "Under way.",
        "responsible": "Hub manager",
        "due_by": "30/6/2027",
    }
    assert rep_client.post(url, data).status_code == 302
    assert rep_client.post(url, {"status": "done", "explanation": "Finished."}).status_code == 302
    response = BoardResponse.objects.get()
    assert response.status == ResponseStatus.DONE
    assert list(response.updates.order_by("pk").values_list("status", flat=True)) == [
        ResponseStatus.IN_PROGRESS,
        ResponseStatus.DONE,
    ]
    assert "Under way." in rep_client.get(url).content.decode()


def add_responses(world, count):
    theme = ThemeFactory(consultation=world.consultation, name=f"Theme for {count}")
    for n in range(count):
        meeting = BoardMeetingFactory(board=world.board, status=MeetingStatus.HELD)
        priorities = [PriorityFactory(consultation=world.consultation, theme=theme) for _ in range(2)]
        item = AgendaItemFactory(meeting=meeting, priorities=priorities, title=f"Item {count}-{n}")
        response = BoardResponseFactory(agenda_item=item)
        ResponseUpdate.objects.create(response=response, status=response.status, note="Agreed.")


def test_query_budgets_do_not_grow(client, board_world, django_assert_max_num_queries, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr("consultations.views.board.SHORTLIST_FIRST", 2)  # so some are left out
    item = AgendaItemFactory(meeting=board_world.meeting, priorities=[board_world.top])
    pages = [
        ("board area", reverse("consultations:board"), True, 14),
        ("agenda", reverse("consultations:meeting", args=[board_world.meeting.pk]), True, 15),
        ("you said, we did", reverse("consultations:you_said_we_did"), False, 4),
        ("shortlist", f"{shortlist_url(board_world)}?consultation={board_world.consultation.pk}", True, 10),
        ("shortlist, all", f"{shortlist_url(board_world)}?consultation={board_world.consultation.pk}&all=yes",
         True, 10),
        ("agenda item", reverse("consultations:agenda_item_edit", args=[item.pk]), True, 10),
        ("agenda item, all", reverse("consultations:agenda_item_edit", args=[item.pk]) + "?all=yes", True, 10),
    ]  # fmt: skip

    def counts():
        measured = {}
        for name, url, signed_in, budget in pages:
            client.logout()
            if signed_in:
                client.force_login(board_world.rep)
            client.get(url)  # warm the shared caches (menus, the site and its settings) first
            with django_assert_max_num_queries(budget), CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            measured[name] = len(queries)
        return measured

    def grow(count):
        add_responses(board_world, count)
        for _ in range(count):
            priorities = [PriorityFactory(consultation=board_world.consultation) for _ in range(2)]
            AgendaItemFactory(meeting=board_world.meeting, priorities=priorities)
        BoardMeetingFactory(board=board_world.board)

    grow(1)
    few = counts()
    grow(8)
    assert counts() == few, few


def test_public_page_lists_responses_and_filters(client, board_world):
    add_responses(board_world, 2)
    done = BoardResponse.objects.first()
    done.status = ResponseStatus.DONE
    done.save()
    page = client.get(reverse("consultations:you_said_we_did")).content.decode()
    assert page.count('class="portal-response"') == 2
    assert board_world.consultation.question in page
    page = client.get(reverse("consultations:you_said_we_did"), {"status": "done"}).content.decode()
    assert page.count('class="portal-response"') == 1
    page = client.get(reverse("consultations:you_said_we_did"), {"theme": "Theme for 2"}).content.decode()
    assert page.count('class="portal-response"') == 2
    page = client.get(reverse("consultations:you_said_we_did"), {"theme": "Nothing like it"}).content.decode()
    assert page.count('class="portal-response"') == 2
    assert "We could not use one of those choices" in page


def test_a_new_responses_theme_is_offered_in_the_filter_at_once(client, board_world):
    """The answered themes are a shared read (consultations.selectors.response_theme_names): a
    response recorded after the page was drawn shows its theme at once, and it filters."""
    add_responses(board_world, 1)
    page = client.get(reverse("consultations:you_said_we_did")).content.decode()
    assert ">Theme for 1</option>" in page
    assert "Theme for 3" not in page

    add_responses(board_world, 3)
    page = client.get(reverse("consultations:you_said_we_did")).content.decode()
    assert ">Theme for 3</option>" in page
    page = client.get(reverse("consultations:you_said_we_did"), {"theme": "Theme for 3"}).content.decode()
    assert page.count('class="portal-response"') == 3
    assert "We could not use one of those choices" not in page


@pytest.mark.parametrize(
    "query",
    ["status=<script>", "theme=%00", "page=-1", "page=abc", "page=99999", "status=done&status=bogus", "x=1"],
)
def test_public_page_never_fails_on_odd_input(client, board_world, query):
    add_responses(board_world, 1)
    assert client.get(reverse("consultations:you_said_we_did") + "?" + query).status_code == 200


def test_public_page_hides_responses_from_cancelled_meetings(client, board_world):
    add_responses(board_world, 1)
    BoardResponse.objects.update()
    meeting = BoardResponse.objects.get().agenda_item.meeting
    meeting.status = "cancelled"
    meeting.save()
    assert (
        'class="portal-response"' not in client.get(reverse("consultations:you_said_we_did")).content.decode()
    )


def test_feed_lists_new_responses(client, board_world):
    add_responses(board_world, 2)
    feed = feedparser.parse(client.get(reverse("consultations:you_said_we_did_feed")).content)
    assert len(feed.entries) == 2
    assert feed.entries[0].title.startswith("Accepted: Item 2-")


def test_home_page_block_shows_the_latest_three(board_world, django_assert_max_num_queries):
    add_responses(board_world, 4)
    with django_assert_max_num_queries(4):
        html = Template("{% load you_said_we_did %}{% you_said_we_did_latest %}").render(Context({}))
    assert html.count('class="portal-response"') == 3
    assert "Item 4-3" in html and "Item 4-0" not in html


def test_a_voter_sees_the_response_on_their_contributions(client, board_world):
    add_responses(board_world, 1)
    response = BoardResponse.objects.get()
    priority = response.agenda_item.priorities.first()
    voter = board_world.voters[0]
    VoteFactory(priority=priority, voter=voter)
    client.force_login(voter)
    page = client.get(reverse("consultations:my_contributions")).content.decode()
    assert "Things you voted for" in page
    assert response.explanation in page


def test_an_author_sees_the_journey_and_the_response(client, board_world):
    add_responses(board_world, 1)
    priority = BoardResponse.objects.get().agenda_item.priorities.first()
    client.force_login(priority.author)
    page = client.get(reverse("consultations:my_contributions")).content.decode()
    assert "The board&#x27;s response" in page or "The board's response" in page
    assert "(not yet)" not in page


def test_a_new_response_refreshes_the_cached_public_page(board_world, django_capture_on_commit_callbacks):
    from portal.page_cache import current_version

    item = AgendaItemFactory(meeting=board_world.meeting, priorities=[board_world.top])
    version = current_version()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        BoardResponseFactory(agenda_item=item)
    assert current_version() == version
    for callback in callbacks:
        callback()
    assert current_version() > version


@pytest.mark.parametrize(
    "data",
    [
        {"title": "", "summary": "Fine"},
        {"title": "Fine", "summary": ""},
        {"title": "x" * 151, "summary": "Fine"},
        {},
    ],
)
def test_bad_agenda_item_edits_are_refused_kindly(rep_client, board_world, data):
    item = AgendaItemFactory(meeting=board_world.meeting, priorities=[board_world.top])
    before = snapshot()
    response = rep_client.post(reverse("consultations:agenda_item_edit", args=[item.pk]), data)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert snapshot() == before


def test_editing_and_removing_an_item(rep_client, board_world):
    item = AgendaItemFactory(meeting=board_world.meeting, priorities=[board_world.top])
    url = reverse("consultations:agenda_item_edit", args=[item.pk])
    assert rep_client.post(url, {"title": "Housing", "summary": "New words."}).status_code == 302
    assert AgendaItem.objects.get().summary == "New words."
    assert rep_client.post(reverse("consultations:agenda_item_remove", args=[item.pk])).status_code == 302
    assert not AgendaItem.objects.exists()
    assert not AgendaItemPriority.objects.exists()


def test_a_held_meetings_agenda_cannot_be_changed(rep_client, board_world):
    item = AgendaItemFactory(
        meeting__board=board_world.board, meeting__status=MeetingStatus.HELD, priorities=[board_world.top]
    )
    before = snapshot()
    response = rep_client.post(
        reverse("consultations:agenda_item_edit", args=[item.pk]), {"title": "T", "summary": "S"}
    )
    assert "already happened" in response.content.decode()
    rep_client.post(reverse("consultations:agenda_item_remove", args=[item.pk]))
    rep_client.post(reverse("consultations:agenda_item_move", args=[item.pk]), {"direction": "up"})
    response = rep_client.post(
        reverse("consultations:shortlist", args=[item.meeting_id]), {"consultation": 1}
    )
    assert response.status_code == 302
    assert snapshot() == before


@pytest.fixture
def one_at_first(monkeypatch, board_world):
    """The shortlist shows one priority before "Show all"; the top one is already on the agenda."""
    monkeypatch.setattr("consultations.views.board.SHORTLIST_FIRST", 1)
    item = AgendaItemFactory(meeting=board_world.meeting)
    AgendaItemPriority.objects.create(agenda_item=item, meeting=board_world.meeting, priority=board_world.top)


def ticked_labels(response):
    from bs4 import BeautifulSoup

    page = BeautifulSoup(response.content, "html.parser")
    return [label.text for label in page.select(".govuk-checkboxes__label")], page


def test_the_shortlist_shows_the_first_not_on_the_agenda_with_their_ranks(
    rep_client, board_world, one_at_first
):
    response = rep_client.get(shortlist_url(board_world), {"consultation": board_world.consultation.pk})

    labels, page = ticked_labels(response)
    assert labels == ["2. A nurse at the drop-in (votes in all: hidden)"]
    note = page.select_one("#not-shown")
    assert " ".join(note.text.split()) == (
        "These are the 1 priority with the most votes not on this agenda yet. 1 more is not shown. "
        "Show all 2 priorities (a long page)."
    )
    link = note.find("a")["href"]
    assert link == f"{shortlist_url(board_world)}?consultation={board_world.consultation.pk}&all=yes"
    assert page.find("input", attrs={"name": "all"}) is None

    everything = rep_client.get(link)
    labels, page = ticked_labels(everything)
    assert labels == [
        "2. A nurse at the drop-in (votes in all: hidden)",
        '3. =HYPERLINK("http://evil") (votes in all: hidden)',
    ]
    assert page.select_one("#not-shown") is None
    assert page.find("input", attrs={"name": "all"})["value"] == "yes"


def test_a_priority_not_shown_can_be_chosen_only_from_the_whole_list(rep_client, board_world, one_at_first):
    before = snapshot()
    data = {
        "consultation": board_world.consultation.pk,
        "priorities": [board_world.last.pk],
        "summary": "Later.",
    }

    refused = rep_client.post(shortlist_url(board_world), data)

    assert refused.status_code == 200
    assert "One of those priorities cannot be chosen. Please choose again." in refused.text
    assert snapshot() == before

    for odd in ("no", "YES", "", "yes" * 100):
        assert rep_client.post(shortlist_url(board_world), {**data, "all": odd}).status_code == 200
        assert snapshot() == before

    accepted = rep_client.post(shortlist_url(board_world), {**data, "all": "yes"})
    assert accepted.status_code == 302
    assert AgendaItem.objects.filter(summary="Later.", priorities=board_world.last).exists()


def test_an_agenda_item_shows_its_own_and_the_first_others(rep_client, board_world, monkeypatch):
    monkeypatch.setattr("consultations.views.board.SHORTLIST_FIRST", 1)
    item = AgendaItemFactory(meeting=board_world.meeting, title="Housing")
    AgendaItemPriority.objects.create(
        agenda_item=item, meeting=board_world.meeting, priority=board_world.last
    )
    url = reverse("consultations:agenda_item_edit", args=[item.pk])

    labels, page = ticked_labels(rep_client.get(url))

    assert labels == [
        "1. Help with housing forms (votes in all: 6)",
        '3. =HYPERLINK("http://evil") (votes in all: hidden)',
    ]
    assert [box["value"] for box in page.select(".govuk-checkboxes__input[checked]")] == [
        str(board_world.last.pk)
    ]
    note = page.select_one("#not-shown")
    assert "1 more is not shown." in note.text
    assert note.find("a")["href"] == f"{url}?all=yes"

    before = snapshot()
    data = {"title": "Housing", "summary": "About housing.", "priorities_shown": "1",
            "priorities": [board_world.last.pk, board_world.middle.pk]}  # fmt: skip
    refused = rep_client.post(url, data)
    assert "One of those priorities cannot be chosen. Please choose again." in refused.text
    assert snapshot() == before

    labels, _page = ticked_labels(rep_client.get(f"{url}?all=yes"))
    assert len(labels) == 3
    assert rep_client.post(url, {**data, "all": "yes"}).status_code == 302
    assert set(item.priorities.all()) == {board_world.last, board_world.middle}


def test_the_shortlist_ranks_again_at_once_when_the_counts_change(rep_client, board_world):
    from tests.factories.consultations import InRoomTallyFactory

    def labels():
        response = rep_client.get(shortlist_url(board_world), {"consultation": board_world.consultation.pk})
        return [label.split(" (")[0] for label in ticked_labels(response)[0]]

    assert labels() == [
        "1. Help with housing forms",
        "2. A nurse at the drop-in",
        '3. =HYPERLINK("http://evil")',
    ]
    InRoomTallyFactory(priority=board_world.last, votes=20)  # counted late, from a paper sheet
    assert labels() == [
        '1. =HYPERLINK("http://evil")',
        "2. Help with housing forms",
        "3. A nurse at the drop-in",
    ]
