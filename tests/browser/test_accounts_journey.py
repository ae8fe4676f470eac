import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.checks import assert_accessible
from tests.factories.accounts import EMAILED_CODE

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "a-long-test-password-42"


def test_sign_up_verify_sign_in_and_sign_out(page):
    page.goto("/")
    page.get_by_role("navigation", name="Your account").get_by_role("link", name="Join the network").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Join the network")
    assert_accessible(page)

    page.get_by_label("Display name").fill("Quiet Heron")
    page.get_by_label("Email").fill("heron@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Join").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email for a code")
    assert_accessible(page)
    code = re.search(EMAILED_CODE, mail.outbox[-1].body, re.MULTILINE).group(1)
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Confirm").click()

    # Signed in straight after verifying; sign out, then sign in with the password.
    expect(page.get_by_role("link", name="Your account")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    expect(
        page.get_by_role("navigation", name="Your account").get_by_role("link", name="Sign in")
    ).to_be_visible()

    page.get_by_role("navigation", name="Your account").get_by_role("link", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert_accessible(page)
    page.get_by_label("Email").fill("heron@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("link", name="Your account")).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    expect(
        page.get_by_role("navigation", name="Your account").get_by_role("link", name="Join the network")
    ).to_be_visible()


def test_sign_up_errors_are_announced_and_linked(page):
    page.goto("/accounts/signup/")
    page.get_by_role("button", name="Join").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Enter a display name")
    assert_accessible(page)


def test_password_reset_page_is_accessible(page):
    page.goto("/accounts/password/reset/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Reset your password")
    assert_accessible(page)
    page.get_by_label("Email").fill("nobody@example.org")
    page.get_by_role("button", name="Send me the link").click()
    expect(page).to_have_url(re.compile(r"/accounts/password/reset/done/$"))
    assert_accessible(page)
