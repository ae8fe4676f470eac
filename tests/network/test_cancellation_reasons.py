"""Cancelling a session: a neutral reason everyone sees, and an optional note for people with a
place that is checked for personal details."""

import importlib

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from network import services
from network.cancellation_notes import personal_details_in_note
from network.models import GroupSession
from tests.checks import assert_valid_html
from tests.factories import MemberFactory
from tests.factories.network import GroupIndexPageFactory, GroupPageFactory, facilitator_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(home_page):
    index = GroupIndexPageFactory(parent=home_page, slug="groups")
    return GroupPageFactory(parent=index, title="Tuesday peer group")


@pytest.fixture
def session(group):
    return group.sessions.filter(starts_at__gt=timezone.now()).first()


def cancel(client, group, session, data):
    client.force_login(facilitator_of(group))
    return client.post(reverse("network:session_cancel", args=[session.pk]), data, follow=True)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose why the session is cancelled."),
        ({"reason": "", "note": "See you next week."}, "Choose why the session is cancelled."),
        ({"reason": "rowan_is_unwell"}, "Choose one of the reasons in the list."),
        ({"reason": "other", "note": "x" * 161}, "The note can be up to 160 characters."),
        ({"reason": "other", "note": "Call me on 07700 900123"}, "Please take out a phone number."),
        ({"reason": "other", "note": "Email rowan@example.org"}, "Please take out an email address."),
        (
            {"reason": "other", "note": "Ask for Jamie MacLeod at the door."},
            "Please take out someone&#x27;s name.",
        ),
        (
            {"reason": "facilitator_unavailable", "note": "Rowan is unwell."},
            "Please take out news about someone&#x27;s health or life.",
        ),
    ],
)
def test_bad_cancellations_are_refused_kindly_and_change_nothing(client, group, session, data, message):
    response = cancel(client, group, session, data)
    assert response.status_code == 200
    assert message in response.text
    session.refresh_from_db()
    assert not session.cancelled and session.cancellation_reason == "" and session.cancellation_note == ""
    assert mail.outbox == []


def test_the_public_pages_show_the_neutral_reason_and_never_the_note(client, group, session):
    response = cancel(
        client, group, session, {"reason": "holiday", "note": "We meet in the garden room next week."}
    )
    assert "Everyone with a place will get an email" in response.text
    assert "Note for people with a place: We meet in the garden room next week." in response.text
    client.logout()
    public = client.get(group.url).text
    assert "Holiday" in public and "garden room" not in public
    client.force_login(MemberFactory())
    sessions_page = client.get(reverse("network:group_sessions", args=[group.pk])).text
    assert "Holiday" in sessions_page and "garden room" not in sessions_page


def test_other_shows_only_that_the_session_is_cancelled(client, group, session):
    cancel(client, group, session, {"reason": "other"})
    client.logout()
    html = client.get(group.url).text
    assert "Cancelled" in html
    assert "Other" not in html


def test_the_service_refuses_a_reason_not_in_the_list_and_a_personal_note(session):
    with pytest.raises(services.SessionError, match="Choose why"):
        services.session_cancel(session=session, reason="unwell")
    with pytest.raises(services.SessionError, match="phone number"):
        services.session_cancel(session=session, reason="other", note="Ring 01234 567890")
    session.refresh_from_db()
    assert not session.cancelled


def test_the_admin_form_needs_a_reason_and_checks_the_note(session):
    session.cancelled = True
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert "cancellation_reason" in error.value.message_dict
    session.cancellation_reason = GroupSession.CancellationReason.OTHER
    session.cancellation_note = "Jamie MacLeod has left."
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert "someone's name" in error.value.message_dict["cancellation_note"][0]
    # Taking the cancellation back clears the reason and the note.
    session.cancelled = False
    session.full_clean()
    assert (session.cancellation_reason, session.cancellation_note) == ("", "")


@pytest.mark.parametrize(
    "note",
    [
        "",
        "We meet in the garden room next week.",
        "The Net Loft is closed on Christmas Day.",
        "See you on Tuesday 3 March at 6pm instead.",
        "Sorry, the heating is broken.",
    ],
)
def test_practical_notes_pass_the_check(note):
    assert personal_details_in_note(note) == []


@pytest.mark.parametrize(
    ("old_note", "reason"),
    [
        ("The hub is closed for a holiday.", "holiday"),
        ("Closed for Christmas", "holiday"),
        ("Heavy snow today", "bad_weather"),
        ("Sorry, the room is flooded.", "room_unavailable"),
        ("Rowan is unwell", "facilitator_unavailable"),
        ("", "other"),
        ("Sorry!", "other"),
    ],
)
def test_old_notes_become_the_reason_they_most_likely_meant(old_note, reason):
    migration = importlib.import_module("network.migrations.0007_cancellation_reasons")
    assert migration.reason_for(old_note) == reason


@pytest.mark.xdist_group("html")  # one HTML checker run: tests/test_html_checker.py
def test_the_cancel_form_with_errors_and_a_cancelled_session_are_valid_html(client, group, session):
    pages = {"errors": cancel(client, group, session, {"reason": "other", "note": "Rowan is unwell"}).text}
    pages["cancelled"] = cancel(
        client, group, session, {"reason": "holiday", "note": "See you next week."}
    ).text
    client.logout()
    pages["public group page"] = client.get(group.url).text
    assert_valid_html(pages)
