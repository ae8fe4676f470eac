"""The board area's reads: a person's boards, the shortlist, a meeting's agenda, results ranks."""

from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Count, Prefetch
from django.utils import timezone

from accounts.roles import BOARD_REPRESENTATIVES
from portal.prepared import PreparedLookup, PreparedShape

from ..figures import show_on
from ..figures_cache import cached_part
from ..models import (
    AgendaItem,
    AgendaItemPriority,
    Board,
    BoardMeeting,
    Consultation,
    Priority,
)
from ..taken_down import hide_taken_down
from .results import consultation_figures, ranked_priorities


def boards_for(user):
    """The boards this person works on: every board for staff, the boards that list them otherwise."""
    boards = Board.objects.all()
    if not (user.is_staff and user.is_active):
        boards = boards.filter(representatives=user, representatives__groups__name=BOARD_REPRESENTATIVES)
    meetings = BoardMeeting.objects.annotate(item_count=Count("agenda_items")).order_by("-starts_at", "-pk")
    closed = Consultation.objects.closed().order_by("-closes_at")
    not_closed = Consultation.objects.filter(closes_at__gt=timezone.now()).order_by("closes_at")
    return boards.distinct().prefetch_related(
        Prefetch("meetings", queryset=meetings),
        Prefetch("consultations", queryset=closed),
        Prefetch("consultations", queryset=not_closed, to_attr="not_closed"),
    )


@dataclass(frozen=True)
class EarlierDecision:
    """A priority on another meeting's agenda: when, and what the board said (status empty if
    it has not answered yet)."""

    meeting: BoardMeeting
    item_title: str
    status: str
    explanation: str


# Every link of one consultation's priorities to an agenda, newest meeting first, with the meeting
# and what the board said: the shortlist reads from them which priorities are on this meeting's
# agenda and what earlier meetings decided, in one query with its SQL put together once.
CONSULTATION_LINKS = PreparedLookup(
    lambda pk: (
        AgendaItemPriority.objects.filter(priority__consultation_id=pk)
        .select_related("meeting", "agenda_item__response")
        .order_by("-meeting__starts_at", "-pk")
    ),
    field=Priority._meta.get_field("consultation"),
)


# The priorities a shortlist shows, with only what the boxes show (consultations/priority_choices.py).
SHOWN_PRIORITIES = PreparedShape(
    lambda ids: Priority.objects.filter(pk__in=ids).only("pk", "consultation_id", "title", "explanation"),
    ids=Priority._meta.pk,
)
# The consultations an agenda item's priorities come from.
ITEM_CONSULTATIONS = PreparedLookup(
    lambda pk: Consultation.objects.filter(
        pk__in=AgendaItemPriority.objects.filter(agenda_item_id=pk).values("priority__consultation_id")
    ).order_by("pk"),
    field=AgendaItemPriority._meta.get_field("agenda_item"),
)


def agenda_links(consultation):
    return CONSULTATION_LINKS.all(consultation.pk)


def earlier_decisions(links, priority_ids, meeting):
    """{priority id: [EarlierDecision, newest first]} for agendas other than this meeting's, from
    the consultation's `links` (agenda_links)."""
    wanted = set(priority_ids)
    found = {}
    for link in links:
        if link.meeting_id == meeting.pk or link.priority_id not in wanted:
            continue
        response = getattr(link.agenda_item, "response", None)
        found.setdefault(link.priority_id, []).append(
            EarlierDecision(
                meeting=link.meeting,
                item_title=link.agenda_item.title,
                status=response.get_status_display() if response else "",
                explanation=response.explanation if response else "",
            )
        )
    return found


def _marked(priorities, consultation, meeting, ranks, on_agenda, links):
    """The priorities in ranked order, each with its protected counts, rank, agenda item on this
    meeting (if any) and what the board said about it at earlier meetings."""
    figures = consultation_figures([consultation.pk])[consultation.pk]
    shown = sorted((show_on(priority, figures) for priority in priorities), key=lambda p: ranks[p.pk])
    earlier = earlier_decisions(links, [priority.pk for priority in shown], meeting)
    for priority in shown:
        priority.rank = ranks[priority.pk]
        priority.agenda_item_id = on_agenda.get(priority.pk)
        priority.already_on_agenda = priority.agenda_item_id is not None
        priority.earlier = earlier.get(priority.pk, [])
    return shown


