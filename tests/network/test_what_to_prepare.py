"""What to get ready for one session, set by its facilitator on the run-session page."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from network.models import GroupSession
from tests.checks import assert_valid_html
from tests.factories.network import GroupIndexPageFactory, GroupSessionFactory, facilitator_of

from .reminder_helpers import cook_along

pytestmark = pytest.mark.django_db


@pytest.fixture
def online(home_page):
    return cook_along(GroupIndexPageFactory(parent=home_page, slug="groups"))


@pytest.fixture
def session(online):
    return GroupSessionFactory(group=online, starts_at=timezone.now() + datetime.timedelta(days=5))


def post(client, session, text):
    return client.post(reverse("network:session_prepare", args=[session.pk]), {"what_to_prepare": text})


@pytest.mark.xdist_group("html")
def test_a_facilitator_sets_the_list_for_one_session(client, online, session):
    client.force_login(facilitator_of(online))
    page = client.get(reverse("network:run_session", args=[session.pk]))
    text = page.content.decode()
    assert "What to get ready" in text and "Two onions<br>A tin of chopped tomatoes" in text
    assert_valid_html(text)
    response = client.post(
        reverse("network:session_prepare", args=[session.pk]),
        {"what_to_prepare": "A pepper\r\n\r\n  Rice  "},
        follow=True,
    )
    assert "What to get ready is saved" in response.content.decode()
    session.refresh_from_db()
    assert session.what_to_prepare == "A pepper\nRice"
    assert session.what_to_prepare_shown == "A pepper\nRice"
    assert mail.outbox == []  # nobody has had a reminder yet: it goes the day before
    post(client, session, "")
    session.refresh_from_db()
    assert session.what_to_prepare == "" and session.what_to_prepare_shown.startswith("Two onions")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x" * 1001, "The list can be up to 1000 characters."),
        ("Ring me on 07700 900123 if you cannot get rice", "Please take out a phone number."),
        ("Ask jamie@example.org for the recipe", "Please take out an email address."),
        ("Bring a bowl, as Rowan MacLeod is in hospital", "Please take out someone&#x27;s name and news"),
    ],
)
def test_bad_lists_are_refused_kindly_and_change_nothing(client, online, session, text, message):
    client.force_login(facilitator_of(online))
    response = post(client, session, text)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "There is a problem" in page
    assert GroupSession.objects.get(pk=session.pk).what_to_prepare == ""


def test_ingredients_on_separate_lines_are_not_taken_for_a_name(client, online, session):
    client.force_login(facilitator_of(online))
    post(client, session, "Rice\nChopped tomatoes\nOlive oil")
    assert GroupSession.objects.get(pk=session.pk).what_to_prepare == "Rice\nChopped tomatoes\nOlive oil"


def test_only_the_groups_facilitators_and_never_after_the_start(client, online, member):
    started = GroupSessionFactory(group=online, starts_at=timezone.now() - datetime.timedelta(minutes=5))
    client.force_login(member)
    assert post(client, started, "Rice").status_code == 403
    client.force_login(facilitator_of(online))
    response = client.post(
        reverse("network:session_prepare", args=[started.pk]), {"what_to_prepare": "Rice"}, follow=True
    )
    assert "already started, so the list cannot be changed now" in response.content.decode()
    assert GroupSession.objects.get(pk=started.pk).what_to_prepare == ""
    assert client.get(reverse("network:session_prepare", args=[started.pk])).status_code == 405
