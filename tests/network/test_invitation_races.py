"""One invitation used by several people at the same moment: it is used once."""

import threading

import pytest
from django.db import connection, connections

from network.invitations import InvitationError, invitation_accept, invitation_create
from network.models import Invitation, JoinRequest
from network.models.choices import HowToJoin
from tests.factories.accounts import MemberFactory
from tests.factories.network import GroupPageFactory, facilitator_of

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Needs PostgreSQL: SQLite has no row locks and lets only one writer in at a time. "
        "Run with DATABASE_URL=postgres://... (CI runs the PostgreSQL pass).",
    ),
]


def run_together(jobs):
    """Start every job at once and return what each one raised, if anything."""
    barrier = threading.Barrier(len(jobs))
    errors = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            job()
        except InvitationError as error:
            errors[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_an_invitation_used_by_six_people_at_once_is_used_once():
    group = GroupPageFactory(how_to_join=HowToJoin.INVITE)
    invitation, _token = invitation_create(
        email="a@example.org", group=group, invited_by=facilitator_of(group)
    )
    people = MemberFactory.create_batch(6)
    errors = run_together([lambda p=p: invitation_accept(invitation=invitation, user=p) for p in people])
    assert sum(error is None for error in errors) == 1
    used_by = Invitation.objects.get().used_by
    assert list(JoinRequest.objects.filter(group=group).values_list("member", flat=True)) == [used_by.pk]
