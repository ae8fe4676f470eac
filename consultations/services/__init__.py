"""Every write in consultations, one module per part of the work. Each function validates and
saves inside one transaction, is keyword-only and named <entity>_<action>.

Locking order, the same everywhere so two requests never wait on each other in a circle:
the member's Ballot row first, then Priority rows (lowest id first), then Vote rows.

Call them as `services.priority_submit(...)`: every one is named here. (`vote_rows` is not a
service: it holds the statements voting.py runs, written out for speed.)
"""

from .board import (
    agenda_item_create,
    agenda_item_remove,
    agenda_item_update,
    agenda_reorder,
    board_response_record,
)
from .common import ConsultationError
from .exports import export_file_request, export_log_create, exports_purge
from .in_room import gathering_choose, priority_gather, tallies_record, tally_remove, tally_update
from .meetings import meeting_cancel, meeting_create, meeting_mark_held, meeting_update
from .moderation import (
    priority_approve,
    priority_edit_details,
    priority_merge,
    priority_remove,
    priority_return,
    reports_dismiss,
)
from .priorities import priority_submit, priority_update, priority_withdraw, report_submit
from .voting import VoteOutcome, vote_cast, vote_withdraw

__all__ = [
    "ConsultationError",
    "VoteOutcome",
    "agenda_item_create",
    "agenda_item_remove",
    "agenda_item_update",
    "agenda_reorder",
    "board_response_record",
    "export_file_request",
    "export_log_create",
    "exports_purge",
    "gathering_choose",
    "meeting_cancel",
    "meeting_create",
    "meeting_mark_held",
    "meeting_update",
    "priority_approve",
    "priority_edit_details",
    "priority_gather",
    "priority_merge",
    "priority_remove",
    "priority_return",
    "priority_submit",
    "priority_update",
    "priority_withdraw",
    "report_submit",
    "reports_dismiss",
    "tallies_record",
    "tally_remove",
    "tally_update",
    "vote_cast",
    "vote_withdraw",
]
