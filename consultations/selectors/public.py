"""What everyone may read: the board's responses ("You said, we did")."""

from django.db.models import Prefetch

from portal.shared_reads import remember

from ..models import (
    BoardResponse,
    MeetingStatus,
    Priority,
    PriorityStatus,
    Theme,
)
from ..taken_down import hide_taken_down

RESPONSE_PAGE_SIZE = 20


def public_responses():
    """Board responses for "You said, we did", newest first, each with its item, meeting, board,
    priorities, themes and consultations prefetched. Show them through `shown_responses`;
    filter them with consultations.filters.ResponseFilter."""
    return (
        BoardResponse.objects.exclude(agenda_item__meeting__status=MeetingStatus.CANCELLED)
        .select_related("agenda_item__meeting__board")
        .prefetch_related(
            Prefetch(
                "agenda_item__priorities", queryset=Priority.objects.select_related("theme", "consultation")
            ),
            "updates",
        )
        .order_by("-updated_at", "-pk")
    )


def shown_responses(responses):
    """A page of public_responses as a list, with taken-down priorities replaced."""
    responses = list(responses)
    hide_taken_down([response.agenda_item for response in responses])
    return responses


def response_theme_names():
    """The names of themes that have at least one board response, for the filter: the same for
    everyone until a response, priority or theme changes, so read once per content version and
    shared (portal.shared_reads; consultations/signals.py and public_cache.py move it on)."""
    return remember("response-theme-names", _answered_theme_names)


def _answered_theme_names():
    answered = Priority.objects.filter(agenda_links__agenda_item__response__isnull=False).exclude(
        status=PriorityStatus.REMOVED
    )
    return list(
        Theme.objects.filter(priorities__in=answered)
        .order_by("name")
        .values_list("name", flat=True)
        .distinct()
    )


def latest_responses(limit=3):
    return shown_responses(public_responses()[:limit])
