"""Votes. A member's Ballot row is locked first, then the Priority row, so simultaneous requests
from one member can never spend more than their budget, and a vote that arrives a moment after
closing is refused."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from ..models import Ballot, Priority, PriorityStatus, Vote
from ..rules import is_eligible_participant
from .common import ConsultationError, require_open


@dataclass
class VoteOutcome:
    priority_id: int
    dots: int
    remaining: int
    budget: int


def _locked_ballot(consultation, voter):
    ballot, _created = Ballot.objects.get_or_create(consultation=consultation, voter=voter)
    return Ballot.objects.select_for_update().get(pk=ballot.pk)


def _votes_used(consultation, voter):
    used = Vote.objects.filter(voter=voter, priority__consultation=consultation).aggregate(total=Sum("dots"))
    return used["total"] or 0


def vote_cast(*, priority, voter):
    consultation = priority.consultation
    if not is_eligible_participant(voter, consultation):
        raise ConsultationError(_("This consultation is for a different group."))
    with transaction.atomic():
        _locked_ballot(consultation, voter)
        priority = Priority.objects.select_for_update(no_key=True).get(pk=priority.pk)
        # Checked after the locks, so a vote that arrives a moment after closing is refused.
        require_open(consultation, _("Voting has closed. Thank you for taking part."))
        if priority.status != PriorityStatus.APPROVED:
            raise ConsultationError(_("This priority is not open for votes."))
        used = _votes_used(consultation, voter)
        if used >= consultation.votes_per_member:
            raise ConsultationError(
                _("You have used all your votes. To support this one, take a vote back from another.")
            )
        vote = Vote.objects.filter(priority=priority, voter=voter).first()
        if vote is None:
            vote = Vote.objects.create(priority=priority, voter=voter, dots=1)
        elif consultation.several_votes_per_priority:
            vote.dots += 1
            vote.save(update_fields=["dots"])
        else:
            raise ConsultationError(_("You already support this priority."))
        return VoteOutcome(
            priority.pk, vote.dots, consultation.votes_per_member - used - 1, consultation.votes_per_member
        )


def vote_withdraw(*, priority, voter):
    consultation = priority.consultation
    with transaction.atomic():
        _locked_ballot(consultation, voter)
        priority = Priority.objects.select_for_update(no_key=True).get(pk=priority.pk)
        require_open(consultation, _("Voting has closed, so votes can no longer be changed."))
        if not consultation.votes_can_be_moved:
            raise ConsultationError(_("In this consultation, votes cannot be taken back once given."))
        vote = Vote.objects.filter(priority=priority, voter=voter).first()
        if vote is None:
            raise ConsultationError(_("You do not have a vote on this priority."))
        if vote.dots > 1:
            vote.dots -= 1
            vote.save(update_fields=["dots"])
            dots = vote.dots
        else:
            vote.delete()
            dots = 0
        used = _votes_used(consultation, voter)
        return VoteOutcome(
            priority.pk, dots, consultation.votes_per_member - used, consultation.votes_per_member
        )
