"""Votes. A member's Ballot row is locked first, then the Priority row, so simultaneous requests
from one member can never spend more than their budget, and a vote that arrives a moment after
closing is refused. The priority's own vote counts change with the vote row (vote_counts.py),
under the priority's lock."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from ..figures_cache import counts_changed
from ..models import PriorityStatus
from ..rules import is_eligible_participant
from . import vote_rows
from .common import ConsultationError, require_open


@dataclass
class VoteOutcome:
    priority_id: int
    dots: int
    remaining: int
    budget: int


def _lock(consultation, voter, priority):
    """Lock the member's ballot (made on their first vote), then the priority; then read the
    member's votes in this consultation: {priority id: dots}."""
    vote_rows.lock_ballot(consultation, voter)
    status = vote_rows.lock_priority(priority)
    return status, vote_rows.member_votes(consultation, voter)


def vote_cast(*, priority, voter):
    consultation = priority.consultation
    if not is_eligible_participant(voter, consultation):
        raise ConsultationError(_("This consultation is for a different group."))
    with transaction.atomic():
        status, mine = _lock(consultation, voter, priority)
        # Checked after the locks, so a vote that arrives a moment after closing is refused.
        require_open(consultation, _("Voting has closed. Thank you for taking part."))
        if status != PriorityStatus.APPROVED:
            raise ConsultationError(_("This priority is not open for votes."))
        used = sum(mine.values())
        if used >= consultation.votes_per_member:
            raise ConsultationError(
                _("You have used all your votes. To support this one, take a vote back from another.")
            )
        dots = mine.get(priority.pk, 0)
        if not dots:
            vote_rows.add_vote(priority, voter)
        elif consultation.several_votes_per_priority:
            vote_rows.change_dots(priority, voter, 1)
        else:
            raise ConsultationError(_("You already support this priority."))
        counts_changed(consultation.pk)
        return VoteOutcome(
            priority.pk, dots + 1, consultation.votes_per_member - used - 1, consultation.votes_per_member
        )


def vote_withdraw(*, priority, voter):
    consultation = priority.consultation
    with transaction.atomic():
        _status, mine = _lock(consultation, voter, priority)
        require_open(consultation, _("Voting has closed, so votes can no longer be changed."))
        if not consultation.votes_can_be_moved:
            raise ConsultationError(_("In this consultation, votes cannot be taken back once given."))
        dots = mine.get(priority.pk, 0)
        if not dots:
            raise ConsultationError(_("You do not have a vote on this priority."))
        if dots > 1:
            vote_rows.change_dots(priority, voter, -1)
        else:
            vote_rows.remove_vote(priority, voter)
        counts_changed(consultation.pk)
        used = sum(mine.values()) - 1
        return VoteOutcome(
            priority.pk, dots - 1, consultation.votes_per_member - used, consultation.votes_per_member
        )
