"""Members are told what moderation did to their words: by email and on "Your contributions"."""

import pytest
from django.core import mail
from django.urls import reverse

from consultations import services
from consultations.models import NotificationPreferences, PriorityStatus
from consultations.notifications import SUBJECT_POST_UPDATE
from tests.factories.consultations import PriorityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mine(consultation, member):
    return PriorityFactory(
        consultation=consultation,
        author=member,
        title="Evening opening",
        explanation="Jamie MacLeod says evenings would help.",
    )


def emails_to(person):
    return [m for m in mail.outbox if m.to == [person.email]]


def contributions(client, member):
    client.force_login(member)
    return client.get(reverse("consultations:my_contributions")).content.decode()


def test_an_edit_is_told_with_the_new_words(client, mine, member, facilitator):
    services.priority_edit_details(
        priority=mine, moderator=facilitator, title="Evening opening",
        explanation="A worker says evenings would help.", reason="Took out a name",
    )  # fmt: skip
    [email] = emails_to(member)
    assert email.subject == SUBJECT_POST_UPDATE
    assert "A worker says evenings would help." in email.body
    assert "Jamie" not in email.body
    page = contributions(client, member)
    assert "A facilitator changed some of the words" in page
    assert "A worker says evenings would help." in page


def test_a_merge_is_told_with_what_it_joined(client, consultation, mine, member, facilitator):
    survivor = PriorityFactory(consultation=consultation, title="Open later on weekdays")
    services.priority_merge(duplicate=mine, survivor=survivor, moderator=facilitator)
    [email] = emails_to(member)
    assert email.subject == SUBJECT_POST_UPDATE
    assert "“Open later on weekdays”" in email.body
    assert "“Open later on weekdays”" in contributions(client, member)


def test_a_take_down_is_told_with_the_reason(client, mine, member, facilitator):
    services.priority_remove(priority=mine, moderator=facilitator, reason="It named someone who works here.")
    [email] = emails_to(member)
    assert email.subject == SUBJECT_POST_UPDATE
    assert "It named someone who works here." in email.body
    assert "Evening opening" not in email.body and "Jamie" not in email.body
    page = contributions(client, member)
    assert "A facilitator took it down. They said: It named someone who works here." in page


def test_a_return_is_told_with_the_message(client, consultation, member, facilitator):
    waiting = PriorityFactory(
        consultation=consultation, author=member, status=PriorityStatus.SUBMITTED, approved_at=None
    )
    services.priority_return(priority=waiting, moderator=facilitator, message="Could you say a bit more?")
    [email] = emails_to(member)
    assert "Could you say a bit more?" in email.body
    assert "Could you say a bit more?" in contributions(client, member)


def test_members_who_chose_no_post_updates_get_no_email(mine, member, facilitator):
    NotificationPreferences.objects.create(user=member, post_updates=False)
    services.priority_remove(priority=mine, moderator=facilitator, reason="Off topic")
    assert emails_to(member) == []
