"""Two-step sign-in: required for the roles that can see who posted what, open to everyone."""

import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail

from accounts.roles import BOARD_REPRESENTATIVES, EDITORS, FACILITATORS
from tests.checks import assert_valid_html
from tests.factories.accounts import EMAILED_CODE, PASSWORD, user_with_roles

pytestmark = pytest.mark.django_db

SETUP_URL = "/accounts/2fa/totp/activate/"


@pytest.fixture(autouse=True)
def _two_factor_on(settings):
    settings.TWO_FACTOR_REQUIRED_FOR_ROLES = True


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """allauth announces a new app after the transaction commits; tests run inside one, so run
    those callbacks as a real request would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def app_code(secret, step=0):
    """What an authenticator app shows now (step 0), or one period later (step 1)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + step))


def sign_in(client, user):
    return client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})


def secret_on_page(html):
    return re.search(r"<code>([A-Z2-7]{32})</code>", html).group(1)


def set_up_app(client, committed):
    page = client.get(SETUP_URL)
    if page.status_code == 302 and page["Location"].startswith("/accounts/reauthenticate/"):
        # Turning it on by choice later asks for the password again first.
        assert client.post(page["Location"], {"password": PASSWORD}).status_code == 302
        page = client.get(SETUP_URL)
    secret = secret_on_page(page.text)
    with committed():
        response = client.post(SETUP_URL, {"code": app_code(secret)})
    assert response.status_code == 302, response.text
    return secret


@pytest.mark.parametrize("role", [FACILITATORS, BOARD_REPRESENTATIVES, EDITORS])
def test_roles_that_see_who_posted_must_set_up_an_app_first(client, committed, role):
    person = user_with_roles(role)
    response = sign_in(client, person)
    assert response.status_code == 302
    for url in ("/", "/consultations/", "/accounts/profile/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == SETUP_URL

    page = client.get(SETUP_URL)
    assert "Set up two-step sign-in" in page.text
    assert "Your role lets you see who posted things" in page.text
    assert (
        '<svg width="200" height="200" role="img" aria-label="QR code for your authenticator app"'
        in page.text
    )
    assert "data:image" not in page.text

    secret = secret_on_page(page.text)
    with committed():
        response = client.post(SETUP_URL, {"code": app_code(secret)})
    assert response["Location"] == "/accounts/2fa/recovery-codes/"
    codes = client.get(response["Location"])
    assert "Your recovery codes" in codes.text
    assert Authenticator.objects.filter(user=person, type=Authenticator.Type.TOTP).exists()
    assert client.get("/consultations/").status_code == 200


def test_staff_must_set_up_an_app_too(client):
    editor = user_with_roles(is_staff=True)
    sign_in(client, editor)
    assert client.get("/admin/")["Location"] == SETUP_URL


def test_members_are_not_made_to_but_may_choose_to(client, committed, member):
    sign_in(client, member)
    assert client.get("/consultations/").status_code == 200
    assert "Two-step sign-in" in client.get("/accounts/profile/").text
    set_up_app(client, committed)
    assert Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).exists()
    assert ">On<" in client.get("/accounts/profile/").text


def test_nobody_is_made_to_when_the_setting_is_off(client, settings):
    settings.TWO_FACTOR_REQUIRED_FOR_ROLES = False
    sign_in(client, user_with_roles(FACILITATORS))
    assert client.get("/consultations/moderation/").status_code == 200


@pytest.mark.parametrize("code", ["", "123", "abcdef", "000000", "9" * 50, "\x00"])
def test_a_wrong_code_at_set_up_changes_nothing(client, code):
    facilitator = user_with_roles(FACILITATORS)
    sign_in(client, facilitator)
    client.get(SETUP_URL)
    response = client.post(SETUP_URL, {"code": code})
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert not Authenticator.objects.filter(user=facilitator).exists()
    assert client.get("/")["Location"] == SETUP_URL


def test_the_app_names_the_site_neutrally(client):
    sign_in(client, user_with_roles(FACILITATORS))
    page = client.get(SETUP_URL)
    url = page.context["totp_url"]
    assert "issuer=Network%20portal" in url
    assert "recovery" not in url.lower() and "drug" not in url.lower()


