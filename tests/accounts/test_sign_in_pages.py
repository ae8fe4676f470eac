"""allauth's pages in the portal's own words (issue 13): a label on every box, an error summary at
the top naming what each box needs, "Error: " first in the title, styled buttons, the password
rules said once, how long a code works, and none of allauth's own phrases."""

import re
import time
from pathlib import Path

import allauth
import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.auth import get_user_model
from django.core import mail
from django.test.signals import template_rendered

from accounts.passwords import password_hint
from tests.checks import assert_valid_html
from tests.factories import MemberFactory
from tests.factories.accounts import EMAILED_CODE, PASSWORD

pytestmark = pytest.mark.django_db
User = get_user_model()

ALLAUTH_PHRASES = (
    "This field is required",
    "Request Code",
    "Password Reset",
    "expires shortly",
    "Sign Out",
    "Change Password",
    "Set Password",
    "Make Primary",
    "Re-send Verification",
    "Email Addresses",
    "Add Email",
    "Bad Token",
    "Confirm Access",
    "Please reauthenticate",
    "Alternative options",
    "Forgot your password?",
    "Remember Me",
    "Your password must contain",
    "Your password can\u2019t",
    "You must type the same password",
    "Incorrect code",
    "Incorrect password",
    "special code for a password-free sign-in",
    "Other sign-in options",
    "We've sent",
    "Account Inactive",
    "Authenticator App",
    "placeholder=",
)
STRONG = "a-long-new-password-52"


def problems_on(html):
    problems = [f"says {phrase!r}" for phrase in ALLAUTH_PHRASES if phrase in html]
    for button in re.findall(r"<button[^>]*>", html):
        if "govuk-button" not in button and "portal-link-button" not in button:
            problems.append(f"an unstyled button: {button}")
    for tag in re.findall(r"<(?:input|textarea|select)\b[^>]*>", html):
        kind = re.search(r'type="([^"]+)"', tag)
        if kind and kind.group(1) in {"hidden", "submit"}:
            continue
        field_id = re.search(r'\sid="([^"]+)"', tag)
        if not field_id or f'for="{field_id.group(1)}"' not in html:
            problems.append(f"a box with no label: {tag}")
    if html.count("<ul") and "Your password can" in html:
        problems.append("Django's list of password rules")
    return problems


def title_of(html):
    return re.search(r"<title>(.*?)</title>", html, re.DOTALL).group(1).strip()


def summary_of(html):
    """The error summary's items: (message, the box it links to)."""
    summary = re.search(r'class="govuk-error-summary"(.*?)</ul>', html, re.DOTALL)
    if summary is None:
        return []
    return [
        (text.strip(), target)
        for target, text in re.findall(r'<a href="#([^"]+)">(.*?)</a>', summary.group(1))
    ]


def app_code(html):
    secret = re.search(r"<code>([A-Z2-7]{32})</code>", html).group(1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def sign_in(client, user):
    assert client.post("/accounts/login/", {"login": user.email, "password": PASSWORD}).status_code == 302


def code_from_last_email():
    return re.search(EMAILED_CODE, mail.outbox[-1].body, re.MULTILINE).group(1)


def every_page(client, django_capture_on_commit_callbacks):
    """Each sign-in page in each state a person meets it, as {name: html}."""
    pages = {}

    def visit(name, url, data=None):
        response = client.post(url, data) if data is not None else client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        pages[name] = response.text
        return response

    for name, url in {
        "sign in": "/accounts/login/",
        "join": "/accounts/signup/",
        "reset": "/accounts/password/reset/",
        "reset sent": "/accounts/password/reset/done/",
        "reset link not working": "/accounts/password/reset/key/1-abc-123/",
        "reset done": "/accounts/password/reset/key/done/",
        "ask for a code": "/accounts/login/code/",
        "switched off": "/accounts/inactive/",
    }.items():
        visit(name, url)
    visit("join, empty", "/accounts/signup/", {})
    visit("sign in, empty", "/accounts/login/", {})
    member = MemberFactory()
    client.post("/accounts/password/reset/", {"email": member.email})
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[-1].body).group(1)
    visit("choose a new password", client.get(link)["Location"])
    client.post("/accounts/login/code/", {"email": member.email})
    visit("type the sign-in code", "/accounts/login/code/confirm/")
    visit("type the sign-in code, wrong", "/accounts/login/code/confirm/", {"code": "WRONG-CODE"})
    client.post("/accounts/signup/", {"display_name": "Quiet Heron", "email": "heron@example.org",
                                      "password1": STRONG, "password2": STRONG})  # fmt: skip
    visit("confirm your email", "/accounts/confirm-email/")
    visit("confirm your email, change", "/accounts/confirm-email/", {"action": "change", "email": "x"})
    client.logout()

    sign_in(client, member)
    for name, url in {
        "sign out": "/accounts/logout/",
        "email addresses": "/accounts/email/",
        "change password": "/accounts/password/change/",
        "confirm it is you": "/accounts/reauthenticate/",
        "two-step overview": "/accounts/2fa/",
    }.items():
        visit(name, url)
    visit("email addresses, empty", "/accounts/email/", {"action_add": ""})
    visit("change password, empty", "/accounts/password/change/", {})
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    page = visit("set up two-step", "/accounts/2fa/totp/activate/")
    visit("set up two-step, empty", "/accounts/2fa/totp/activate/", {"code": ""})
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/2fa/totp/activate/", {"code": app_code(page.text)})
    visit("recovery codes", "/accounts/2fa/recovery-codes/")
    visit("new recovery codes", "/accounts/2fa/recovery-codes/generate/")
    visit("turn off two-step", "/accounts/2fa/totp/deactivate/")
    client.logout()
    client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    visit("second step", "/accounts/2fa/authenticate/")
    visit("second step, empty", "/accounts/2fa/authenticate/", {"code": ""})
    client.logout()

    without_password = MemberFactory()
    without_password.set_unusable_password()
    without_password.save()
    client.force_login(without_password)
    visit("choose a first password", "/accounts/password/set/")
    return pages


