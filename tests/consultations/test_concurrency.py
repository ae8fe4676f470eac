"""Many votes at the same moment, each thread on its own database connection."""

from consultations import services
from consultations.models import Vote
from tests.at_once import POSTGRESQL_ONLY
from tests.at_once import run_together as run_all_together
from tests.factories.accounts import user_with_roles
from tests.factories.consultations import ConsultationFactory, PriorityFactory

pytestmark = POSTGRESQL_ONLY


def run_together(jobs):
    """Start every job at once and return what each one raised, if anything."""
    outcomes = run_all_together(jobs, refusal=services.ConsultationError)
    return [outcome if isinstance(outcome, services.ConsultationError) else None for outcome in outcomes]


def test_budget_holds_when_one_member_votes_many_times_at_once():
    consultation = ConsultationFactory(votes_per_member=3)
    priorities = PriorityFactory.create_batch(12, consultation=consultation)
    member = user_with_roles()
    errors = run_together([lambda p=p: services.vote_cast(priority=p, voter=member) for p in priorities])
    assert Vote.objects.filter(voter=member).count() == 3
    assert sum(error is None for error in errors) == 3


def test_the_same_vote_twice_at_once_counts_once():
    consultation = ConsultationFactory(votes_per_member=3)
    priority = PriorityFactory(consultation=consultation)
    member = user_with_roles()
    run_together([lambda: services.vote_cast(priority=priority, voter=member)] * 8)
    assert Vote.objects.filter(voter=member, priority=priority).get().dots == 1


def test_counts_are_exact_under_load():
    consultation = ConsultationFactory(votes_per_member=2, several_votes_per_priority=True)
    priorities = PriorityFactory.create_batch(3, consultation=consultation)
    members = [user_with_roles() for _ in range(10)]
    # Each member tries 4 votes at once with a budget of 2: exactly 2 each must land.
    jobs = [
        lambda m=m, p=p: services.vote_cast(priority=p, voter=m)
        for m in members
        for p in (priorities[0], priorities[1], priorities[0], priorities[2])
    ]
    errors = run_together(jobs)
    assert sum(error is None for error in errors) == 20
    for member in members:
        assert sum(Vote.objects.filter(voter=member).values_list("dots", flat=True)) == 2
    assert sum(Vote.objects.values_list("dots", flat=True)) == 20


def test_cast_and_withdraw_racing_leave_a_consistent_count():
    consultation = ConsultationFactory(votes_per_member=1)
    first, second = PriorityFactory.create_batch(2, consultation=consultation)
    member = user_with_roles()
    services.vote_cast(priority=first, voter=member)
    jobs = [lambda: services.vote_withdraw(priority=first, voter=member)] * 3 + [
        lambda: services.vote_cast(priority=second, voter=member)
    ] * 3
    run_together(jobs)
    assert Vote.objects.filter(voter=member).count() <= 1