def test_signing_in_with_an_app_asks_for_its_code(client, committed):
    facilitator = user_with_roles(FACILITATORS)
    sign_in(client, facilitator)
    secret = set_up_app(client, committed)
    client.logout()

    response = sign_in(client, facilitator)
    assert response["Location"] == "/accounts/2fa/authenticate/"
    page = client.get(response["Location"])
    assert "Enter the code from your app" in page.text
    assert not page.context["user"].is_authenticated

    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert "That code did not work" in wrong.text
    assert not wrong.context["user"].is_authenticated

    right = client.post("/accounts/2fa/authenticate/", {"code": app_code(secret, step=1)})
    assert right.status_code == 302
    assert client.get("/consultations/moderation/").status_code == 200


def test_a_recovery_code_works_once_instead_of_the_app(client, committed, member):
    sign_in(client, member)
    set_up_app(client, committed)
    recovery = client.get("/accounts/2fa/recovery-codes/").context["unused_codes"][0]
    client.logout()

    sign_in(client, member)
    assert client.post("/accounts/2fa/authenticate/", {"code": recovery}).status_code == 302
    client.logout()
    sign_in(client, member)
    assert client.post("/accounts/2fa/authenticate/", {"code": recovery}).status_code == 200


def test_signing_in_by_emailed_code_still_asks_for_the_app(client, committed, member):
    sign_in(client, member)
    set_up_app(client, committed)
    client.logout()

    response = client.post("/accounts/login/code/", {"email": member.email})
    code = re.search(EMAILED_CODE, mail.outbox[-1].body, re.MULTILINE).group(1)
    response = client.post(response["Location"], {"code": code})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert not client.get("/").context["user"].is_authenticated


def test_turning_the_app_off_brings_the_set_up_back_for_a_facilitator(client, committed):
    facilitator = user_with_roles(FACILITATORS)
    sign_in(client, facilitator)
    set_up_app(client, committed)
    page = client.get("/accounts/2fa/totp/deactivate/")
    assert "Turn off two-step sign-in?" in page.text
    with committed():
        response = client.post("/accounts/2fa/totp/deactivate/", {})
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=facilitator, type=Authenticator.Type.TOTP).exists()
    assert client.get("/")["Location"] == SETUP_URL


def test_signing_out_is_always_possible(client):
    sign_in(client, user_with_roles(FACILITATORS))
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert not client.get("/").context["user"].is_authenticated


@pytest.mark.xdist_group("html")  # one HTML checker run: tests/test_html_checker.py
def test_two_step_pages_are_valid_html(client, committed, member, network_settings):
    sign_in(client, member)
    pages = {"confirm password": client.get("/accounts/reauthenticate/?next=/accounts/2fa/").text}
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    pages["set up"] = client.get(SETUP_URL).text
    pages["set up, wrong code"] = client.post(SETUP_URL, {"code": "1"}).text
    secret = set_up_app(client, committed)
    pages["overview"] = client.get("/accounts/2fa/").text
    pages["recovery codes"] = client.get("/accounts/2fa/recovery-codes/").text
    pages["new recovery codes"] = client.get("/accounts/2fa/recovery-codes/generate/").text
    pages["turn off"] = client.get("/accounts/2fa/totp/deactivate/").text
    pages["account"] = client.get("/accounts/profile/").text
    client.logout()
    sign_in(client, member)
    pages["second step"] = client.get("/accounts/2fa/authenticate/").text
    pages["second step, wrong code"] = client.post("/accounts/2fa/authenticate/", {"code": "1"}).text
    assert client.post("/accounts/2fa/authenticate/", {"code": app_code(secret, step=1)}).status_code == 302
    assert_valid_html(pages)


# Checked on every request, not only at sign-in (security review, item 2)


def second_step_url(next_url):
    return f"/accounts/2fa/reauthenticate/?next={next_url.replace('/', '%2F')}"


