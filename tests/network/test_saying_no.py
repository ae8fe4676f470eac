"""Saying no to a request to join a group: a page that shows what they asked and confirms, with
an optional kind note that goes only to them, by email."""

import pytest
from django.core import mail
from django.urls import reverse

from network.models import JoinRequest
from network.models.choices import HowToJoin, JoinRequestStatus
from network.notifications import SUBJECT_JOIN_REQUEST_ANSWERED
from tests.checks import assert_valid_html
from tests.factories.network import (
    GroupIndexPageFactory,
    GroupPageFactory,
    JoinRequestFactory,
    facilitator_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def join_request(home_page):
    index = GroupIndexPageFactory(parent=home_page, slug="groups")
    group = GroupPageFactory(parent=index, title="Women's online group", how_to_join=HowToJoin.INVITE)
    return JoinRequestFactory(group=group, message="My worker said this group might help.")


def decline_url(join_request):
    return reverse("network:join_request_decline", args=[join_request.pk])


def text(response):
    return response.content.decode()


@pytest.mark.xdist_group("html")  # one HTML checker run: tests/test_html_checker.py
def test_say_no_is_a_link_to_a_page_that_asks_first(client, join_request):
    facilitator = facilitator_of(join_request.group)
    client.force_login(facilitator)
    groups_page = text(client.get(reverse("network:my_groups")))
    assert f'href="{decline_url(join_request)}"' in groups_page
    assert 'value="decline"' not in groups_page  # no one-click "no"

    response = client.get(decline_url(join_request))
    page = text(response)
    assert response.status_code == 200
    assert f"Say no to {join_request.display_name}?" in page
    assert "My worker said this group might help." in page
    assert join_request.member.email not in page
    assert_valid_html(page)
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.WAITING and mail.outbox == []


def test_saying_no_with_a_note_sends_it_only_to_them(client, join_request):
    facilitator = facilitator_of(join_request.group)
    client.force_login(facilitator)
    response = client.post(
        decline_url(join_request),
        {"note": "The group is full until the spring.\n The Thursday drop-in is open to everyone."},
        follow=True,
    )
    assert "has been told, kindly, that it is a no this time" in text(response)
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.DECLINED and join_request.decided_by == facilitator
    [email] = mail.outbox
    assert email.to == [join_request.member.email] and email.subject == SUBJECT_JOIN_REQUEST_ANSWERED
    assert (
        "A note from the facilitator: The group is full until the spring. "
        "The Thursday drop-in is open to everyone." in email.body
    )
    assert "spring" not in text(client.get(reverse("network:my_groups")))


def test_saying_no_without_a_note(client, join_request):
    client.force_login(facilitator_of(join_request.group))
    client.post(decline_url(join_request), {"note": ""})
    [email] = mail.outbox
    assert "A note from the facilitator" not in email.body
    assert "This time the group cannot take you." in email.body


@pytest.mark.parametrize(
    ("note", "message"),
    [
        ("x" * 501, "The note can be up to 500 characters."),
        ("Ring me on 07700 900123", "phone number"),
    ],
)
def test_a_bad_note_changes_nothing(client, join_request, note, message):
    client.force_login(facilitator_of(join_request.group))
    response = client.post(decline_url(join_request), {"note": note})
    page = text(response)
    assert response.status_code == 200
    assert "<title>Error: " in page and "There is a problem" in page and message in page
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.WAITING and mail.outbox == []


def test_a_request_answered_already_says_so(client, join_request):
    facilitator = facilitator_of(join_request.group)
    client.force_login(facilitator)
    client.post(reverse("network:join_request_decide", args=[join_request.pk]), {"decision": "accept"})
    response = client.post(decline_url(join_request), {"note": ""}, follow=True)
    assert "This request has already been answered." in text(response)
    assert JoinRequest.objects.get().status == JoinRequestStatus.ACCEPTED
    assert len(mail.outbox) == 1


def test_only_the_groups_facilitators_may_say_no(client, join_request, member):
    other_group = GroupPageFactory(parent=join_request.group.get_parent(), how_to_join=HowToJoin.INVITE)
    for person in (member, facilitator_of(other_group)):
        client.force_login(person)
        assert client.get(decline_url(join_request)).status_code == 403
        assert client.post(decline_url(join_request), {"note": ""}).status_code == 403
    client.logout()
    assert client.get(decline_url(join_request)).status_code == 302
    assert JoinRequest.objects.get().status == JoinRequestStatus.WAITING and mail.outbox == []
