import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import FACILITATORS
from consultations.models import Consultation, Priority, PriorityStatus
from tests.browser.steps import sign_in, sign_out
from tests.checks import assert_accessible
from tests.factories.accounts import user_with_roles
from tests.factories.consultations import ConsultationFactory, PriorityFactory, ThemeFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
TITLE = "Evening opening at the hub"


def test_post_check_approve_vote_close_and_see_results(page, network_settings):
    consultation = ConsultationFactory(question="What would make the biggest difference?")
    ThemeFactory(consultation=consultation, name="Opening times")
    other = PriorityFactory(consultation=consultation, title="Peer support at the hospital")
    author, second, third = (user_with_roles() for _ in range(3))
    facilitator = user_with_roles(FACILITATORS)

    # A member posts a priority. The safety check asks them to take out a phone number.
    sign_in(page, author)
    page.goto("/consultations/")
    assert_accessible(page)
    page.get_by_role("link", name=consultation.question).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(consultation.question)
    assert_accessible(page)
    page.get_by_role("link", name="Post a priority").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Post a priority")
    assert_accessible(page)
    page.get_by_label("Your priority, in a few words").fill(TITLE)
    page.get_by_label("Why it matters").fill("People who work could come. Ring me on 07700 900123.")
    page.get_by_label("Which theme is closest?").select_option(label="Opening times")
    page.get_by_role("button", name="Post my priority").click()
    expect(page.get_by_text("We think this might include someone's details")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Why it matters").fill("People who work in the day could come in the evening.")
    page.get_by_role("button", name="Post it as it is").click()
    expect(page.get_by_text("A facilitator will check your priority soon")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your contributions")
    assert_accessible(page)
    priority = Priority.objects.get(title=TITLE)
    assert not priority.may_include_personal_details
    sign_out(page)

    # A facilitator approves it from the queue.
    sign_in(page, facilitator)
    page.get_by_role("link", name="Moderation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Moderation")
    assert_accessible(page)
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert_accessible(page)
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_text("Published.")).to_be_visible()
    assert Priority.objects.get(pk=priority.pk).status == PriorityStatus.APPROVED
    sign_out(page)

    # Three members vote; with JavaScript the page updates in place.
    for voter, choices in ((author, [TITLE]), (second, [TITLE, other.title]), (third, [TITLE])):
        sign_in(page, voter)
        page.goto(f"/consultations/{consultation.pk}/")
        for title in choices:
            with page.expect_request(lambda request: request.url.endswith("/vote/")) as sent:
                page.get_by_role("button", name=re.compile(f"^Support this.*{title}")).click()
            # A plain form, not multipart: the server reads it with less work.
            assert sent.value.headers["content-type"].startswith("application/x-www-form-urlencoded")
            assert "action=add" in sent.value.post_data
            expect(
                page.get_by_role("button", name=re.compile(f"^Take my vote back.*{title}"))
            ).to_be_visible()
        expect(page.locator("[data-votes-left-count]")).to_have_text(str(3 - len(choices)))
        # Only the script writes this: the vote went through fetch, without a page load.
        expect(page.locator("[data-vote-announcer]")).to_contain_text(
            f"You have {3 - len(choices)} of 3 votes left."
        )
        assert_accessible(page)
        sign_out(page)

    # The consultation closes; the results are ranked.
    now = timezone.now()
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_at=now - timedelta(days=8), closes_at=now - timedelta(minutes=1)
    )
    sign_in(page, second)
    page.goto(f"/consultations/{consultation.pk}/")
    expect(page.get_by_text("Voting has closed.")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Support this"))).to_have_count(0)
    page.get_by_role("link", name="Results").click()
    rows = page.locator("tbody tr")
    expect(rows.nth(0)).to_contain_text(TITLE)
    expect(rows.nth(1)).to_contain_text(other.title)
    # Three votes and three voters are counts from 1 to 4: hidden, with the reason beside them.
    expect(rows.nth(0)).to_contain_text("hidden")
    expect(page.get_by_text("We hide numbers from 1 to 4")).to_be_visible()
    assert_accessible(page)


def test_a_member_narrows_a_long_list_by_theme_and_pages_through_it(page, network_settings):
    consultation = ConsultationFactory(question="What should the hub do next?")
    housing = ThemeFactory(consultation=consultation, name="Housing")
    ThemeFactory(consultation=consultation, name="Opening times")
    for number in range(1, 31):
        PriorityFactory(consultation=consultation, theme=housing, title=f"Housing idea {number}")
    PriorityFactory(consultation=consultation, title="Open on Saturdays")
    sign_in(page, user_with_roles())

    page.goto(f"/consultations/{consultation.pk}/")
    expect(page.get_by_text("Showing 1 to 25 of 31 priorities.")).to_be_visible()
    page.get_by_label("Theme").select_option(label="Housing")
    page.get_by_role("button", name="Show priorities").click()
    expect(page.get_by_text("Showing 1 to 25 of 30 priorities about Housing.")).to_be_visible()
    expect(page.get_by_role("heading", name="Open on Saturdays")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("navigation", name="Pages of priorities").get_by_role("link", name="Next").click()
    expect(page.get_by_text("Showing 26 to 30 of 30 priorities about Housing.")).to_be_visible()
    expect(page.get_by_role("heading", name="Housing idea 30")).to_be_visible()
    expect(page.get_by_label("Theme")).to_have_value(str(housing.pk))
    assert_accessible(page)

    # Supporting a priority there keeps the member on the same page (the no-JavaScript
    # redirect back to it is tested in tests/consultations/test_views.py).
    page.get_by_role("button", name=re.compile("^Support this.*Housing idea 30$")).click()
    expect(page.locator("[data-votes-left-count]")).to_have_text("2")
    expect(page.get_by_text("Showing 26 to 30 of 30 priorities about Housing.")).to_be_visible()
