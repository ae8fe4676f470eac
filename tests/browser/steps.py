"""Steps the browser journeys share."""

from playwright.sync_api import expect

from tests.factories.accounts import PASSWORD


def sign_in(page, user, *, password=PASSWORD, expect_signed_in=True):
    """Sign in through the form, as a person would. With two-step sign-in on, pass
    expect_signed_in=False: the next page asks for the app's code."""
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    if expect_signed_in:
        expect(page.get_by_role("link", name="Your contributions")).to_be_visible()


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    expect(
        page.get_by_role("navigation", name="Your account").get_by_role("link", name="Sign in")
    ).to_be_visible()
