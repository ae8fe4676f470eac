import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import expect

from accounts.roles import FACILITATORS
from tests.browser.steps import sign_in
from tests.checks import assert_accessible
from tests.factories.accounts import user_with_roles

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def app_code(secret, step=0):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + step))


def test_a_facilitator_sets_up_two_step_sign_in_and_uses_it(page, settings, network_settings):
    settings.TWO_FACTOR_REQUIRED_FOR_ROLES = True
    facilitator = user_with_roles(FACILITATORS)

    sign_in(page, facilitator, expect_signed_in=False)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-step sign-in")
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    assert_accessible(page)
    page.goto("/consultations/moderation/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-step sign-in")

    secret = re.search(r"[A-Z2-7]{32}", page.locator("main code").inner_text()).group(0)
    page.get_by_label("Authenticator code").fill("000000")
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    expect(page.get_by_role("alert")).to_contain_text("That code did not work")
    assert_accessible(page)
    page.get_by_label("Authenticator code").fill(app_code(secret))
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    assert_accessible(page)

    page.goto("/consultations/moderation/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Moderation")
    page.get_by_role("button", name="Sign out").click()
    expect(
        page.get_by_role("navigation", name="Your account").get_by_role("link", name="Sign in")
    ).to_be_visible()

    sign_in(page, facilitator, expect_signed_in=False)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter the code from your app")
    assert_accessible(page)
    page.get_by_label("Code").fill(app_code(secret, step=1))
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("link", name="Moderation")).to_be_visible()