class Candidates(NamedTuple):
    """Priorities to choose from, and how many could be added to the agenda: `priorities` shows
    `available - left_out` of them, with those already chosen for the agenda item."""

    priorities: list
    available: int
    left_out: int


def shortlist_first(consultation, meeting, first=None, item=None):
    """Candidates from the consultation's ranked results: those not on this meeting's agenda yet,
    the first `first` of them (all if None), and those on `item`. Each is marked if it is already
    on the agenda (`already_on_agenda`, and on which item: `agenda_item_id`), with its rank among
    all the results and what the board said about it at earlier meetings (`earlier`). Only the
    ones shown are read whole: at 1,000 priorities, reading every one took most of the page's
    time, and listing them all made a page of 650 KB."""
    order = ranked_order(consultation)
    links = agenda_links(consultation)
    on_agenda = {link.priority_id: link.agenda_item_id for link in links if link.meeting_id == meeting.pk}
    ranks = {pk: rank for rank, pk in enumerate(order, start=1)}
    available = [pk for pk in order if pk not in on_agenda]
    offered = available if first is None else available[:first]
    item_id = item.pk if item is not None else None
    own = [pk for pk, on in on_agenda.items() if item_id is not None and on == item_id and pk in ranks]
    chosen = SHOWN_PRIORITIES.all(ids=[*offered, *own])
    return Candidates(
        _marked(chosen, consultation, meeting, ranks, on_agenda, links),
        len(available),
        len(available) - len(offered),
    )


def ranked_order(consultation):
    """The ids of the consultation's published priorities, ranked. Kept with its figures
    (figures_cache.cached_part): the order changes only with what they count (votes, in-room
    votes, priorities published, joined or taken down, accounts deleted), and ranking 1,000
    priorities again for every look at the shortlist took about a third of its time."""
    return cached_part(
        consultation.pk,
        "ranked-order",
        lambda: list(ranked_priorities(consultation).values_list("pk", flat=True)),
    )


def agenda_item_candidates(item, first=None):
    """For changing an agenda item's priorities: its own (ticked) and the others from the same
    consultations that are not on this meeting's agenda (the first `first` of each), in ranked
    order, as Candidates."""
    priorities, available, left_out = [], 0, 0
    for consultation in ITEM_CONSULTATIONS.all(item.pk):
        found = shortlist_first(consultation, item.meeting, first, item)
        priorities += found.priorities
        available += found.available
        left_out += found.left_out
    return Candidates(priorities, available, left_out)


def consultations_without_board():
    """Consultations whose results go to no board: nobody in the board area will ever see them."""
    return Consultation.objects.filter(board__isnull=True).order_by("-closes_at")


def agenda_for(meeting):
    """The meeting's agenda items in order, each with its response and the history of updates, and
    its `shown_priorities` (most votes first) showing protected counts, taken-down ones replaced.
    A fixed number of queries, however long."""
    counted = Priority.objects.select_related("theme", "consultation").ranked()
    items = hide_taken_down(
        list(
            AgendaItem.objects.filter(meeting=meeting)
            .select_related("response")
            .prefetch_related(Prefetch("priorities", queryset=counted), "response__updates")
            .order_by("position")
        )
    )
    shown = [priority for item in items for priority in item.shown_priorities if not priority.is_taken_down]
    figures = consultation_figures({priority.consultation_id for priority in shown})
    for priority in shown:
        show_on(priority, figures[priority.consultation_id])
    return items


def consultation_ranks(consultation_ids):
    """{priority id: place in its consultation's results}, for the consultations named."""
    ranks = {}
    for consultation_id in consultation_ids:
        ordered = ranked_priorities(Consultation(pk=consultation_id)).values_list("pk", flat=True)
        ranks.update({pk: place for place, pk in enumerate(ordered, start=1)})
    return ranks
