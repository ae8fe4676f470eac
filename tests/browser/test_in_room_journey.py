"""A facilitator types in the dot votes counted at a group session, finds them filled in when they
come back, changes one and undoes another (issue 13), with axe-core on every page."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import FACILITATORS
from consultations.models import InRoomGathering, InRoomTally, ModerationAction, ModerationLog
from portal import times
from tests.browser.steps import sign_in
from tests.checks import assert_accessible
from tests.factories.accounts import user_with_roles
from tests.factories.consultations import ConsultationFactory, PriorityFactory
from tests.factories.network import GroupSessionFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WASHING = "A washing machine at the hub"
LIFTS = "Lifts to appointments"
NURSE = "A nurse at the drop-in"


def test_a_facilitator_enters_checks_changes_and_undoes_in_room_votes(page, network_settings):
    consultation = ConsultationFactory(question="What would make the biggest difference?")
    for title in (WASHING, LIFTS, NURSE):
        PriorityFactory(consultation=consultation, title=title)
    session = GroupSessionFactory(
        group__title="Tuesday peer group",
        starts_at=timezone.now() - timedelta(hours=3),
        ends_at=timezone.now() - timedelta(hours=2),
    )
    facilitator = user_with_roles(FACILITATORS)
    # As the list says it: the group, when it started, and the day.
    session_label = (
        f"Tuesday peer group, {times.clock(session.starts_at)}, "
        f"{times.day(timezone.localdate(session.starts_at), with_year=True)}"
    )

    sign_in(page, facilitator)
    page.goto(f"/consultations/{consultation.pk}/")
    page.get_by_role("link", name="Enter in-room votes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter in-room votes")
    assert_accessible(page)

    # Nothing chosen: the error summary says so, and nothing is made.
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("Choose where the votes were counted")
    assert_accessible(page)
    assert not InRoomGathering.objects.exists()

    # The session that ended this afternoon is in the list.
    page.get_by_label(session_label, exact=True).check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("In-room votes at Tuesday peer group")
    assert_accessible(page)
    page.get_by_label(WASHING).fill("6")
    page.get_by_label(LIFTS).fill("4")
    page.get_by_label(NURSE).fill("9")
    page.get_by_role("button", name="Save in-room votes").click()
    expect(page.get_by_text("3 counts saved for Tuesday peer group")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("In-room votes entered")
    expect(page.locator("tbody tr")).to_have_count(3)
    assert_accessible(page)
    gathering = InRoomGathering.objects.get()
    assert gathering.source == f"group-session:{session.pk}"

    # Back to the same session: the saved numbers are filled in. One box changed, the rest kept.
    page.get_by_role("link", name="Enter in-room votes for a session").click()
    page.get_by_label(session_label, exact=True).check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_label(WASHING)).to_have_value("6")
    expect(page.get_by_label(LIFTS)).to_have_value("4")
    expect(page.get_by_label(NURSE)).to_have_value("9")
    page.get_by_label(NURSE).fill("")
    page.get_by_label(LIFTS).fill("5")
    page.get_by_role("button", name="Save in-room votes").click()
    expect(page.get_by_text("1 count saved for Tuesday peer group")).to_be_visible()
    assert dict(InRoomTally.objects.values_list("priority__title", "votes")) == {
        WASHING: 6,
        LIFTS: 5,
        NURSE: 9,
    }

    # Change one count from the list.
    page.get_by_role("link", name=re.compile(f"^Change the votes for {WASHING}")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change in-room votes")
    assert_accessible(page)
    page.get_by_label("Votes").fill("-1")
    page.get_by_role("button", name="Save the change").click()
    expect(page.get_by_role("alert")).to_contain_text("Votes cannot be fewer than 0.")
    assert_accessible(page)
    page.get_by_label("Votes").fill("7")
    page.get_by_role("button", name="Save the change").click()
    expect(page.get_by_text(f"Changed: “{WASHING}” now has 7 in-room votes")).to_be_visible()

    # Undo another: a page asks first.
    page.get_by_role("link", name=re.compile(f"^Undo the votes for {NURSE}")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Undo these in-room votes?")
    assert_accessible(page)
    assert InRoomTally.objects.filter(priority__title=NURSE).exists()
    page.get_by_role("button", name="Undo these votes").click()
    expect(page.get_by_text(f"Undone: the 9 in-room votes for “{NURSE}”")).to_be_visible()
    expect(page.locator("tbody tr")).to_have_count(2)
    assert_accessible(page)

    assert dict(InRoomTally.objects.values_list("priority__title", "votes")) == {WASHING: 7, LIFTS: 5}
    logged = ModerationLog.objects.filter(actor=facilitator)
    assert logged.filter(action=ModerationAction.TALLY).count() == 5  # 3 typed in, 1 re-entered, 1 changed
    assert logged.filter(action=ModerationAction.TALLY_REMOVED).count() == 1
