import re

import pytest
from django.core import mail
from django.test import override_settings

from tests.factories import MemberFactory
from tests.factories.accounts import EMAILED_CODE, PASSWORD

pytestmark = pytest.mark.django_db


def test_wrong_password_gets_a_clear_message(client, member):
    response = client.post("/accounts/login/", {"login": member.email, "password": "wrong-password"})
    assert response.status_code == 200
    assert "The email address and/or password you specified are not correct." in response.text
    assert not response.context["user"].is_authenticated


def test_empty_sign_in_form(client):
    response = client.post("/accounts/login/", {"login": "", "password": ""})
    assert response.status_code == 200
    assert "Enter your email address" in response.text
    assert "Enter your password" in response.text


def test_sign_in_by_emailed_code(client, member):
    response = client.post("/accounts/login/code/", {"email": member.email})
    assert response.status_code == 302
    page = client.get(response["Location"]).text
    assert "<h1" in page and "Check your email for a sign-in code" in page
    assert f"We have sent a code to <strong>{member.email}</strong>" in page
    body = mail.outbox[-1].body
    code = re.search(EMAILED_CODE, body, re.MULTILINE).group(1)
    response = client.post(response["Location"], {"code": code})
    assert response.status_code == 302
    assert client.get("/").context["user"] == member


def test_wrong_sign_in_code_is_refused(client, member):
    response = client.post("/accounts/login/code/", {"email": member.email})
    response = client.post(response["Location"], {"code": "ZZZZZZ"})
    assert response.status_code == 200
    assert not response.context["user"].is_authenticated


def test_password_reset_email_has_a_neutral_subject(client, member):
    response = client.post("/accounts/password/reset/", {"email": member.email})
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.to == [member.email]
    assert message.subject == "Reset your password"
    for word in ("drug", "alcohol", "recovery", member.profile.display_name.lower()):
        assert word not in message.subject.lower()
    link = re.search(r"https?://testserver(/accounts/password/reset/key/\S+)", message.body).group(1)
    form_url = client.get(link)["Location"]
    new_password = "a-brand-new-password-77"
    response = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(new_password)


def test_password_reset_for_unknown_email_reveals_nothing(client):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302


@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "3/m/ip"})
def test_repeated_failed_sign_ins_are_slowed_down(client):
    member = MemberFactory()
    for _attempt in range(3):
        client.post("/accounts/login/", {"login": member.email, "password": "wrong-password"})
    response = client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert response.status_code == 429 or "Too many failed login attempts" in response.text
    assert not client.get("/").context["user"].is_authenticated


@override_settings(ACCOUNT_RATE_LIMITS={"signup": "2/h/ip"})
def test_sign_up_is_rate_limited(client):
    for n in range(2):
        client.post("/accounts/signup/", {"display_name": f"Person {n}", "email": f"p{n}@example.org"})
    response = client.post(
        "/accounts/signup/",
        {"display_name": "Third", "email": "p3@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 429


def test_signing_in_greets_people_by_display_name_never_the_internal_username(client, member):
    response = client.post("/accounts/login/", {"login": member.email, "password": PASSWORD}, follow=True)
    assert f"Successfully signed in as {member.profile.display_name}." in response.text
    assert member.username not in response.text


# Other sessions end when how someone signs in changes (security review, items 2 and 10)


def signed_in(client):
    return client.get("/").context["user"].is_authenticated


def two_sessions(member):
    from django.test import Client

    first, second = Client(), Client()
    for client in (first, second):
        assert (
            client.post("/accounts/login/", {"login": member.email, "password": PASSWORD}).status_code == 302
        )
    return first, second


def test_changing_a_password_ends_the_other_sessions_and_keeps_this_one(member):
    first, second = two_sessions(member)
    new_password = "another-long-password-31"
    response = first.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": new_password, "password2": new_password},
    )
    assert response.status_code == 302
    assert signed_in(first)
    assert not signed_in(second)


def test_a_change_of_roles_ends_every_session_of_that_person(member):
    from django.contrib.auth.models import Group

    from accounts.models import SignedInSession

    first, second = two_sessions(member)
    assert SignedInSession.objects.filter(user=member).count() == 2
    Group.objects.get(name="Board representatives").user_set.add(member)
    assert not signed_in(first)
    assert not signed_in(second)
    assert not SignedInSession.objects.filter(user=member).exists()


def test_becoming_staff_ends_every_session_but_a_new_sign_in_time_does_not(member):
    first, second = two_sessions(member)
    member.refresh_from_db()
    member.save(update_fields=["last_login"])
    assert signed_in(first) and signed_in(second)
    member.is_staff = True
    member.save()
    assert not signed_in(first)
    assert not signed_in(second)


def test_signing_out_forgets_the_session(client, member):
    from accounts.models import SignedInSession

    client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert SignedInSession.objects.filter(user=member).count() == 1
    client.post("/accounts/logout/")
    assert not SignedInSession.objects.filter(user=member).exists()


# Sign-in limits behind the reverse proxy (deployment review)


@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "10/m/ip,3/5m/key"})
def test_the_failed_sign_in_count_for_an_account_does_not_change_with_the_host_name(client, member):
    for host in ("127.0.0.1", "localhost", "portal.example"):
        client.post("/accounts/login/", {"login": member.email, "password": "wrong-password"}, HTTP_HOST=host)
    response = client.post(
        "/accounts/login/", {"login": member.email, "password": PASSWORD}, HTTP_HOST="other.example"
    )
    assert response.status_code == 429 or "Too many failed login attempts" in response.text
    assert not client.get("/").context["user"].is_authenticated


@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "3/m/ip"}, ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_one_visitors_bad_passwords_do_not_lock_out_another(client, member):
    """Every request comes from the proxy's address; the proxy names the visitor in
    X-Forwarded-For, and the limit counts each visitor."""
    someone_else = MemberFactory()
    for _attempt in range(3):
        client.post(
            "/accounts/login/",
            {"login": someone_else.email, "password": "wrong-password"},
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )
    locked = client.post(
        "/accounts/login/", {"login": member.email, "password": PASSWORD}, HTTP_X_FORWARDED_FOR="203.0.113.9"
    )
    assert locked.status_code == 429 or "Too many failed login attempts" in locked.text
    response = client.post(
        "/accounts/login/", {"login": member.email, "password": PASSWORD}, HTTP_X_FORWARDED_FOR="198.51.100.4"
    )
    assert response.status_code == 302
    assert client.get("/").context["user"] == member
