"""The forms that hold a whole consultation, in a browser, by keyboard, with axe-core on every page:
a facilitator joins a post into the priority most like it, chosen from the top of the list; a
board representative shortlists from the first priorities, then from all of them; a facilitator's
tally sheet with a word where a number should be shows it back with its error."""

import pytest
from playwright.sync_api import expect

from accounts.roles import BOARD_REPRESENTATIVES, FACILITATORS
from consultations.models import AgendaItem, PriorityStatus
from tests.browser.steps import sign_in
from tests.checks import assert_accessible
from tests.factories.accounts import user_with_roles
from tests.factories.consultations import (
    BoardFactory,
    BoardMeetingFactory,
    ConsultationFactory,
    InRoomGatheringFactory,
    PriorityFactory,
    VoteFactory,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_facilitator_joins_a_post_into_the_one_most_like_it(page, network_settings):
    facilitator = user_with_roles(FACILITATORS)
    consultation = ConsultationFactory()
    PriorityFactory(consultation=consultation, title="A cafe open late")
    bus = PriorityFactory(consultation=consultation, title="Free bus passes for groups")
    post = PriorityFactory(
        consultation=consultation,
        status=PriorityStatus.SUBMITTED,
        approved_at=None,
        title="Cheaper bus pass",
        explanation="The bus costs too much.",
    )
    sign_in(page, facilitator)
    page.goto(f"/consultations/moderation/priorities/{post.pk}/")
    choice = page.get_by_label("Join it into this priority")
    expect(choice.locator("optgroup").first).to_have_attribute("label", "Most like this one")
    expect(choice.locator("optgroup").first.locator("option")).to_have_text(["Free bus passes for groups"])
    assert_accessible(page)

    # By keyboard: the list, then the first one down, the most like it.
    choice.focus()
    page.keyboard.press("ArrowDown")
    expect(choice).to_have_value(str(bus.pk))
    page.get_by_role("button", name="Join them").click()
    expect(page.get_by_text("Joined.")).to_be_visible()
    assert_accessible(page)
    post.refresh_from_db()
    assert post.status == PriorityStatus.MERGED


def test_a_board_rep_shortlists_from_the_first_then_from_all(page, network_settings, monkeypatch):
    monkeypatch.setattr("consultations.views.board.SHORTLIST_FIRST", 1)
    rep = user_with_roles(BOARD_REPRESENTATIVES)
    board = BoardFactory(representatives=[rep])
    meeting = BoardMeetingFactory(board=board)
    consultation = ConsultationFactory(closed=True, board=board, question="What would help?")
    top = PriorityFactory(consultation=consultation, title="Evening opening")
    quiet = PriorityFactory(consultation=consultation, title="A quiet room")
    VoteFactory(priority=top)

    sign_in(page, rep)
    page.goto(f"/consultations/board/meetings/{meeting.pk}/shortlist/?consultation={consultation.pk}")
    expect(page.get_by_label("1. Evening opening", exact=False)).to_be_visible()
    expect(page.get_by_label("2. A quiet room", exact=False)).to_have_count(0)
    note = page.locator("#not-shown")
    expect(note).to_contain_text("1 more is not shown.")
    assert_accessible(page)

    note.get_by_role("link", name="Show all 2 priorities").focus()
    page.keyboard.press("Enter")
    quiet_box = page.get_by_label("2. A quiet room", exact=False)
    expect(quiet_box).to_be_visible()
    assert_accessible(page)
    quiet_box.check()
    page.get_by_label("Summary for the board").fill("Somewhere calm to wait.")
    page.get_by_role("button", name="Put it on the agenda").click()
    expect(page.get_by_text("“A quiet room” is on the agenda.")).to_be_visible()
    assert AgendaItem.objects.filter(meeting=meeting, priorities=quiet).exists()


def test_a_word_on_the_tally_sheet_is_shown_back_with_its_error(page, network_settings):
    facilitator = user_with_roles(FACILITATORS)
    consultation = ConsultationFactory()
    PriorityFactory(consultation=consultation, title="Washing machines")
    gathering = InRoomGatheringFactory(consultation=consultation)

    sign_in(page, facilitator)
    page.goto(f"/consultations/{consultation.pk}/in-room-votes/{gathering.pk}/")
    box = page.get_by_label("Washing machines")
    expect(box).to_have_attribute("inputmode", "numeric")
    box.fill("ten")
    page.get_by_role("button", name="Save in-room votes").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("link", name="Enter a whole number of votes.")).to_be_visible()
    expect(page.get_by_label("Washing machines")).to_have_value("ten")
    assert_accessible(page)


def test_a_long_tally_sheet_is_filled_in_page_by_page(page, network_settings, monkeypatch):
    monkeypatch.setattr("consultations.selectors.in_room.TALLY_PAGE_SIZE", 2)
    facilitator = user_with_roles(FACILITATORS)
    consultation = ConsultationFactory()
    for title in ("Washing machines", "A quiet room", "Evening opening"):
        PriorityFactory(consultation=consultation, title=title)
    gathering = InRoomGatheringFactory(consultation=consultation)

    sign_in(page, facilitator)
    page.goto(f"/consultations/{consultation.pk}/in-room-votes/{gathering.pk}/")
    expect(page.get_by_role("heading", name="Priorities 1 to 2 of 3")).to_be_visible()
    expect(page.get_by_label("Evening opening")).to_have_count(0)
    expect(page.get_by_role("navigation", name="Pages of the sheet")).to_be_visible()
    assert_accessible(page)

    # By keyboard: type in a box, then Enter sends the page and the next one opens.
    page.get_by_label("A quiet room").fill("4")
    page.keyboard.press("Enter")
    expect(page.get_by_text("1 count saved for")).to_be_visible()
    expect(page.get_by_role("heading", name="Priority 3 of 3")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Evening opening").fill("2")
    page.get_by_role("button", name="Save in-room votes").click()
    expect(page.get_by_text("1 count saved for")).to_be_visible()
    expect(page).to_have_url(
        f"{page.url.split('/consultations/')[0]}/consultations/{consultation.pk}/in-room-votes/entered/"
    )
    assert {t.priority.title: t.votes for t in gathering.tallies.select_related("priority")} == {
        "A quiet room": 4,
        "Evening opening": 2,
    }
