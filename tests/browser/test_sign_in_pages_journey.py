"""The sign-in pages and site search, in a real browser (issue 13): a bad sign-up gets one error
summary at the top of the page, focused, naming each box; a password reset; searching from the
header, on a phone as well. axe-core checks each page."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.checks import assert_accessible
from tests.factories import MemberFactory
from tests.factories.network import public_site

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "a-long-test-password-42"
PHONE = {"width": 320, "height": 640}
SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"


def test_a_bad_sign_up_is_summed_up_at_the_top_and_focused(page):
    page.goto("/accounts/signup/")
    assert_accessible(page)
    expect(page.get_by_text("Use at least 10 characters.")).to_have_count(1)
    page.get_by_label("Display name").fill("Quiet Heron")
    page.get_by_label("Email").fill("")
    page.get_by_label("Password", exact=True).fill("12345")
    page.get_by_label("Password (again)").fill("12345")
    page.get_by_role("button", name="Join").click()

    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Error: Join the network"))
    # One message a box: the first rule the password breaks.
    expect(summary.get_by_role("link")).to_have_text(
        ["Enter your email address", "Your password needs at least 10 characters."]
    )
    # The summary comes before the heading, not at the foot of the form.
    heading_top = page.get_by_role("heading", level=1).bounding_box()["y"]
    assert summary.bounding_box()["y"] < heading_top
    assert_accessible(page)

    summary.get_by_role("link", name="Enter your email address").click()
    expect(page.get_by_label("Email")).to_be_focused()
    expect(page.get_by_label("Display name")).to_have_value("Quiet Heron")


def test_asking_for_a_new_password_and_choosing_it(page):
    member = MemberFactory()
    page.goto("/accounts/login/")
    page.get_by_role("link", name="I forgot my password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reset your password")
    page.get_by_role("button", name="Send me the link").click()
    expect(page.get_by_role("alert")).to_be_focused()
    expect(page.get_by_role("alert").get_by_role("link")).to_have_text(
        ["Enter the email address you joined with"]
    )
    assert_accessible(page)

    page.get_by_label("Email address").fill(member.email)
    page.get_by_role("button", name="Send me the link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    expect(page.get_by_text("The link works once, for 3 days.")).to_be_visible()
    assert_accessible(page)

    message = mail.outbox[-1]
    assert message.subject == "Reset your password"
    link = re.search(r"https?://\S+", message.body).group(0)
    page.goto(re.sub(r"^https?://[^/]+", "", link))
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    page.get_by_label("New password", exact=True).fill("a-brand-new-password-77")
    page.get_by_label("New password (again)").fill("a-different-password-88")
    page.get_by_role("button", name="Save my new password").click()
    expect(page.get_by_role("alert")).to_contain_text("The two passwords are not the same.")
    assert_accessible(page)
    page.get_by_label("New password", exact=True).fill("a-brand-new-password-77")
    page.get_by_label("New password (again)").fill("a-brand-new-password-77")
    page.get_by_role("button", name="Save my new password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your password has been changed")
    assert_accessible(page)
    member.refresh_from_db()
    assert member.check_password("a-brand-new-password-77")


def test_searching_from_the_header_finds_the_money_advice_service(page):
    from wagtail.models import Site

    public_site(Site.objects.get(is_default_site=True).root_page.specific)
    page.goto("/")
    page.get_by_role("navigation", name="Search and your account").get_by_role("link", name="Search").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    expect(page.get_by_text("Type a word or two")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Search this site").fill("money")
    page.get_by_role("main").get_by_role("button", name="Search").click()
    result = page.get_by_role("listitem").filter(has_text="Money advice")
    expect(result).to_contain_text("Service at the drop-in")
    expect(result).to_contain_text("Free, private advice about money and benefits.")
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    assert not page.evaluate(SIDEWAYS_SCROLL), "the results scroll sideways at 320 px"
    result.get_by_role("link", name="Money advice").click()
    expect(page.get_by_role("heading", name=re.compile("Services that come to"))).to_be_visible()

    page.get_by_role("link", name="Search").click()
    page.get_by_label("Search this site").fill('%%% ( " *')
    page.get_by_role("main").get_by_role("button", name="Search").click()
    expect(page.get_by_text("Search works with words.")).to_be_visible()
    assert not page.evaluate(SIDEWAYS_SCROLL)
    assert_accessible(page)
