"""Issue 13, in a browser: a facilitator takes a post down (first with no reason: the error is at
the top and has focus), and a board representative runs a meeting from start to finish without
an editor: adds it, shortlists (seeing what the board said before), changes the agenda item's
priorities, marks it held and records the board's response. axe-core on every page."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import BOARD_REPRESENTATIVES, FACILITATORS
from consultations import services
from consultations.models import BoardMeeting, MeetingStatus, PriorityStatus, ResponseStatus
from tests.browser.steps import sign_in, sign_out
from tests.checks import assert_accessible
from tests.factories.accounts import user_with_roles
from tests.factories.consultations import (
    AgendaItemFactory,
    BoardFactory,
    BoardMeetingFactory,
    ConsultationFactory,
    PriorityFactory,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
QUESTION = "What would make the biggest difference?"
ANSWERED = "Evening opening at the hub"
NEW = "Peer support at the hospital"
ALSO = "A nurse at the drop-in"


def test_a_facilitator_takes_a_post_down_with_a_ready_written_reason(page, network_settings):
    facilitator = user_with_roles(FACILITATORS)
    post = PriorityFactory(
        status=PriorityStatus.SUBMITTED, approved_at=None, title="Ring Dave on 07700 900123"
    )
    sign_in(page, facilitator)
    page.get_by_role("link", name="Moderation").click()
    expect(page.get_by_role("columnheader", name="Posted at")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=post.title).click()
    assert_accessible(page)

    # No reason: the page comes back with the problem at the top, focused, linked to the reasons.
    page.get_by_role("button", name="Take it down").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="Choose or write why it is being taken down.")).to_be_visible()
    assert summary.bounding_box()["y"] < page.get_by_role("heading", level=1).bounding_box()["y"]
    expect(page).to_have_title(re.compile(f"^Error: Check: {re.escape(post.title)}"))
    assert_accessible(page)
    summary.get_by_role("link", name="Choose or write why it is being taken down.").click()
    expect(page).to_have_url(f"{page.url.split('#')[0]}#id_remove-ready_0")

    # The ready-written reasons show the words the member will read; one is chosen and sent.
    reason = page.get_by_label("Your post named or described someone")
    expect(reason).to_be_visible()
    reason.check()
    page.get_by_role("button", name="Take it down").click()
    expect(page.get_by_text("Taken down.")).to_be_visible()
    assert_accessible(page)
    post.refresh_from_db()
    assert post.status == PriorityStatus.REMOVED


def test_a_board_rep_runs_a_meeting_without_an_editor(page, network_settings):
    rep = user_with_roles(BOARD_REPRESENTATIVES)
    board = BoardFactory(name="Testbay Alcohol and Drug Partnership", representatives=[rep])
    consultation = ConsultationFactory(closed=True, board=board, question=QUESTION)
    answered = PriorityFactory(
        consultation=consultation, title=ANSWERED, explanation="People work in the day."
    )
    PriorityFactory(consultation=consultation, title=NEW, explanation="Nobody visits after a stay.")
    PriorityFactory(consultation=consultation, title=ALSO, explanation="Wounds go untreated.")
    earlier = BoardMeetingFactory(
        board=board, starts_at=timezone.now() - timedelta(days=60), place="Old hall"
    )
    item = AgendaItemFactory(meeting=earlier, title="Opening hours", priorities=[answered])
    BoardMeeting.objects.filter(pk=earlier.pk).update(status=MeetingStatus.HELD)
    services.board_response_record(
        item=item, user=rep, status=ResponseStatus.IN_PROGRESS, explanation="A pilot starts in spring."
    )

    # The representative adds today's meeting for their board.
    sign_in(page, rep)
    page.goto("/consultations/board/")
    assert_accessible(page)
    page.get_by_role("link", name=f"Add a meeting of {board.name}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a meeting")
    page.get_by_role("button", name="Save the meeting").click()
    expect(page.get_by_role("link", name="Enter the day of the meeting.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Day", exact=True).fill(timezone.localdate().strftime("%-d/%-m/%Y"))
    page.get_by_label("Time", exact=True).fill("9am")
    page.get_by_label("Place", exact=True).fill("Harbour office")
    page.get_by_role("button", name="Save the meeting").click()
    expect(page.get_by_text("Meeting added.")).to_be_visible()
    expect(page.get_by_text("9am at Harbour office")).to_be_visible()
    assert_accessible(page)

    # The shortlist marks the priority the board answered before, and shows why each matters.
    page.get_by_role("link", name=f"Shortlist priorities from “{QUESTION}”").click()
    expect(page.get_by_text("Answered before: In progress").first).to_be_visible()
    expect(page.get_by_text("A pilot starts in spring.")).to_be_visible()
    expect(page.get_by_text("Why it matters: Nobody visits after a stay.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label(NEW).check()
    page.get_by_label(ALSO).check()
    page.get_by_label("Summary for the board").fill(
        "People leaving hospital need someone who has been there."
    )
    page.get_by_role("button", name="Put it on the agenda").click()
    expect(page.get_by_text(f"“{NEW}” is on the agenda.")).to_be_visible()
    assert_accessible(page)

    # One tick was wrong: the representative changes the item's priorities.
    page.get_by_role("link", name=f"Change the priorities or summary of {NEW}").click()
    expect(page.get_by_label(ALSO)).to_be_checked()
    assert_accessible(page)
    page.get_by_label(ALSO).uncheck()
    page.get_by_role("button", name="Save the agenda item").click()
    expect(page.get_by_text("Agenda item saved.")).to_be_visible()
    agenda = page.locator(".portal-agenda-item")
    expect(agenda).to_contain_text(NEW)
    expect(agenda).not_to_contain_text(ALSO)
    assert_accessible(page)

    # The meeting happens; the representative marks it held and records the board's response.
    page.get_by_role("button", name="Mark as held").click()
    expect(page.get_by_text("Marked as held.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=f"Record the board's response to {NEW}").click()
    assert_accessible(page)
    page.get_by_label("Accepted").check()
    page.get_by_label("What the board said, in plain words").fill("A peer worker will visit the ward.")
    page.get_by_role("button", name="Save and tell members").click()
    expect(page.get_by_text("Members who took part will get an email")).to_be_visible()
    assert_accessible(page)
    sign_out(page)
