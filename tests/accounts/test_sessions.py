"""Sessions are Django's database sessions, read with their SQL compiled once (accounts/sessions.py):
a live session is read in one query, an expired or unknown one is no session, and signing in and
out work as before."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from accounts.sessions import SessionStore
from tests.factories import MemberFactory
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db


def saved_session(**values):
    store = SessionStore()
    store.update(values)
    store.create()
    return store.session_key


def test_the_portal_uses_these_sessions():
    assert settings.SESSION_ENGINE == "accounts.sessions"


def test_a_live_session_is_read_in_one_query(django_assert_num_queries):
    key = saved_session(colour="green")
    with django_assert_num_queries(1):
        assert SessionStore(key)["colour"] == "green"


def test_an_expired_session_is_no_session():
    key = saved_session(colour="green")
    Session.objects.filter(pk=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    store = SessionStore(key)
    assert store.get("colour") is None
    assert store.session_key is None


@pytest.mark.parametrize("key", ["nosuchsessionkeyatallhere12345678", "short", ""])
def test_an_unknown_key_is_no_session(key):
    saved_session(colour="green")
    store = SessionStore(key)
    assert dict(store.items()) == {}
    assert store.session_key is None


def test_signing_in_and_out_keeps_and_ends_the_session(client):
    member = MemberFactory()
    response = client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302
    key = client.session.session_key
    assert Session.objects.filter(pk=key).exists()
    assert client.get("/accounts/email/").status_code == 200  # read as signed in
    client.post("/accounts/logout/")
    assert not Session.objects.filter(pk=key).exists()
    assert client.get("/accounts/email/").status_code == 302  # sent to sign in
