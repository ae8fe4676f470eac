import pytest
from django.utils import timezone
from playwright.sync_api import expect

from network.models import GroupSession, SessionRegistration
from tests.browser.steps import sign_in, sign_out
from tests.checks import assert_accessible
from tests.factories.accounts import PASSWORD, user_with_roles
from tests.factories.network import GroupIndexPageFactory, GroupPageFactory, facilitator_of

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_sign_up_then_the_facilitator_records_who_came(page, network_settings, home_page):
    index = GroupIndexPageFactory(parent=home_page, slug="groups")
    group = GroupPageFactory(parent=index, title="Tuesday peer group")
    member = user_with_roles(profile__display_name="Kestrel")
    facilitator = facilitator_of(group)

    # The member finds the group, follows the link to sign up, signs in and comes back.
    page.goto(group.url)
    page.get_by_role("link", name="Sign up for a session").click()
    page.get_by_label("Email").fill(member.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign up for a session")
    assert_accessible(page)
    page.get_by_role("button", name="Sign up").first.click()
    expect(page.get_by_text("See you there.")).to_be_visible()
    expect(page.get_by_text("You have a place", exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Your sessions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your sessions")
    expect(page.get_by_role("link", name="Tuesday peer group")).to_be_visible()
    assert_accessible(page)

    # Their private calendar: the link to copy, and a new one when it may have got out.
    old_link = page.get_by_label("Your calendar link").input_value()
    assert "/accounts/sessions/calendar/" in old_link and old_link.endswith(".ics")
    page.get_by_role("link", name="make a new link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Make a new calendar link")
    assert_accessible(page)
    page.get_by_role("button", name="Make a new link").click()
    expect(page.get_by_text("Your calendar has a new link.")).to_be_visible()
    new_link = page.get_by_label("Your calendar link").input_value()
    assert new_link != old_link
    path = "/" + old_link.split("/", 3)[3]
    assert page.request.get(path).status == 404
    assert page.request.get("/" + new_link.split("/", 3)[3]).status == 200
    assert_accessible(page)
    sign_out(page)

    # The session has started: the facilitator records who came and one walk-in.
    registration = SessionRegistration.objects.get(member=member)
    now = timezone.now().replace(microsecond=0)
    GroupSession.objects.filter(pk=registration.session_id).update(
        starts_at=now - timezone.timedelta(minutes=30), ends_at=now + timezone.timedelta(hours=1)
    )
    sign_in(page, facilitator)
    page.get_by_role("link", name="Your account").click()
    page.get_by_role("main").get_by_role("link", name="Your groups").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your groups")
    assert_accessible(page)
    page.get_by_role("main").get_by_role("list").first.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Session on")
    expect(page.get_by_role("main").get_by_role("listitem").filter(has_text="Kestrel")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Kestrel").check()
    page.get_by_label("How many people came without signing up?").fill("1")
    page.get_by_role("button", name="Save who came").click()
    expect(page.get_by_text("Who came is saved.")).to_be_visible()
    expect(page.get_by_text("Kestrel (came)")).to_be_visible()
    expect(page.get_by_text("1 person came without signing up.")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # The member sees that their place counted.
    sign_in(page, member)
    page.goto("/accounts/sessions/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your sessions")
    expect(page.get_by_text("You came")).to_be_visible()
    assert_accessible(page)
