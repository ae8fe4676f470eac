import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail

from accounts.models import MemberProfile
from accounts.roles import MEMBERS
from tests.factories import MemberFactory
from tests.factories.accounts import EMAILED_CODE

pytestmark = pytest.mark.django_db
User = get_user_model()
PASSWORD = "a-long-test-password-42"


def sign_up(client, **overrides):
    data = {
        "display_name": "Quiet Heron",
        "email": "heron@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return client.post("/accounts/signup/", data)


def test_sign_up_verify_by_code_then_sign_in(client):
    response = sign_up(client)
    assert response.status_code == 302
    user = User.objects.get(email="heron@example.org")
    assert user.profile.display_name == "Quiet Heron"
    assert list(user.groups.values_list("name", flat=True)) == [MEMBERS]
    assert not user.username.startswith("heron"), "usernames must not echo the email address"

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["heron@example.org"]
    assert "heron" not in message.subject.lower()
    code = re.search(EMAILED_CODE, message.body, re.MULTILINE).group(1)

    confirm = client.get(response["Location"])
    assert confirm.status_code == 200
    response = client.post(response["Location"], {"code": code})
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified

    client.logout()
    response = client.post("/accounts/login/", {"login": "heron@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").context["user"] == user


def test_unverified_member_cannot_sign_in(client):
    sign_up(client)
    client.logout()
    mail.outbox.clear()
    response = client.post("/accounts/login/", {"login": "heron@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert "/accounts/confirm-email/" in response["Location"]
    assert not client.get("/").context["user"].is_authenticated


@pytest.mark.parametrize(
    ("display_name", "message"),
    [
        ("", "Enter a display name"),
        ("A", "at least 2 characters"),
        ("x" * 41, "up to 40 characters"),
        ("me@example.org", "do not use an email address"),
        ("Call 07700 900123", "do not use a phone number"),
        ("<script>alert(1)</script>", "Use only letters"),
    ],
)
def test_sign_up_rejects_bad_display_names_kindly(client, display_name, message):
    response = sign_up(client, display_name=display_name)
    assert response.status_code == 200
    assert message in response.text
    assert "There is a problem" in response.text
    assert "<script>alert(1)</script>" not in response.text
    assert not User.objects.filter(email="heron@example.org").exists()
    assert mail.outbox == []


def test_display_names_are_unique_ignoring_case(client):
    MemberFactory(profile__display_name="Quiet Heron")
    response = sign_up(client, display_name="quiet heron")
    assert "Someone already uses that display name" in response.text
    assert MemberProfile.objects.filter(display_name__iexact="quiet heron").count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"email": "not-an-email"}, "valid email address"),
        ({"email": ""}, "Enter your email address"),
        ({"password1": "short", "password2": "short"}, "at least 10 characters"),
        ({"password2": "something-else-entirely"}, "same password"),
    ],
)
def test_sign_up_rejects_bad_account_details(client, overrides, message):
    response = sign_up(client, **overrides)
    assert response.status_code == 200
    assert message in response.text
    assert not User.objects.exists()


def test_sign_up_with_an_existing_email_does_not_reveal_it(client):
    MemberFactory(email="heron@example.org")
    response = sign_up(client)
    # allauth's enumeration prevention: the same "check your email" step, and a notice by email.
    assert response.status_code == 302
    assert User.objects.filter(email="heron@example.org").count() == 1


# Nobody can tell from a sign-up whether an address has an account (security review, item 6)


class CountingHasher:
    """Wraps the test hasher and counts how many passwords were hashed."""

    calls = 0


@pytest.fixture
def hashes_counted(settings, monkeypatch):
    from django.contrib.auth import hashers

    CountingHasher.calls = 0
    real_encode = hashers.MD5PasswordHasher.encode

    def counting_encode(self, password, salt):
        CountingHasher.calls += 1
        return real_encode(self, password, salt)

    monkeypatch.setattr(hashers.MD5PasswordHasher, "encode", counting_encode)
    return CountingHasher


@pytest.mark.parametrize("already_has_an_account", [False, True])
def test_a_sign_up_does_the_same_work_whether_or_not_the_address_has_an_account(
    client, hashes_counted, queued_tasks, already_has_an_account
):
    if already_has_an_account:
        MemberFactory(email="heron@example.org")
    hashes_counted.calls = 0
    response = sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    # One password hashed and one email queued either way; nothing is sent during the request.
    assert hashes_counted.calls == 1
    assert mail.outbox == []
    queued = [result for result in queued_tasks.results if result.task.name == "deliver"]
    assert len(queued) == 1
    assert queued[0].kwargs["to"] == ["heron@example.org"]
    assert User.objects.filter(email="heron@example.org").count() == 1
