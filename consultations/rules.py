"""Who may do what in a consultation. The one place that decides; views and templates ask here.

Eligibility lives in `is_eligible_participant` alone, so it can be pointed at the network's peer
groups later without touching anything else.
"""

import rules
from django.utils import timezone

from accounts.rules import is_board_representative, is_facilitator, is_member, is_staff, role_group_ids

from .models import ConsultationState, PriorityStatus


def _state(consultation):
    return consultation.state_at(timezone.now()) if consultation is not None else None


is_moderator = is_facilitator | is_staff


@rules.predicate
def is_eligible_participant(user, consultation):
    """A member who may take part: every member, or only the members of the chosen group."""
    if consultation is None or not is_member(user):
        return False
    return consultation.eligible_group_id is None or consultation.eligible_group_id in role_group_ids(user)


@rules.predicate
def is_upcoming(user, consultation):
    return _state(consultation) == ConsultationState.UPCOMING


@rules.predicate
def is_open(user, consultation):
    return _state(consultation) == ConsultationState.OPEN


@rules.predicate
def is_closed(user, consultation):
    return _state(consultation) == ConsultationState.CLOSED


@rules.predicate
def shows_counts_while_open(user, consultation):
    return consultation is not None and consultation.show_counts_while_open


@rules.predicate
def is_author(user, priority):
    return priority is not None and user.is_authenticated and priority.author_id == user.pk


@rules.predicate
def priority_still_editable(user, priority):
    return (
        priority.status in PriorityStatus.editable_by_author()
        and _state(priority.consultation) == ConsultationState.OPEN
    )


@rules.predicate
def priority_is_published(user, priority):
    return priority.status == PriorityStatus.APPROVED


@rules.predicate
def can_view_priority_consultation(user, priority):
    return can_view_consultation(user, priority.consultation)


can_view_consultation = is_moderator | is_board_representative | is_eligible_participant

rules.add_perm("consultations.view_consultation_page", can_view_consultation)
rules.add_perm("consultations.post_priority", is_eligible_participant & is_open)
rules.add_perm("consultations.vote_in_consultation", is_eligible_participant & is_open)
rules.add_perm("consultations.moderate", is_moderator)
# Nobody moderates their own post, or closes reports about it: another facilitator does.
rules.add_perm("consultations.moderate_priority", is_moderator & ~is_author)
rules.add_perm("consultations.close_reports", is_moderator & ~is_author)
rules.add_perm("consultations.enter_in_room", is_moderator & is_open)
# The list of in-room counts, and the pages to change one: the service refuses a closed consultation.
rules.add_perm("consultations.see_in_room_votes", is_moderator)
rules.add_perm(
    "consultations.see_results",
    can_view_consultation & ~is_upcoming & (is_closed | shows_counts_while_open | is_moderator),
)
rules.add_perm("consultations.change_own_priority", is_author & priority_still_editable)
rules.add_perm(
    "consultations.report_priority",
    rules.is_authenticated & priority_is_published & can_view_priority_consultation,
)
rules.add_perm("consultations.see_own_contributions", rules.is_authenticated)


# The partnership board


def _represented_board_ids(user):
    """Ids of the boards that list this user as a representative, read once per request object."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_represented_board_ids", None)
    if cached is None:
        cached = set(user.boards_represented.values_list("pk", flat=True))
        user._represented_board_ids = cached
    return cached


@rules.predicate
def represents_board(user, board):
    """Listed on this board *and* in the Board representatives group: either alone is not enough."""
    return board is not None and is_board_representative(user) and board.pk in _represented_board_ids(user)


@rules.predicate
def represents_meeting_board(user, meeting):
    return meeting is not None and represents_board(user, meeting.board)


@rules.predicate
def represents_consultation_board(user, consultation):
    return (
        consultation is not None
        and consultation.board_id is not None
        and represents_board(user, consultation.board)
    )


def export_role_name(user):
    """The role an export is made under. Files name the role, never the person."""
    return "Staff" if is_staff(user) else "Board representative"


rules.add_perm("consultations.use_board_area", is_staff | is_board_representative)
rules.add_perm("consultations.manage_board", is_staff | represents_board)
rules.add_perm("consultations.manage_meeting", is_staff | represents_meeting_board)
# A board's own representatives (and staff) add its meetings and change or close them.
rules.add_perm("consultations.add_meeting", is_staff | represents_board)
# The board area's results page: while voting is open it says when it closes; results come after.
rules.add_perm("consultations.see_board_results", is_staff | represents_consultation_board)
rules.add_perm("consultations.export_consultation", is_closed & (is_staff | represents_consultation_board))
