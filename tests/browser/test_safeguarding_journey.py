"""From a worrying post to a recorded follow-up, as each person would go through it."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import FACILITATORS
from safeguarding.models import Case, CaseStatus, SafeguardingSettings
from safeguarding.services import SUBJECT_CASE_OPENED, SUBJECT_CASE_STILL_OPEN
from tests.browser.steps import sign_in, sign_out
from tests.checks import assert_accessible
from tests.factories.accounts import user_with_roles
from tests.factories.consultations import ConsultationFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
LEAD = "lead@example.org"
TITLE = "Evenings are the hardest"


def test_a_crisis_post_stays_a_case_until_someone_records_the_follow_up(page, site, network_settings):
    config = SafeguardingSettings.for_site(site)
    config.leads = LEAD
    config.procedure_url = "https://example.org/procedure"
    config.save()
    consultation = ConsultationFactory(question="What would make the biggest difference?")
    author = user_with_roles()
    facilitator = user_with_roles(FACILITATORS)

    # A member writes crisis words: the help box shows at once, and the lead is emailed.
    sign_in(page, author)
    page.goto(f"/consultations/{consultation.pk}/post/")
    page.get_by_label("Your priority, in a few words").fill(TITLE)
    page.get_by_label("Why it matters").fill("Some nights I want to end it all. An evening group would help.")
    page.get_by_role("button", name="Post my priority").click()
    help_box = page.get_by_role("region", name="You can talk to someone now")
    expect(help_box).to_contain_text("It sounds like things may be really hard")
    expect(help_box.get_by_role("link", name="116 123")).to_be_visible()
    assert_accessible(page)
    case = Case.objects.get()
    [email] = [m for m in mail.outbox if m.subject == SUBJECT_CASE_OPENED]
    assert email.to == [LEAD] and "end it all" not in email.body
    sign_out(page)

    # A facilitator takes the words out and publishes it: the case stays open.
    sign_in(page, facilitator)
    page.get_by_role("link", name="Moderation").click()
    page.get_by_role("link", name=TITLE).click()
    page.get_by_label("Why it matters").fill("An evening group would help.")
    page.get_by_label("What did you take out, and why?").fill("Took out words about how they feel")
    page.get_by_role("button", name="Save and keep it waiting").click()
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_text("Published.")).to_be_visible()
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN

    # Published, it has left the queue; the case has not.
    page.get_by_role("link", name="See all safeguarding cases").click()
    assert_accessible(page)
    page.get_by_role("link", name=f"Case {case.pk}: A priority").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Safeguarding case {case.pk}")
    expect(page.get_by_text("Post edited by a moderator")).to_be_visible()
    expect(page.get_by_text("Post published")).to_be_visible()
    expect(page.get_by_text("Some nights I want to end it all.")).to_be_visible()
    assert_accessible(page)

    # Nobody has recorded a follow-up a day later: the lead is emailed again.
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        call_command("escalate_safeguarding_cases", stdout=StringIO())
    assert [m.to for m in mail.outbox if m.subject == SUBJECT_CASE_STILL_OPEN] == [[LEAD]]

    # A follow-up note closes it; a note without words is refused kindly first.
    page.reload()
    page.get_by_role("button", name="Followed up: close the case").click()
    expect(page.get_by_role("alert")).to_contain_text("Write a short note to say what was done.")
    assert_accessible(page)
    page.get_by_label("What was done").fill("Rang them that evening. They are safe and seeing their GP.")
    page.get_by_role("button", name="Followed up: close the case").click()
    expect(page.get_by_text("Followed up. The case is closed.")).to_be_visible()
    expect(page.get_by_text("Rang them that evening.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Back to safeguarding cases").click()
    expect(page.get_by_text("No open cases.")).to_be_visible()
    assert_accessible(page)
    case.refresh_from_db()
    assert case.status == CaseStatus.FOLLOWED_UP
