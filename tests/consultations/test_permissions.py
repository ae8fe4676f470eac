"""Who may do what: role x consultation state x action, checked on the rule and over HTTP."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from accounts.roles import BOARD_REPRESENTATIVES, FACILITATORS
from consultations.models import Vote
from tests.factories.accounts import UserFactory, user_with_roles
from tests.factories.consultations import ConsultationFactory, PriorityFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "other_group_member", "facilitator", "board_rep", "staff"]
STATES = ["upcoming", "open", "closed"]
ACTIONS = ["view", "post", "vote", "moderate", "enter_in_room", "see_results"]
PERMS = {
    "view": "consultations.view_consultation_page",
    "post": "consultations.post_priority",
    "vote": "consultations.vote_in_consultation",
    "moderate": "consultations.moderate",
    "enter_in_room": "consultations.enter_in_room",
    "see_results": "consultations.see_results",
}

# The consultation is for the members of one peer group. Only "member" is in that group.
ALLOWED = {
    "anonymous": {},
    "member": {"view": STATES, "post": ["open"], "vote": ["open"], "see_results": ["closed"]},
    "other_group_member": {},
    "facilitator": {
        "view": STATES,
        "moderate": STATES,
        "enter_in_room": ["open"],
        "see_results": ["open", "closed"],
    },
    "board_rep": {"view": STATES, "see_results": ["closed"]},
    "staff": {
        "view": STATES,
        "moderate": STATES,
        "enter_in_room": ["open"],
        "see_results": ["open", "closed"],
    },
}


def make_user(role, group):
    if role == "anonymous":
        return AnonymousUser()
    if role == "staff":
        return UserFactory(is_staff=True)
    extra = {"facilitator": [FACILITATORS], "board_rep": [BOARD_REPRESENTATIVES]}.get(role, [])
    user = user_with_roles(*extra)
    if role == "member":
        user.groups.add(group)
    return user


def make_consultation(state, group, **kwargs):
    traits = {"upcoming": {"upcoming": True}, "closed": {"closed": True}}.get(state, {})
    return ConsultationFactory(eligible_group=group, **traits, **kwargs)


def allowed(role, state, action):
    return state in ALLOWED[role].get(action, [])


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_rule(role, state, action, peer_group):
    user = make_user(role, peer_group)
    consultation = make_consultation(state, peer_group)
    obj = None if action == "moderate" else consultation
    assert user.has_perm(PERMS[action], obj) is allowed(role, state, action)


def request_action(client, action, consultation):
    priority = PriorityFactory(consultation=consultation)
    if action == "vote":
        before = Vote.objects.count()
        response = client.post(reverse("consultations:vote", args=[priority.pk]), {"action": "add"})
        return response, Vote.objects.count() == before + 1
    url = {
        "view": reverse("consultations:detail", args=[consultation.pk]),
        "post": reverse("consultations:priority_create", args=[consultation.pk]),
        "moderate": reverse("consultations:moderation_queue"),
        "enter_in_room": reverse("consultations:tallies", args=[consultation.pk]),
        "see_results": reverse("consultations:results", args=[consultation.pk]),
    }[action]
    response = client.get(url)
    return response, response.status_code == 200


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_over_http(client, role, state, action, peer_group):
    user = make_user(role, peer_group)
    if role != "anonymous":
        client.force_login(user)
    consultation = make_consultation(state, peer_group)
    response, succeeded = request_action(client, action, consultation)
    assert succeeded is allowed(role, state, action)
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    elif action == "vote" and role == "member":
        # The group's member is sent back to the consultation, told why when the vote was refused.
        assert response.status_code == 302
        assert response["Location"] == reverse("consultations:detail", args=[consultation.pk])
    elif succeeded:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


@pytest.mark.parametrize(
    ("role", "expected"),
    [("member", True), ("facilitator", True), ("board_rep", True), ("staff", False), ("anonymous", False)],
)
def test_everyone_in_members_can_take_part_when_open_to_all(role, expected, peer_group):
    user = make_user(role, peer_group)
    consultation = ConsultationFactory(eligible_group=None)
    assert user.has_perm("consultations.post_priority", consultation) is expected
    assert user.has_perm("consultations.vote_in_consultation", consultation) is expected


def test_running_counts_shown_to_members_when_the_consultation_allows_it(member):
    consultation = ConsultationFactory(show_counts_while_open=True)
    assert member.has_perm("consultations.see_results", consultation)
    assert not member.has_perm("consultations.see_results", ConsultationFactory(show_counts_while_open=False))
    assert not member.has_perm(
        "consultations.see_results", ConsultationFactory(upcoming=True, show_counts_while_open=True)
    )


def test_only_the_author_may_change_a_priority_and_only_before_approval(member):
    from consultations.models import PriorityStatus

    waiting = PriorityFactory(author=member, status=PriorityStatus.SUBMITTED, approved_at=None)
    published = PriorityFactory(author=member, status=PriorityStatus.APPROVED)
    assert member.has_perm("consultations.change_own_priority", waiting)
    assert not member.has_perm("consultations.change_own_priority", published)
    assert not user_with_roles().has_perm("consultations.change_own_priority", waiting)
