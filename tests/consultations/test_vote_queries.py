"""What a vote costs the database: the same few queries however many priorities, votes and
voters a consultation has (a lock on the ballot, a lock on the priority, one read of the member's
own votes, one write)."""

import pytest
from django.urls import reverse

from consultations.models import Vote
from tests.factories import MemberFactory
from tests.factories.consultations import ConsultationFactory, PriorityFactory

pytestmark = pytest.mark.django_db

# Session, user (with their roles), priority with its consultation; then, in one transaction
# (two savepoints in a test), the ballot lock, the priority lock, the member's votes, one write.
QUERIES_PER_VOTE = 9


def vote(client, priority, action):
    return client.post(
        reverse("consultations:vote", args=[priority.pk]), {"action": action}, HTTP_ACCEPT="application/json"
    )


@pytest.mark.parametrize("others", [2, 40])
def test_a_vote_and_taking_it_back_ask_the_same_few_queries(
    client, member, django_assert_num_queries, others
):
    consultation = ConsultationFactory(votes_per_member=3, several_votes_per_priority=True)
    priorities = PriorityFactory.create_batch(others, consultation=consultation)
    for voter in MemberFactory.create_batch(others // 2):
        Vote.objects.create(priority=priorities[0], voter=voter)
    client.force_login(member)
    vote(client, priorities[1], "add")  # the first vote also makes the member's ballot

    with django_assert_num_queries(QUERIES_PER_VOTE):
        response = vote(client, priorities[0], "add")
    assert response.json()["dots"] == 1 and response.json()["remaining"] == 1
    with django_assert_num_queries(QUERIES_PER_VOTE):
        response = vote(client, priorities[0], "add")  # a second dot on the same priority
    assert response.json()["dots"] == 2 and response.json()["remaining"] == 0
    with django_assert_num_queries(QUERIES_PER_VOTE):
        response = vote(client, priorities[0], "remove")
    assert response.json()["dots"] == 1 and response.json()["remaining"] == 1
    with django_assert_num_queries(QUERIES_PER_VOTE):
        response = vote(client, priorities[0], "remove")
    assert response.json()["dots"] == 0 and response.json()["remaining"] == 2

    assert dict(Vote.objects.filter(voter=member).values_list("priority_id", "dots")) == {priorities[1].pk: 1}
    assert Vote.objects.filter(priority=priorities[0]).count() == others // 2
