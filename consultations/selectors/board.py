"""The board area's reads: a person's boards, the shortlist, a meeting's agenda, results ranks."""

from django.db.models import Count, Prefetch

from accounts.roles import BOARD_REPRESENTATIVES

from ..figures import show_on
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
    return boards.distinct().prefetch_related(
        Prefetch("meetings", queryset=meetings), Prefetch("consultations", queryset=closed)
    )


def shortlist_candidates(consultation, meeting):
    """The consultation's ranked results, each marked if it is already on this meeting's agenda."""
    figures = consultation_figures([consultation.pk])[consultation.pk]
    ranked = [
        show_on(priority, figures)
        for priority in ranked_priorities(consultation).select_related(None).select_related("theme")
    ]
    taken = set(
        AgendaItemPriority.objects.filter(meeting=meeting, priority__consultation=consultation).values_list(
            "priority_id", flat=True
        )
    )
    for rank, priority in enumerate(ranked, start=1):
        priority.rank = rank
        priority.already_on_agenda = priority.pk in taken
    return ranked


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
        ranks.update({pk: place for place, pk in enumerate(ordered.iterator(chunk_size=5000), start=1)})
    return ranks