def test_every_sign_in_page_speaks_the_portals_words(client, django_capture_on_commit_callbacks):
    allauths_own = Path(allauth.__file__).parent
    used = set()

    def note(sender, template, **kwargs):
        origin = getattr(template.origin, "name", "") or ""
        if origin.startswith(str(allauths_own)):
            used.add(template.name)

    template_rendered.connect(note)
    try:
        pages = every_page(client, django_capture_on_commit_callbacks)
    finally:
        template_rendered.disconnect(note)
    # "Successfully signed in as <display name>." is allauth's and stays (tests/network/test_sign_in.py).
    assert used - {"account/messages/logged_in.txt"} == set(), (
        "pages still drawn with allauth's own templates"
    )
    assert len(pages) == 30
    found = {name: problems_on(html) for name, html in pages.items()}
    found = {name: problems for name, problems in found.items() if problems}
    assert not found, "\n".join(f"{name}: {problems}" for name, problems in found.items())
    with_errors = {name for name, html in pages.items() if "govuk-error-summary" in html}
    assert {name for name in pages if title_of(pages[name]).startswith("Error: ")} == with_errors
    assert with_errors == {name for name in pages if name.endswith((", empty", ", wrong", ", change"))}


@pytest.mark.xdist_group("html")  # one HTML checker run: tests/test_html_checker.py
def test_every_sign_in_page_is_valid_html(client, django_capture_on_commit_callbacks):
    assert_valid_html(every_page(client, django_capture_on_commit_callbacks))


def assert_summary(response, *expected):
    """The page came back (not a 500, not onwards) with "Error: " in its title and a summary at
    the top naming each box: (message, box id)."""
    assert response.status_code == 200
    assert title_of(response.text).startswith("Error: ")
    assert response.text.index("govuk-error-summary") < response.text.index(
        "<form", response.text.index("<main")
    )
    summary = summary_of(response.text)
    for message, box in expected:
        assert any(text.startswith(message) and target == box for text, target in summary), (message, summary)


def test_joining_with_nothing_filled_in_names_every_box(client):
    response = client.post("/accounts/signup/", {})
    assert_summary(
        response,
        ("Enter a display name", "id_display_name"),
        ("Enter your email address", "id_email"),
        ("Enter a password", "id_password1"),
        ("Type the password again, to check it", "id_password2"),
    )
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("password1", "password2", "email", "message"),
    [
        ("1234567", "1234567", "heron@example.org", "Your password needs at least 10 characters."),
        ("8273645019", "8273645019", "heron@example.org", "Your password cannot be only numbers."),
        ("password123", "password123", "heron@example.org", "That password is used by many people"),
        (
            "heron.quiet@example.org",
            "heron.quiet@example.org",
            "heron.quiet@example.org",
            "Your password is too like your email address",
        ),
        (STRONG, "something-else-entirely", "heron@example.org", "The two passwords are not the same."),
    ],
)
def test_a_weak_or_mistyped_password_says_what_is_wrong(client, password1, password2, email, message):
    data = {"display_name": "Quiet Heron", "email": email, "password1": password1, "password2": password2}
    response = client.post("/accounts/signup/", data)
    assert_summary(response, (message, "id_password2" if "not the same" in message else "id_password1"))
    assert not User.objects.exists()
    assert mail.outbox == []


def test_the_password_rules_are_said_once_as_a_hint(client, settings):
    html = client.get("/accounts/signup/").text
    hint = password_hint()
    assert hint.startswith("Use at least 10 characters.")
    assert "It cannot be like your email address, a common password or only numbers." in hint
    assert html.count(hint) == 1
    assert 'aria-describedby="id_password1-hint"' in html
    assert "<li>Your password" not in html


