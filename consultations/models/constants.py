"""Limits and choices shared by the consultation models, forms and services."""

from django.utils.translation import gettext_lazy as _

TITLE_MAX_LENGTH = 120
EXPLANATION_MAX_LENGTH = 1000
REASON_MAX_LENGTH = 1000
PLACE_MAX_LENGTH = 120
MAX_VOTES_PER_MEMBER = 20
MAX_IN_ROOM_VOTES = 10_000

# Consultation state, derived from its opening and closing times.
UPCOMING = "upcoming"
OPEN = "open"
CLOSED = "closed"
STATE_LABELS = {UPCOMING: _("Opens soon"), OPEN: _("Open"), CLOSED: _("Closed")}

# Where a priority is on its way. Later steps (shortlisted, on a board agenda, board response)
# come from the board's own records, see selectors.priority_journey.
SUBMITTED = "submitted"
RETURNED = "returned"
APPROVED = "approved"
WITHDRAWN = "withdrawn"
MERGED = "merged"
REMOVED = "removed"
PRIORITY_STATUS_CHOICES = [
    (SUBMITTED, _("Waiting for a check")),
    (RETURNED, _("Sent back to you")),
    (APPROVED, _("Published")),
    (WITHDRAWN, _("Withdrawn by you")),
    (MERGED, _("Joined with a similar priority")),
    (REMOVED, _("Taken down")),
]
EDITABLE_BY_AUTHOR = (SUBMITTED, RETURNED)

# What a moderator did.
ACTION_APPROVE = "approve"
ACTION_RETURN = "return"
ACTION_EDIT = "edit"
ACTION_MERGE = "merge"
ACTION_REMOVE = "remove"
ACTION_DISMISS_REPORTS = "dismiss_reports"
ACTION_GATHERED = "gathered"
ACTION_TALLY = "tally"
MODERATION_ACTION_CHOICES = [
    (ACTION_APPROVE, _("Approved")),
    (ACTION_RETURN, _("Sent back")),
    (ACTION_EDIT, _("Edited out personal details")),
    (ACTION_MERGE, _("Joined with a similar priority")),
    (ACTION_REMOVE, _("Taken down")),
    (ACTION_DISMISS_REPORTS, _("Reports looked at, no change")),
    (ACTION_GATHERED, _("Entered for someone at a group")),
    (ACTION_TALLY, _("Entered in-room votes")),
]
