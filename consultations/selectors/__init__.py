"""Reads that need care: rankings, counts, queues, journeys. Each costs a fixed number of queries,
however many priorities or votes there are. One module per part of the work; call them as
`selectors.ranked_priorities(...)`: every one is named here."""

from .board import (
    agenda_for,
    agenda_item_candidates,
    boards_for,
    consultation_ranks,
    consultations_without_board,
    earlier_decisions,
    shortlist_candidates,
)
from .in_room import gathering_choices, in_room_tallies, saved_counts
from .members import (
    JOURNEY_STEPS,
    board_response_for,
    counts_for_author,
    member_contributions,
    member_supported_with_responses,
    member_votes,
    moderation_for_author,
    open_consultations,
    own_pending_priorities,
    priority_journey,
)
from .moderation import moderation_queue, open_cases_for, open_reports_for
from .public import (
    RESPONSE_PAGE_SIZE,
    latest_responses,
    public_responses,
    response_theme_names,
    shown_responses,
)
from .results import (
    PRIORITY_PAGE_SIZE,
    TIE_BREAK_EXPLANATION,
    consultation_figures,
    consultation_tallies,
    published_priorities,
    ranked_priorities,
    results_for,
    themes_in_results,
)

__all__ = [
    "JOURNEY_STEPS",
    "PRIORITY_PAGE_SIZE",
    "RESPONSE_PAGE_SIZE",
    "TIE_BREAK_EXPLANATION",
    "agenda_for",
    "agenda_item_candidates",
    "board_response_for",
    "boards_for",
    "consultation_figures",
    "consultation_ranks",
    "consultation_tallies",
    "consultations_without_board",
    "counts_for_author",
    "earlier_decisions",
    "gathering_choices",
    "in_room_tallies",
    "latest_responses",
    "member_contributions",
    "member_supported_with_responses",
    "member_votes",
    "moderation_for_author",
    "moderation_queue",
    "open_cases_for",
    "open_consultations",
    "open_reports_for",
    "own_pending_priorities",
    "priority_journey",
    "public_responses",
    "published_priorities",
    "ranked_priorities",
    "response_theme_names",
    "results_for",
    "saved_counts",
    "shortlist_candidates",
    "shown_responses",
    "themes_in_results",
]
