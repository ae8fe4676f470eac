import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from network.booking_notifications import SUBJECT_PLACE_CAME_UP
from network.models import SessionRegistration
from tests.browser.steps import sign_in, sign_out
from tests.checks import assert_accessible
from tests.factories.accounts import user_with_roles
from tests.factories.network import (
    GroupIndexPageFactory,
    GroupPageFactory,
    SessionRegistrationFactory,
    facilitator_of,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_full_session_then_a_place_that_comes_up(page, network_settings, home_page):
    index = GroupIndexPageFactory(parent=home_page, slug="groups")
    group = GroupPageFactory(parent=index, title="Tuesday peer group", places=1)
    session = group.sessions.filter(starts_at__gt=timezone.now()).first()
    kestrel = user_with_roles(profile__display_name="Kestrel")
    SessionRegistrationFactory(session=session, member=kestrel)
    heron = user_with_roles(profile__display_name="Heron")
    facilitator = facilitator_of(group)

    # The session is full: Heron is offered the waiting list, and chooses it.
    sign_in(page, heron)
    page.goto(f"/groups/{group.pk}/sessions/")
    first_row = page.locator(".govuk-summary-list__row").first
    expect(first_row).to_contain_text("Full. You can join the waiting list")
    assert_accessible(page)
    first_row.get_by_role("button", name="Join the waiting list").click()
    expect(page.get_by_text("You are number 1. If a place comes up, it is yours")).to_have_count(2)
    expect(page.locator(".govuk-summary-list__row").first).to_contain_text("On the waiting list")
    assert_accessible(page)
    page.get_by_role("link", name="Your sessions").click()
    expect(page.get_by_text("You are number 1.")).to_be_visible()
    expect(page.get_by_role("button", name="Leave the waiting list")).to_be_visible()
    expect(page.get_by_role("button", name="I did not get the link")).to_have_count(0)
    assert_accessible(page)
    sign_out(page)

    # The facilitator sees who has a place and who is waiting; a number in words is refused kindly.
    sign_in(page, facilitator)
    page.goto(f"/groups/sessions/{session.pk}/")
    expect(page.get_by_text("1 of 1 place taken.")).to_be_visible()
    expect(page.get_by_role("heading", name="Waiting list")).to_be_visible()
    page.get_by_label("How many places are there at this session?").fill("many")
    page.get_by_role("button", name="Save places").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Write the number of places as a number, like 12.")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # Kestrel cannot come after all: the place goes to Heron, who is told by email.
    sign_in(page, kestrel)
    page.goto("/accounts/sessions/")
    page.get_by_role("button", name="Cancel my place").click()
    expect(page.get_by_text("Thank you for letting us know.")).to_be_visible()
    sign_out(page)
    assert [m.to for m in mail.outbox if m.subject == SUBJECT_PLACE_CAME_UP] == [[heron.email]]
    assert SessionRegistration.objects.get(member=heron).is_booked

    sign_in(page, heron)
    page.goto(f"/groups/{group.pk}/sessions/")
    expect(page.locator(".govuk-summary-list__row").first).to_contain_text("You have a place")
    assert_accessible(page)
