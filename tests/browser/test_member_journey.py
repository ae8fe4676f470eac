"""A visitor reads an open consultation, signs in from it (told why), books a session and gets
the confirmation email, then finds the email choices from the account page. An editor saves a
venue's closure and cancels the sessions it reaches. axe-core on every page."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import EDITORS
from network.models import GroupSession
from network.models.choices import CancellationReason
from tests.checks import assert_accessible
from tests.factories.accounts import PASSWORD, user_with_roles
from tests.factories.consultations import ConsultationFactory, PriorityFactory
from tests.factories.network import (
    GroupIndexPageFactory,
    GroupPageFactory,
    OpeningExceptionFactory,
    SessionRegistrationFactory,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
SUPPORT_LONGER_HOURS = re.compile(r"^Support this\s*: Longer hours$")


def test_a_visitor_reads_signs_in_books_and_chooses_emails(page, network_settings, home_page):
    consultation = ConsultationFactory(question="What would make the drop-in better?")
    named = user_with_roles(profile__display_name="Kestrel")
    PriorityFactory(consultation=consultation, title="Longer hours", author=named, show_name=True)
    PriorityFactory(consultation=consultation, title="A quiet room")
    group = GroupPageFactory(
        parent=GroupIndexPageFactory(parent=home_page, slug="groups"), title="Tuesday peer group"
    )
    member = user_with_roles(profile__display_name="Wren")

    # A visitor reads the consultation: priorities, a name only where it was chosen, no buttons.
    page.goto("/consultations/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Have your say")
    assert_accessible(page)
    page.get_by_role("link", name=consultation.question).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(consultation.question)
    expect(page.get_by_role("heading", name="Longer hours")).to_be_visible()
    expect(page.get_by_text("Kestrel")).to_be_visible()
    expect(page.get_by_text("Anonymous to other members")).to_have_count(1)
    expect(page.get_by_role("button", name="Support this")).to_have_count(0)
    assert_accessible(page)

    # "Sign in to vote": the sign-in page says why, and signing in comes back to the question.
    page.get_by_role("link", name="Sign in to vote").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(page.get_by_text("Sign in or join to vote for the priorities that matter to you.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Email").fill(member.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(consultation.question)
    expect(page.get_by_role("button", name=SUPPORT_LONGER_HOURS)).to_be_visible()
    assert_accessible(page)

    # Booking a session that meets in person sends a confirmation.
    page.goto(group.url)
    page.get_by_role("link", name="Sign up for a session").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign up for a session")
    page.get_by_role("button", name="Sign up").first.click()
    expect(page.get_by_text("See you there.")).to_be_visible()
    assert_accessible(page)
    [email] = mail.outbox
    assert email.to == [member.email]
    assert email.subject.startswith("Your place on ")
    assert "Where: The Net Loft, 12 Harbour Street" in email.body
    assert "/accounts/sessions/" in email.body and "Cancel my place" in email.body

    # The email choices, from the account page.
    page.get_by_role("link", name="Your account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    assert_accessible(page)
    page.get_by_role("link", name="Choose which emails you get").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Emails you get")
    assert_accessible(page)
    page.get_by_role("button", name="Save my choices").click()
    expect(page.get_by_text("Your email choices are saved.")).to_be_visible()

    # Their vote and nothing else on Your contributions.
    page.goto(f"/consultations/{consultation.pk}/")
    page.get_by_role("button", name=SUPPORT_LONGER_HOURS).click()
    expect(page.get_by_text("You support this.").first).to_be_visible()
    page.get_by_role("link", name="Your contributions").click()
    votes = page.get_by_role("region", name="Your votes")
    expect(votes.get_by_role("rowheader", name="Longer hours")).to_be_visible()
    expect(votes.get_by_text("Still open")).to_be_visible()
    assert_accessible(page)


def test_a_closure_saved_by_an_editor_cancels_the_sessions_it_reaches(page, network_settings, home_page):
    index = GroupIndexPageFactory(parent=home_page, slug="groups")
    first_wednesday = timezone.localdate() + datetime.timedelta(
        days=(2 - timezone.localdate().weekday()) % 7 + 7
    )
    group = GroupPageFactory(parent=index, title="Women's group", weekday=2, first_date=first_wednesday)
    session = GroupSession.objects.get(group=group, starts_at__date=first_wednesday)
    booked = SessionRegistrationFactory(session=session).member
    OpeningExceptionFactory(
        venue=group.venue, start_date=first_wednesday, end_date=first_wednesday, reason="Staff training"
    )
    editor = user_with_roles(EDITORS)

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(editor.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    page.goto(f"/admin/snippets/network/venue/edit/{group.venue.pk}/")
    page.get_by_role("button", name="Save").first.click()
    expect(page.get_by_text("1 group session is on a day The Net Loft is closed.")).to_be_visible()
    page.get_by_role("link", name="See them and choose which to cancel").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sessions on days The Net Loft is closed")
    assert_accessible(page)
    expect(page.get_by_label("Women's group", exact=False)).to_be_checked()
    page.get_by_role("button", name="Cancel the chosen sessions and email people with a place").click()
    expect(
        page.get_by_text("1 session is cancelled. Everyone with a place will get an email.")
    ).to_be_visible()
    session.refresh_from_db()
    assert session.cancelled and session.cancellation_reason == CancellationReason.VENUE_CLOSED
    [email] = mail.outbox
    assert email.to == [booked.email] and "Why: The venue is closed." in email.body
