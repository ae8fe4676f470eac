"""Demo partnership board: two past meetings with agenda items from the closed demo consultation
and responses at different stages, and a planned meeting with an empty agenda to try shortlisting
on. Safe to run again: rows are found by their names and dates."""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from consultations.models import (
    AgendaItem,
    AgendaItemPriority,
    Board,
    BoardMeeting,
    BoardResponse,
    Consultation,
    MeetingStatus,
    Priority,
    ResponseStatus,
    ResponseUpdate,
)

from .consultations import CLOSED_QUESTION

BOARD_NAME = "Portskerry Alcohol and Drug Partnership"
BOARD_DESCRIPTION = (
    "The partnership of the council, the health board and local services that decides how money for "
    "alcohol and drug services is spent on the island. Network members sit on it to say what we need and want."
)
PLACE = "Council chambers, Harbour Street"
NEXT_MEETING_IN_DAYS = 21

# days before today, agenda items: (title, summary, priority titles, response or None)
# response: (status, explanation, responsible, due in days, [(days ago, status, note), ...] earlier updates)
MEETINGS = [
    (
        50,
        [
            (
                "A quiet room at the new drop-in",
                "Members asked for somewhere calm to sit when the main room is busy. It had the most votes.",
                ["A quiet room"],
                (
                    ResponseStatus.DONE,
                    "The small room at the back of the Net Loft is now a quiet room, open whenever the hub is open.",
                    "Hub manager",
                    None,
                    [(48, ResponseStatus.ACCEPTED, "The board agreed. The hub manager will find a room.")],
                ),
            ),
            (
                "Private space for appointments",
                "Members want to talk to the nurse or housing support without being overheard.",
                ["Somewhere private for appointments"],
                (
                    ResponseStatus.IN_PROGRESS,
                    "A room divider and a booking sheet are ordered. Until then, ask staff for the office.",
                    "Hub manager with the community nursing team",
                    60,
                    [],
                ),
            ),
        ],
    ),
    (
        20,
        [
            (
                "A kitchen everyone can use",
                "Cooking together is a good way to meet people. Members asked for a kitchen they can all use.",
                ["A kitchen we can all use"],
                (
                    ResponseStatus.ACCEPTED,
                    "The board agreed to pay for a small kitchen. Building work needs the landlord's permission first.",
                    "Council property team",
                    120,
                    [],
                ),
            ),
        ],
    ),
]


def _at(days_ago):
    day = timezone.localdate() - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, time(14, 0)))


def load(*, stdout):
    board, _created = Board.objects.update_or_create(
        name=BOARD_NAME, defaults={"description": BOARD_DESCRIPTION}
    )
    representative = get_user_model().objects.filter(email="board@example.org").first()
    if representative is not None:
        board.representatives.add(representative)
    consultation = Consultation.objects.filter(question=CLOSED_QUESTION).first()
    if consultation is None:
        stdout.write("Demo board skipped: load the demo consultations first.")
        return
    Consultation.objects.filter(pk=consultation.pk).update(board=board)
    for days_ago, items in MEETINGS:
        meeting, _created = BoardMeeting.objects.update_or_create(
            board=board, starts_at=_at(days_ago), defaults={"place": PLACE, "status": MeetingStatus.HELD}
        )
        for position, (title, summary, priority_titles, response) in enumerate(items, start=1):
            item, _created = AgendaItem.objects.update_or_create(
                meeting=meeting, position=position, defaults={"title": title, "summary": summary}
            )
            for priority in Priority.objects.filter(consultation=consultation, title__in=priority_titles):
                AgendaItemPriority.objects.get_or_create(
                    meeting=meeting,
                    priority=priority,
                    defaults={"agenda_item": item, "shortlisted_at": _at(days_ago + 7)},
                )
            if response is not None:
                _response(item, representative, days_ago, *response)
    if not BoardMeeting.objects.filter(
        board=board, status=MeetingStatus.PLANNED, starts_at__gte=timezone.now()
    ).exists():
        BoardMeeting.objects.create(
            board=board, starts_at=_at(-NEXT_MEETING_IN_DAYS), place=PLACE, status=MeetingStatus.PLANNED
        )
    stdout.write("Demo partnership board loaded (two past meetings with responses, one planned).")


def _response(item, representative, days_ago, status, explanation, responsible, due_in_days, earlier):
    history = [*earlier, (max(days_ago - 5, 1), status, explanation)]
    response, _created = BoardResponse.objects.update_or_create(
        agenda_item=item,
        defaults={
            "status": status,
            "explanation": explanation,
            "responsible": responsible,
            "due_by": timezone.localdate() + timedelta(days=due_in_days) if due_in_days else None,
            "recorded_by": representative,
            "recorded_at": _at(history[0][0]),
            "updated_at": _at(history[-1][0]),
        },
    )
    for update_days_ago, update_status, note in history:
        ResponseUpdate.objects.get_or_create(
            response=response,
            written_at=_at(update_days_ago),
            defaults={"status": update_status, "note": note, "recorded_by": representative},
        )
