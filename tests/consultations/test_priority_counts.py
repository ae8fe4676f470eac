"""Each priority keeps its own vote counts (migration 0010): online votes, people who voted online
and votes counted in the room. They must equal a count of the rows after every kind of change,
however it is made, and a priority saved from an old copy must never write old counts back."""

import contextlib

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Sum
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.services import account_delete
from consultations import services, vote_counts
from consultations.models import InRoomTally, Priority, PriorityCounts, PriorityStatus, Vote
from consultations.selectors import ranked_priorities
from tests.factories import MemberFactory
from tests.factories.consultations import (
    ConsultationFactory,
    InRoomGatheringFactory,
    InRoomTallyFactory,
    PriorityFactory,
    VoteFactory,
)

pytestmark = pytest.mark.django_db


def counted_again(priority):
    """What the vote and tally rows say now: (online votes, people online, votes in the room)."""
    online = Vote.objects.filter(priority=priority).aggregate(
        dots=Sum("dots"), people=Count("voter", distinct=True)
    )
    in_room = InRoomTally.objects.filter(priority=priority).aggregate(votes=Sum("votes"))["votes"]
    return (online["dots"] or 0, online["people"], in_room or 0)


def kept(priority):
    return tuple(
        PriorityCounts.objects.filter(priority=priority)
        .values_list("online_votes", "supporters", "in_room_votes")
        .get()
    )


def test_votes_given_and_taken_back_are_counted_on_the_priority(member):
    consultation = ConsultationFactory(votes_per_member=3, several_votes_per_priority=True)
    priority = PriorityFactory(consultation=consultation)
    other = MemberFactory()
    services.vote_cast(priority=priority, voter=member)
    services.vote_cast(priority=priority, voter=member)
    services.vote_cast(priority=priority, voter=other)
    assert kept(priority) == counted_again(priority) == (3, 2, 0)
    services.vote_withdraw(priority=priority, voter=member)
    assert kept(priority) == (2, 2, 0)
    services.vote_withdraw(priority=priority, voter=member)
    assert kept(priority) == counted_again(priority) == (1, 1, 0)


def test_rows_made_or_deleted_any_other_way_are_counted_too():
    priority = PriorityFactory()
    VoteFactory.create_batch(3, priority=priority)
    Vote.objects.bulk_create([Vote(priority=priority, voter=MemberFactory(), dots=2)])
    assert kept(priority) == (5, 4, 0)
    Vote.objects.filter(priority=priority, dots=2).delete()
    assert kept(priority) == counted_again(priority) == (3, 3, 0)


def test_a_merge_moves_the_counts_with_the_votes(facilitator):
    consultation = ConsultationFactory()
    survivor = PriorityFactory(consultation=consultation)
    duplicate = PriorityFactory(consultation=consultation)
    both, only_duplicate = MemberFactory(), MemberFactory()
    for voter in (both, only_duplicate):
        VoteFactory(priority=duplicate, voter=voter)
    VoteFactory(priority=survivor, voter=both)
    InRoomTallyFactory(priority=duplicate, votes=4)
    services.priority_merge(duplicate=duplicate, survivor=survivor, moderator=facilitator)
    assert kept(survivor) == counted_again(survivor) == (2, 2, 4)
    assert kept(duplicate) == counted_again(duplicate) == (0, 0, 0)


def test_taking_a_priority_down_gives_its_votes_back(facilitator):
    priority = PriorityFactory()
    VoteFactory.create_batch(2, priority=priority)
    services.priority_remove(priority=priority, moderator=facilitator, reason="Names a person")
    assert kept(priority) == (0, 0, 0)


def test_a_member_leaving_keeps_their_votes_counted_unless_their_post_goes():
    voter, author = MemberFactory(), MemberFactory()
    kept_priority = PriorityFactory()
    their_post = PriorityFactory(author=author)
    VoteFactory(priority=kept_priority, voter=voter)
    VoteFactory(priority=their_post, voter=voter)
    account_delete(user=voter)
    # The vote stays, without its voter: still a vote, no longer a person (as before the counts
    # were kept: people were counted as different voters, and a vote without one is none).
    assert kept(kept_priority) == counted_again(kept_priority) == (1, 0, 0)
    account_delete(user=author, remove_posts=True)
    assert kept(their_post) == counted_again(their_post) == (0, 0, 0)


