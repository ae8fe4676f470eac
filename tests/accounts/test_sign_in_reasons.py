"""The sign-in page says why someone is asked to sign in, from a fixed list only
(accounts/sign_in_reasons.py): never words taken from the address."""

import pytest

from tests.factories.accounts import PASSWORD, user_with_roles
from tests.factories.network import GroupIndexPageFactory, GroupPageFactory

pytestmark = pytest.mark.django_db

HAVE_YOUR_SAY = "Sign in or join to have your say."
VOTE = "Sign in or join to vote for the priorities that matter to you."
SESSIONS = "Sign in or join to sign up for a session."


def reason_on(response):
    html = response.content.decode()
    for sentence in (HAVE_YOUR_SAY, VOTE, SESSIONS):
        if sentence in html:
            return sentence
    return None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?reason=vote", VOTE),
        ("?reason=have-your-say&next=/consultations/3/", HAVE_YOUR_SAY),
        ("?next=/consultations/", HAVE_YOUR_SAY),
        ("?next=/consultations/12/results/%3Fpage%3D2", HAVE_YOUR_SAY),
        ("?next=/accounts/sessions/", SESSIONS),
        ("", None),
        ("?next=/about/", None),
        ("?reason=", None),
    ],
)
def test_the_sentence_comes_from_the_reason_or_the_page_they_were_going_to(client, query, expected):
    assert reason_on(client.get("/accounts/login/" + query)) == expected


def test_sign_up_for_a_session_leads_to_the_sessions_sentence(client, home_page):
    group = GroupPageFactory(parent=GroupIndexPageFactory(parent=home_page, slug="groups"))
    sent = client.get(f"/groups/{group.pk}/sessions/")
    assert sent.status_code == 302
    assert reason_on(client.get(sent["Location"])) == SESSIONS


@pytest.mark.parametrize(
    "query",
    [
        "?reason=<script>alert(1)</script>",
        "?reason=Your+account+is+locked.+Phone+0800+000+000",
        "?next=https://elsewhere.example/consultations/",
        "?next=//elsewhere.example/consultations/",
        "?next=javascript:alert(1)",
        "?next=/consultations/%00",
        "?reason=vote%0A&next=/no-such-page/",
        "?reason[]=vote",
    ],
)
def test_unknown_reasons_and_addresses_show_nothing_and_never_a_500(client, query):
    response = client.get("/accounts/login/" + query)
    assert response.status_code == 200
    html = response.content.decode()
    assert reason_on(response) is None
    assert "data-sign-in-reason" not in html
    assert "<script>alert" not in html and "is locked" not in html


def test_the_sentence_stays_after_a_wrong_password(client):
    member = user_with_roles()
    response = client.post(
        "/accounts/login/",
        {"login": member.email, "password": "not-the-password", "next": "/consultations/", "reason": "vote"},
    )
    assert response.status_code == 200
    assert reason_on(response) == VOTE
    assert 'name="reason" value="vote"' in response.content.decode()


def test_signing_in_still_goes_on_to_the_page(client):
    member = user_with_roles()
    response = client.post(
        "/accounts/login/",
        {"login": member.email, "password": PASSWORD, "next": "/consultations/", "reason": "have-your-say"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/consultations/"
