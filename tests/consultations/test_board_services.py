"""Board writes: shortlisting, reordering, responses and their history, and what members are told."""

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from consultations import selectors, services
from consultations.models import (
    AgendaItem,
    AgendaItemPriority,
    BoardResponse,
    MeetingStatus,
    NotificationPreferences,
    ResponseStatus,
    ResponseUpdate,
)
from consultations.notifications import SUBJECT_BOARD_RESPONSE
from tests.factories.consultations import AgendaItemFactory, PriorityFactory

pytestmark = pytest.mark.django_db


def shortlist(world, *priorities, title="", summary="Members want this."):
    return services.agenda_item_create(
        meeting=world.meeting, priority_ids=[p.pk for p in priorities], title=title, summary=summary
    )


def test_shortlisting_groups_priorities_into_one_item_in_order(board_world):
    first = shortlist(board_world, board_world.top)
    second = shortlist(board_world, board_world.middle, board_world.last, title="Health at the hub")
    assert [first.position, second.position] == [1, 2]
    assert first.title == "Help with housing forms"
    assert set(second.priorities.all()) == {board_world.middle, board_world.last}


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("duplicate", "already on this meeting's agenda"),
        ("open", "closed consultations"),
        ("other_board", "closed consultations"),
        ("unpublished", "closed consultations"),
        ("missing", "could not be found"),
        ("empty", "at least one"),
        ("blank_summary", "summary"),
    ],
)
def test_shortlisting_refuses_kindly_and_changes_nothing(board_world, case, message):
    shortlist(board_world, board_world.top)
    before = (AgendaItem.objects.count(), AgendaItemPriority.objects.count())
    ids = {
        "duplicate": [board_world.top.pk],
        "open": [board_world.open_priority.pk],
        "other_board": [PriorityFactory(consultation__closed=True).pk],
        "unpublished": [
            PriorityFactory(consultation=board_world.consultation, status="submitted", approved_at=None).pk
        ],
        "missing": [999_999],
        "empty": [],
        "blank_summary": [board_world.middle.pk],
    }[case]
    with pytest.raises(services.ConsultationError, match=message):
        services.agenda_item_create(
            meeting=board_world.meeting,
            priority_ids=ids,
            title="",
            summary="   " if case == "blank_summary" else "Why",
        )
    assert (AgendaItem.objects.count(), AgendaItemPriority.objects.count()) == before


def test_the_database_refuses_a_priority_twice_on_one_agenda(board_world):
    item = shortlist(board_world, board_world.top)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItemPriority.objects.create(
            agenda_item=item, meeting=board_world.meeting, priority=board_world.top
        )


def test_the_database_refuses_two_items_in_one_place(board_world):
    shortlist(board_world, board_world.top)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItem.objects.create(meeting=board_world.meeting, position=1, title="Again", summary="Again")


def test_agenda_cannot_change_after_the_meeting(board_world):
    item = shortlist(board_world, board_world.top)
    board_world.meeting.status = MeetingStatus.HELD
    board_world.meeting.save()
    with pytest.raises(services.ConsultationError):
        shortlist(board_world, board_world.middle)
    with pytest.raises(services.ConsultationError):
        services.agenda_reorder(item=item, direction="down")


def test_reorder_moves_up_and_down_and_stops_at_the_ends(board_world):
    a = shortlist(board_world, board_world.top)
    b = shortlist(board_world, board_world.middle)
    c = shortlist(board_world, board_world.last)

    def order():
        return list(board_world.meeting.agenda_items.order_by("position").values_list("pk", flat=True))

    services.agenda_reorder(item=c, direction="up")
    assert order() == [a.pk, c.pk, b.pk]
    services.agenda_reorder(item=a, direction="up")
    assert order() == [a.pk, c.pk, b.pk]
    services.agenda_reorder(item=a, direction="down")
    assert order() == [c.pk, a.pk, b.pk]
    with pytest.raises(services.ConsultationError):
        services.agenda_reorder(item=a, direction="sideways")
    assert order() == [c.pk, a.pk, b.pk]


def held_item(world, *priorities):
    item = shortlist(world, *(priorities or (world.top,)))
    world.meeting.status = MeetingStatus.HELD
    world.meeting.save()
    return item


def test_response_and_later_update_keep_the_history(board_world):
    item = held_item(board_world)
    services.board_response_record(
        item=item,
        user=board_world.rep,
        status=ResponseStatus.ACCEPTED,
        explanation="Agreed.",
        responsible="Hub manager",
    )
    services.board_response_record(
        item=item, user=board_world.rep, status=ResponseStatus.DONE, explanation="Done now."
    )
    response = BoardResponse.objects.get(agenda_item=item)
    assert (response.status, response.explanation) == (ResponseStatus.DONE, "Done now.")
    assert list(
        ResponseUpdate.objects.filter(response=response).order_by("pk").values_list("status", "note")
    ) == [
        (ResponseStatus.ACCEPTED, "Agreed."),
        (ResponseStatus.DONE, "Done now."),
    ]


@pytest.mark.parametrize(
    ("status", "explanation", "meeting_status"),
    [
        ("bogus", "Fine", MeetingStatus.HELD),
        (ResponseStatus.DONE, "  ", MeetingStatus.HELD),
        (ResponseStatus.DONE, "Fine", MeetingStatus.CANCELLED),
    ],
)
def test_response_refuses_bad_input(board_world, status, explanation, meeting_status):
    item = held_item(board_world)
    board_world.meeting.status = meeting_status
    board_world.meeting.save()
    with pytest.raises(services.ConsultationError):
        services.board_response_record(
            item=item, user=board_world.rep, status=status, explanation=explanation
        )
    assert not BoardResponse.objects.exists()
    assert not mail.outbox


def test_people_who_posted_or_voted_are_told_once_each_with_a_neutral_subject(board_world):
    item = held_item(board_world, board_world.top, board_world.middle)
    quiet = board_world.voters[1]
    NotificationPreferences.objects.create(user=quiet, board_responses=False)
    services.board_response_record(
        item=item, user=board_world.rep, status=ResponseStatus.ACCEPTED, explanation="Agreed."
    )
    expected = {board_world.top.author.email, board_world.middle.author.email} | {
        v.email for v in board_world.voters if v != quiet
    }
    recipients = [m.to[0] for m in mail.outbox]
    assert sorted(recipients) == sorted(expected)
    assert {m.subject for m in mail.outbox} == {SUBJECT_BOARD_RESPONSE}
    assert "Agreed." in mail.outbox[0].body


def test_journey_fills_in_the_board_steps(board_world):
    author = board_world.top.author
    item = shortlist(board_world, board_world.top)

    def reached():
        (priority,) = [p for p in selectors.member_contributions(author) if p.pk == board_world.top.pk]
        return [step.key for step in selectors.priority_journey(priority) if step.reached]

    assert reached() == ["submitted", "published", "shortlisted"]
    board_world.meeting.status = MeetingStatus.HELD
    board_world.meeting.save()
    assert reached() == ["submitted", "published", "shortlisted", "on_agenda"]
    services.board_response_record(
        item=item, user=board_world.rep, status=ResponseStatus.DONE, explanation="Done."
    )
    assert reached() == ["submitted", "published", "shortlisted", "on_agenda", "board_response"]


def test_a_priority_on_no_agenda_is_not_yet_shortlisted(board_world):
    AgendaItemFactory(meeting=board_world.other_meeting)
    (priority,) = selectors.member_contributions(board_world.middle.author)
    assert [s.reached for s in selectors.priority_journey(priority)] == [True, True, False, False, False]