def test_a_session_signed_in_before_the_app_was_set_up_elsewhere_must_take_the_second_step(committed):
    from django.test import Client

    facilitator = user_with_roles(FACILITATORS)
    before, elsewhere = Client(), Client()
    sign_in(before, facilitator)
    assert before.get("/consultations/moderation/")["Location"] == SETUP_URL

    sign_in(elsewhere, facilitator)
    secret = set_up_app(elsewhere, committed)
    assert elsewhere.get("/consultations/moderation/").status_code == 200

    # The first session was ended when the app was added; signing in with the password alone
    # again is not enough either.
    response = before.get("/consultations/moderation/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert sign_in(before, facilitator)["Location"] == "/accounts/2fa/authenticate/"
    assert before.get("/consultations/moderation/")["Location"].startswith("/accounts/login/")
    assert before.post("/accounts/2fa/authenticate/", {"code": app_code(secret, step=1)}).status_code == 302
    assert before.get("/consultations/moderation/").status_code == 200


def test_a_password_only_session_of_someone_with_an_app_is_sent_to_the_second_step(client, committed):
    """However the session came to be signed in without the second step, no page opens until it
    passes it: the check is on the session, not on the account."""
    facilitator = user_with_roles(FACILITATORS)
    secret_holder = __import__("django.test", fromlist=["Client"]).Client()
    sign_in(secret_holder, facilitator)
    secret = set_up_app(secret_holder, committed)

    client.force_login(facilitator)
    for url in ("/consultations/moderation/", "/admin/", "/accounts/2fa/totp/deactivate/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == second_step_url(url)
    assert client.post("/consultations/moderation/priorities/1/", {"action": "approve"}).status_code == 302

    page = client.get("/accounts/2fa/reauthenticate/")
    assert page.status_code == 200
    assert "type the 6-number code" in page.text
    wrong = client.post("/accounts/2fa/reauthenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert client.get("/consultations/moderation/").status_code == 302

    right = client.post(
        "/accounts/2fa/reauthenticate/",
        {"code": app_code(secret, step=1), "next": "/consultations/moderation/"},
    )
    assert right.status_code == 302
    assert client.get("/consultations/moderation/").status_code == 200


def test_a_member_promoted_while_signed_in_gets_no_new_access_without_the_second_step(client, member):
    from django.contrib.auth.models import Group

    sign_in(client, member)
    assert client.get("/consultations/moderation/").status_code == 403

    member.groups.add(Group.objects.get(name=FACILITATORS))

    # The session that was signed in as a member has ended.
    assert not client.get("/").context["user"].is_authenticated
    assert client.get("/consultations/moderation/")["Location"].startswith("/accounts/login/")
    # Signing in again, the new role asks for an app before anything else.
    sign_in(client, member)
    assert client.get("/consultations/moderation/")["Location"] == SETUP_URL


def test_the_role_is_read_on_every_request_even_when_no_session_was_ended(client, member):
    """A role added without the usual signal (a bulk change, a database edit) is still caught."""
    from django.contrib.auth.models import Group

    sign_in(client, member)
    Group.objects.get(name=FACILITATORS).user_set.through.objects.bulk_create(
        [Group.user_set.through(user_id=member.pk, group_id=Group.objects.get(name=FACILITATORS).pk)]
    )
    assert client.get("/consultations/moderation/")["Location"] == SETUP_URL
    assert client.get("/")["Location"] == SETUP_URL


def test_while_waiting_for_the_second_step_nothing_else_about_the_app_can_be_changed(client, committed):
    facilitator = user_with_roles(FACILITATORS)
    holder = __import__("django.test", fromlist=["Client"]).Client()
    sign_in(holder, facilitator)
    set_up_app(holder, committed)

    client.force_login(facilitator)
    for url in ("/accounts/2fa/", "/accounts/2fa/recovery-codes/", "/accounts/2fa/recovery-codes/generate/"):
        assert client.get(url)["Location"].startswith("/accounts/2fa/reauthenticate/"), url
    assert client.post("/accounts/2fa/totp/deactivate/", {})["Location"].startswith(
        "/accounts/2fa/reauthenticate/"
    )
    assert Authenticator.objects.filter(user=facilitator, type=Authenticator.Type.TOTP).exists()