def test_signing_in_with_nothing_filled_in(client, member):
    assert_summary(
        client.post("/accounts/login/", {"login": "", "password": ""}),
        ("Enter your email address", "id_login"),
        ("Enter your password", "id_password"),
    )


def test_asking_for_a_reset_or_a_code_with_no_address(client):
    assert_summary(
        client.post("/accounts/password/reset/", {}), ("Enter the email address you joined with", "id_email")
    )
    assert_summary(
        client.post("/accounts/password/reset/", {"email": "not-an-email"}),
        ("Enter a valid email address", "id_email"),
    )
    assert_summary(
        client.post("/accounts/login/code/", {"email": ""}), ("Enter your email address", "id_email")
    )
    assert mail.outbox == []


def test_a_sign_in_code_page_says_how_long_the_code_works(client, member, settings):
    settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 600
    assert "The code works for 10 minutes." in client.get("/accounts/login/code/").text
    client.post("/accounts/login/code/", {"email": member.email})
    page = client.get("/accounts/login/code/confirm/").text
    assert f"We have sent a code to <strong>{member.email}</strong>. It works for 10 minutes." in page
    assert_summary(
        client.post("/accounts/login/code/confirm/", {"code": ""}),
        ("Enter the code from the email", "id_code"),
    )
    response = client.post("/accounts/login/code/confirm/", {"code": "WRONG-CODE"})
    assert_summary(response, ("That code is not right.", "id_code"))
    assert not response.context["user"].is_authenticated


def test_changing_a_password_with_the_wrong_one_changes_nothing(client, member):
    sign_in(client, member)
    assert_summary(
        client.post("/accounts/password/change/", {}),
        ("Enter the password you use now", "id_oldpassword"),
        ("Enter a new password", "id_password1"),
        ("Type the password again, to check it", "id_password2"),
    )
    data = {"oldpassword": "not-my-password", "password1": STRONG, "password2": STRONG}
    assert_summary(
        client.post("/accounts/password/change/", data),
        ("That is not the password you use now.", "id_oldpassword"),
    )
    member.refresh_from_db()
    assert member.check_password(PASSWORD)


def test_adding_an_email_address_with_nothing_filled_in(client, member):
    sign_in(client, member)
    before = EmailAddress.objects.count()
    assert_summary(
        client.post("/accounts/email/", {"action_add": "", "email": ""}),
        ("Enter the email address you want to add", "id_email"),
    )
    assert EmailAddress.objects.count() == before


def test_confirming_it_is_you_with_the_wrong_password(client, member):
    sign_in(client, member)
    assert_summary(client.post("/accounts/reauthenticate/", {}), ("Enter your password", "id_password"))
    assert_summary(
        client.post("/accounts/reauthenticate/", {"password": "nope"}),
        ("That password is not right.", "id_password"),
    )


def test_choosing_a_new_password_from_the_link(client, member):
    client.post("/accounts/password/reset/", {"email": member.email})
    form_url = client.get(re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[-1].body).group(1))["Location"]
    assert_summary(
        client.post(form_url, {}),
        ("Enter a new password", "id_password1"),
        ("Type the password again, to check it", "id_password2"),
    )
    assert_summary(
        client.post(form_url, {"password1": "short", "password2": "short"}),
        ("Your password needs at least 10 characters.", "id_password1"),
    )
    member.refresh_from_db()
    assert member.check_password(PASSWORD)


def test_an_old_reset_link_says_so_kindly(client):
    html = client.get("/accounts/password/reset/key/1-abc-123/").text
    assert "This link has stopped working" in html
    assert 'href="/accounts/password/reset/"' in html


def test_confirming_an_email_address_with_a_wrong_code(client):
    data = {
        "display_name": "Quiet Heron",
        "email": "heron@example.org",
        "password1": STRONG,
        "password2": STRONG,
    }
    client.post("/accounts/signup/", data)
    page = client.get("/accounts/confirm-email/").text
    assert "It works for 15 minutes." in page
    assert_summary(
        client.post("/accounts/confirm-email/", {"code": "ZZZZZZ"}), ("That code is not right.", "id_code")
    )
    assert not EmailAddress.objects.get(email="heron@example.org").verified
    code = code_from_last_email()
    assert client.post("/accounts/confirm-email/", {"code": code}).status_code == 302


def test_two_step_codes_left_empty_name_the_box(client, member, django_capture_on_commit_callbacks):
    sign_in(client, member)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    page = client.get("/accounts/2fa/totp/activate/").text
    assert_summary(
        client.post("/accounts/2fa/totp/activate/", {"code": ""}),
        ("Enter the 6-number code from your authenticator app", "id_code"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/2fa/totp/activate/", {"code": app_code(page)})
    client.logout()
    client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    response = client.post("/accounts/2fa/authenticate/", {"code": ""})
    assert_summary(
        response, ("Enter the 6-number code from your authenticator app, or a recovery code", "id_code")
    )
    assert not response.context["user"].is_authenticated
