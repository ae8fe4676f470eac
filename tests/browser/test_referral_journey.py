"""A partner refers someone through their team's link; the facilitator says yes; the person
follows the invitation, makes an account and books their first session."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from network.models import PartnerTeam, SessionRegistration
from network.models.choices import HowToJoin
from tests.browser.steps import sign_in, sign_out
from tests.checks import assert_accessible
from tests.factories.accounts import PASSWORD
from tests.factories.network import GroupIndexPageFactory, GroupPageFactory, facilitator_of

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_referral_to_first_booked_session(page, network_settings, home_page, live_server):
    index = GroupIndexPageFactory(parent=home_page, slug="groups")
    group = GroupPageFactory(parent=index, title="Family support group", how_to_join=HowToJoin.REFERRAL)
    facilitator = facilitator_of(group)
    team = PartnerTeam.objects.create(name="Community Recovery Team", contact_email="team@example.org")

    # A worker from the partner team fills in the form from the team's link: first with a problem.
    page.goto(re.sub(r"^https?://[^/]+", live_server.url, team.referral_link()))
    expect(page.get_by_role("heading", level=1)).to_have_text("Refer someone to a group")
    assert_accessible(page)
    page.get_by_label("What should we call them?").fill("Sam")
    page.get_by_label("Which group?").select_option(label="Family support group")
    page.get_by_role("button", name="Send the referral").click()
    expect(page.get_by_role("alert")).to_contain_text("Give an email address or a phone number")
    assert_accessible(page)
    page.get_by_label("Their email address").fill("sam@example.org")
    page.get_by_label("Why this group?").fill("Sam would like to meet other families.")
    page.get_by_label("The person agreed to be referred").check()
    page.get_by_role("button", name="Send the referral").click()
    expect(page.get_by_text("passed the referral to the group")).to_be_visible()
    assert_accessible(page)

    # The facilitator says yes on Your groups; the invitation goes by email.
    sign_in(page, facilitator)
    page.goto("/groups/yours/")
    expect(page.get_by_text("referred by Community Recovery Team")).to_be_visible()
    assert_accessible(page)
    mail.outbox.clear()
    page.get_by_role("button", name="Say yes to the referral for Sam").click()
    expect(page.get_by_text("Sam will get an invitation by email.")).to_be_visible()
    assert_accessible(page)
    sign_out(page)
    [invitation_email] = mail.outbox
    assert invitation_email.to == ["sam@example.org"]
    link = re.search(r"https?://\S+(/join/\S+/)", invitation_email.body).group(1)

    # Sam follows the link, makes an account and books the first session.
    page.goto(live_server.url + link)
    expect(page.get_by_role("heading", level=1)).to_have_text("You are invited")
    expect(page.get_by_text("This invitation is to join Family support group.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Make your account").click()
    expect(page.get_by_label("Email address")).to_have_value("sam@example.org")
    assert_accessible(page)
    page.get_by_label("Display name").fill("Sam K")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign up for a session")
    assert_accessible(page)
    page.get_by_role("button", name="Sign up").first.click()
    expect(page.get_by_text("See you there.")).to_be_visible()
    assert_accessible(page)
    assert SessionRegistration.objects.get(member__email="sam@example.org").is_booked
