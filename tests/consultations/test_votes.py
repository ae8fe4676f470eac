from datetime import timedelta

import pytest
import time_machine
from django.db import IntegrityError

from consultations import services
from consultations.models import Ballot, PriorityStatus, Vote
from consultations.selectors import member_votes
from tests.factories.accounts import user_with_roles
from tests.factories.consultations import ConsultationFactory, PriorityFactory

pytestmark = pytest.mark.django_db
ConsultationError = services.ConsultationError


def test_cast_and_take_back(member, consultation):
    priority = PriorityFactory(consultation=consultation)
    outcome = services.vote_cast(priority=priority, voter=member)
    assert (outcome.dots, outcome.remaining) == (1, 2)
    assert Vote.objects.get().voter == member
    outcome = services.vote_withdraw(priority=priority, voter=member)
    assert (outcome.dots, outcome.remaining) == (0, 3)
    assert not Vote.objects.exists()


def test_cannot_vote_twice_on_one_priority(member, consultation):
    priority = PriorityFactory(consultation=consultation)
    services.vote_cast(priority=priority, voter=member)
    with pytest.raises(ConsultationError, match="already support"):
        services.vote_cast(priority=priority, voter=member)
    assert Vote.objects.get().dots == 1


def test_database_refuses_a_second_vote_row(member, consultation):
    priority = PriorityFactory(consultation=consultation)
    Vote.objects.create(priority=priority, voter=member)
    with pytest.raises(IntegrityError):
        Vote.objects.create(priority=priority, voter=member)


def test_budget_holds(member, consultation):
    priorities = PriorityFactory.create_batch(4, consultation=consultation)
    for priority in priorities[:3]:
        services.vote_cast(priority=priority, voter=member)
    with pytest.raises(ConsultationError, match="used all your votes"):
        services.vote_cast(priority=priorities[3], voter=member)
    assert Vote.objects.filter(voter=member).count() == 3
    assert Ballot.objects.filter(voter=member).count() == 1


def test_budget_is_per_consultation(member):
    first, second = ConsultationFactory(votes_per_member=1), ConsultationFactory(votes_per_member=1)
    services.vote_cast(priority=PriorityFactory(consultation=first), voter=member)
    services.vote_cast(priority=PriorityFactory(consultation=second), voter=member)
    assert Vote.objects.filter(voter=member).count() == 2


def test_several_votes_on_one_priority_when_allowed(member):
    consultation = ConsultationFactory(several_votes_per_priority=True, votes_per_member=3)
    priority = PriorityFactory(consultation=consultation)
    for _ in range(3):
        outcome = services.vote_cast(priority=priority, voter=member)
    assert (outcome.dots, outcome.remaining) == (3, 0)
    with pytest.raises(ConsultationError, match="used all your votes"):
        services.vote_cast(priority=priority, voter=member)
    outcome = services.vote_withdraw(priority=priority, voter=member)
    assert (outcome.dots, outcome.remaining) == (2, 1)
    assert member_votes(consultation, member) == {priority.pk: 2}


def test_votes_cannot_be_taken_back_when_the_rules_say_so(member):
    priority = PriorityFactory(consultation=ConsultationFactory(votes_can_be_moved=False))
    services.vote_cast(priority=priority, voter=member)
    with pytest.raises(ConsultationError, match="cannot be taken back"):
        services.vote_withdraw(priority=priority, voter=member)
    assert Vote.objects.count() == 1


def test_taking_back_a_vote_you_never_gave(member, consultation):
    with pytest.raises(ConsultationError, match="do not have a vote"):
        services.vote_withdraw(priority=PriorityFactory(consultation=consultation), voter=member)


@pytest.mark.parametrize(
    "status", [PriorityStatus.SUBMITTED, PriorityStatus.WITHDRAWN, PriorityStatus.REMOVED]
)
def test_cannot_vote_on_a_priority_that_is_not_published(member, consultation, status):
    priority = PriorityFactory(consultation=consultation, status=status, approved_at=None)
    with pytest.raises(ConsultationError, match="not open for votes"):
        services.vote_cast(priority=priority, voter=member)
    assert not Vote.objects.exists()


def test_voting_closes_exactly_at_closing_time(member):
    consultation = ConsultationFactory()
    priority = PriorityFactory(consultation=consultation)
    with time_machine.travel(consultation.closes_at - timedelta(microseconds=1), tick=False):
        services.vote_cast(priority=priority, voter=member)
    other = user_with_roles()
    with (
        time_machine.travel(consultation.closes_at, tick=False),
        pytest.raises(ConsultationError, match="closed"),
    ):
        services.vote_cast(priority=priority, voter=other)
    with (
        time_machine.travel(consultation.closes_at, tick=False),
        pytest.raises(ConsultationError, match="closed"),
    ):
        services.vote_withdraw(priority=priority, voter=member)
    assert Vote.objects.count() == 1


def test_cannot_vote_before_opening(member):
    priority = PriorityFactory(consultation=ConsultationFactory(upcoming=True))
    with pytest.raises(ConsultationError):
        services.vote_cast(priority=priority, voter=member)


def test_cannot_vote_in_another_groups_consultation(member, peer_group):
    priority = PriorityFactory(consultation=ConsultationFactory(eligible_group=peer_group))
    with pytest.raises(ConsultationError, match="different group"):
        services.vote_cast(priority=priority, voter=member)
    member.groups.add(peer_group)
    member = type(member).objects.get(pk=member.pk)
    services.vote_cast(priority=priority, voter=member)
    assert Vote.objects.count() == 1


def test_votes_survive_the_voter(member, consultation):
    priority = PriorityFactory(consultation=consultation)
    services.vote_cast(priority=priority, voter=member)
    member.delete()
    assert Vote.objects.get(priority=priority).voter is None


def test_a_vote_is_stored_with_its_time_and_the_members_ballot(member, consultation):
    priority = PriorityFactory(consultation=consultation)
    with time_machine.travel(consultation.opens_at + timedelta(hours=1, microseconds=250), tick=False):
        services.vote_cast(priority=priority, voter=member)
    vote = Vote.objects.get()
    assert (vote.priority, vote.voter, vote.dots) == (priority, member, 1)
    assert vote.created_at == consultation.opens_at + timedelta(hours=1, microseconds=250)
    assert Ballot.objects.filter(consultation=consultation, voter=member).count() == 1


def test_a_priority_deleted_after_the_page_was_read_is_refused_kindly(member, consultation):
    priority = PriorityFactory(consultation=consultation)
    services.vote_cast(priority=priority, voter=member)
    stale = PriorityFactory(consultation=consultation)
    type(stale).objects.filter(pk=stale.pk).delete()
    with pytest.raises(ConsultationError, match="not open for votes"):
        services.vote_cast(priority=stale, voter=member)
    with pytest.raises(ConsultationError, match="do not have a vote"):
        services.vote_withdraw(priority=stale, voter=member)
    assert list(Vote.objects.values_list("priority_id", "dots")) == [(priority.pk, 1)]
