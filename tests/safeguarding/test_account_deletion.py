"""Deleting an account: keep my posts or remove them; crisis posts leave public view either way."""

import pytest
from django.urls import reverse

from consultations import services
from consultations.models import Priority, PriorityRevision, PriorityStatus, Vote
from safeguarding.models import ActionKind, Case, SourceKind
from tests.factories.accounts import PASSWORD
from tests.factories.consultations import PriorityFactory, VoteFactory
from tests.safeguarding.conftest import CRISIS_WORDS

pytestmark = pytest.mark.django_db
DELETE_URL = reverse("accounts:account_delete")


@pytest.fixture
def posts(consultation, member, facilitator):
    ordinary = PriorityFactory(consultation=consultation, author=member, title="Evening opening")
    crisis = services.priority_submit(
        consultation=consultation, author=member, title="Evenings", explanation=CRISIS_WORDS
    )
    services.priority_edit_details(
        priority=crisis,
        moderator=facilitator,
        title="Evenings",
        explanation="Evenings are hard.",
        reason="Kinder",
    )
    services.priority_approve(priority=crisis, moderator=facilitator)
    for priority in (ordinary, crisis):
        VoteFactory(priority=priority)
    return ordinary, crisis


def delete(client, member, **data):
    client.force_login(member)
    return client.post(DELETE_URL, {"password": PASSWORD, "understood": "on", **data}, follow=True)


def test_keeping_posts_keeps_them_as_a_former_member_but_takes_the_crisis_post_down(client, member, posts):
    ordinary, crisis = posts
    delete(client, member, posts="keep")
    ordinary.refresh_from_db()
    crisis.refresh_from_db()
    assert (ordinary.status, ordinary.author, ordinary.title) == (
        PriorityStatus.APPROVED,
        None,
        "Evening opening",
    )
    assert Vote.objects.filter(priority=ordinary).count() == 1
    assert crisis.status == PriorityStatus.REMOVED
    assert "Evenings" not in crisis.title and crisis.explanation == ""
    assert not PriorityRevision.objects.filter(priority=crisis).exists()
    assert not Vote.objects.filter(priority=crisis).exists()
    case = Case.objects.get(source_kind=SourceKind.PRIORITY, source_id=crisis.pk)
    assert CRISIS_WORDS in case.words
    assert case.is_open and case.member is None and case.display_name
    kinds = set(case.actions.values_list("kind", flat=True))
    assert {ActionKind.MEMBER_LEFT, ActionKind.POST_REMOVED_BY_MEMBER_LEAVING} <= kinds


def test_removing_posts_takes_them_all_down_and_gives_votes_back(client, member, posts):
    ordinary, crisis = posts
    response = delete(client, member, posts="remove")
    assert "Your account has been deleted" in response.content.decode()
    for priority in (ordinary, crisis):
        priority.refresh_from_db()
        assert priority.status == PriorityStatus.REMOVED
        assert not Vote.objects.filter(priority=priority).exists()
    assert Case.objects.get(source_id=crisis.pk).words.endswith(CRISIS_WORDS)
    page = client.get(reverse("consultations:detail", args=[ordinary.consultation_id])).content.decode()
    assert "Evening opening" not in page


def test_a_reason_with_crisis_words_opens_a_case_with_the_name_it_had(client, member, safeguarding_settings):
    display_name = member.profile.display_name
    response = delete(client, member, reason="I can't go on with any of it.")
    page = response.content.decode()
    assert "Your account has been deleted" in page
    assert "It sounds like things may be really hard at the moment." in page
    case = Case.objects.get(source_kind=SourceKind.ACCOUNT_DELETION)
    assert case.display_name == display_name and "can't go on" in case.words and case.is_open


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"posts": "burn-it-all"}, "Choose to keep your posts or remove them."),
        ({"reason": "x" * 1001}, "Please keep it to 1000 characters or fewer."),
    ],
)
def test_bad_choices_are_explained_and_change_nothing(client, member, posts, data, message):
    response = delete(client, member, **data)
    assert message in response.content.decode()
    assert Priority.objects.filter(author=member).count() == 2


def test_the_delete_page_offers_the_choice(client, member):
    client.force_login(member)
    page = client.get(DELETE_URL).content.decode()
    assert 'type="radio" value="keep" checked>' in page
    assert 'type="radio" value="remove">' in page
    assert "Remove my posts. Votes on them go back to the people who gave them." in page