def test_in_room_counts_replaced_and_removed(facilitator):
    consultation = ConsultationFactory()
    priority = PriorityFactory(consultation=consultation)
    tuesday = InRoomGatheringFactory(consultation=consultation, name="Tuesday peer group")
    friday = InRoomGatheringFactory(consultation=consultation, name="Friday drop-in")
    services.tallies_record(gathering=tuesday, facilitator=facilitator, counts={priority.pk: 5})
    services.tallies_record(gathering=friday, facilitator=facilitator, counts={priority.pk: 2})
    services.tallies_record(gathering=tuesday, facilitator=facilitator, counts={priority.pk: 3})
    assert kept(priority) == counted_again(priority) == (0, 0, 5)
    services.tallies_record(gathering=friday, facilitator=facilitator, counts={priority.pk: 0})
    assert kept(priority) == (0, 0, 3)


def test_a_new_priority_starts_with_no_votes():
    assert kept(PriorityFactory()) == (0, 0, 0)


def test_saving_a_priority_read_before_a_vote_keeps_the_new_count(facilitator):
    priority = PriorityFactory()
    read_before = Priority.objects.get(pk=priority.pk)
    VoteFactory.create_batch(2, priority=priority)
    read_before.title = "Help with housing forms"
    read_before.save()
    assert Priority.objects.get(pk=priority.pk).title == "Help with housing forms"
    assert kept(priority) == (2, 2, 0)
    # A copy read with only some of its fields saves only those, as Django does.
    partial = Priority.objects.only("title").get(pk=priority.pk)
    partial.title = "Help with benefits forms"
    partial.save()
    assert kept(priority) == (2, 2, 0)


def test_the_ranking_reads_the_kept_counts_and_never_the_votes():
    consultation = ConsultationFactory()
    low, high = PriorityFactory.create_batch(2, consultation=consultation)
    VoteFactory.create_batch(2, priority=high)
    VoteFactory(priority=low)
    InRoomTallyFactory(priority=low, votes=2)  # one online and two in the room: 3 in all
    with CaptureQueriesContext(connection) as queries:
        ranked = list(ranked_priorities(consultation))
    assert [(p.pk, p.total_votes) for p in ranked] == [(low.pk, 3), (high.pk, 2)]
    assert len(queries) == 1
    assert "consultations_vote" not in queries[0]["sql"]
    assert "consultations_prioritycounts" in queries[0]["sql"]
    assert "consultations_inroomtally" not in queries[0]["sql"]


class Rollback(Exception):
    pass


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    steps=st.lists(
        st.tuples(st.sampled_from(["add", "remove"]), st.integers(0, 2), st.integers(0, 2)), max_size=25
    )
)
def test_any_run_of_votes_leaves_every_count_exact(steps, db):
    """Three members, three priorities, several votes allowed on one: whatever they do, refused
    or not, each priority's kept counts equal a count of its vote rows."""
    try:
        with transaction.atomic():
            consultation = ConsultationFactory(votes_per_member=3, several_votes_per_priority=True)
            priorities = PriorityFactory.create_batch(3, consultation=consultation)
            members = MemberFactory.create_batch(3)
            for action, who, which in steps:
                service = services.vote_cast if action == "add" else services.vote_withdraw
                with contextlib.suppress(services.ConsultationError):
                    service(priority=priorities[which], voter=members[who])
            for priority in priorities:
                assert kept(priority) == counted_again(priority)
            raise Rollback
    except Rollback:
        pass


def test_the_database_refuses_counts_that_cannot_be():
    priority = PriorityFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        PriorityCounts.objects.filter(priority=priority).update(supporters=1)  # one person, no vote
    assert Priority.objects.get(pk=priority.pk).status == PriorityStatus.APPROVED


def test_migrate_counts_every_priority_again_and_keeps_counting():
    """After `migrate` (an upgrade that adds the counts to priorities that already have votes), the
    counts are made from the rows, and the triggers go on keeping them."""
    priority = PriorityFactory()
    VoteFactory.create_batch(2, priority=priority)
    PriorityCounts.objects.all().delete()  # as before 0010
    vote_counts.after_migrate(sender=None, using=connection.alias)
    assert kept(priority) == (2, 2, 0)
    VoteFactory(priority=priority)
    assert kept(priority) == counted_again(priority) == (3, 3, 0)
