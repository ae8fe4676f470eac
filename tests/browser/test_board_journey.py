import csv
import io

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.roles import BOARD_REPRESENTATIVES
from consultations.models import BoardMeeting, MeetingStatus
from consultations.notifications import SUBJECT_BOARD_RESPONSE
from tests.browser.steps import sign_in, sign_out
from tests.checks import assert_accessible
from tests.factories.accounts import user_with_roles
from tests.factories.consultations import (
    BoardFactory,
    BoardMeetingFactory,
    ConsultationFactory,
    PriorityFactory,
    ThemeFactory,
    VoteFactory,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
TITLE = "Evening opening at the hub"
QUESTION = "What would make the biggest difference?"
SAID = "The hub will open until 8pm on Thursdays from March."


def test_shortlist_export_respond_and_members_hear_back(page, network_settings, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    rep = user_with_roles(BOARD_REPRESENTATIVES)
    board = BoardFactory(name="Testbay Alcohol and Drug Partnership", representatives=[rep])
    meeting = BoardMeetingFactory(board=board, place="Council chambers")
    consultation = ConsultationFactory(closed=True, board=board, question=QUESTION)
    theme = ThemeFactory(consultation=consultation, name="Opening times")
    priority = PriorityFactory(consultation=consultation, theme=theme, title=TITLE)
    PriorityFactory(consultation=consultation, title="Peer support at the hospital")
    voter = user_with_roles()
    VoteFactory(priority=priority, voter=voter)

    # The representative shortlists the top priority onto the meeting's agenda.
    sign_in(page, rep)
    page.goto("/consultations/board/")
    assert_accessible(page)
    page.get_by_role("link", name="Council chambers").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Meeting on")
    assert_accessible(page)
    page.get_by_role("link", name=f"Shortlist priorities from “{QUESTION}”").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Shortlist for the agenda")
    assert_accessible(page)
    page.get_by_label(f"1. {TITLE}").check()
    page.get_by_role("button", name="Put it on the agenda").click()
    expect(page.get_by_role("link", name="Write a short summary for the board.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Summary for the board").fill("Members who work in the day cannot come to the hub.")
    page.get_by_role("button", name="Put it on the agenda").click()
    expect(page.get_by_text(f"“{TITLE}” is on the agenda.")).to_be_visible()
    expect(page.get_by_role("heading", name=f"1. {TITLE}")).to_be_visible()
    assert_accessible(page)

    # ...and downloads the agenda as a spreadsheet.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Spreadsheet (CSV) of this agenda").click()
    with open(download_info.value.path(), encoding="utf-8-sig") as downloaded:
        rows = list(csv.reader(io.StringIO(downloaded.read())))
    assert rows[0][:3] == ["Board", "Board meeting", "Item"]
    assert any(TITLE in row for row in rows)
    assert not any(voter.email in cell or rep.email in cell for row in rows for cell in row)

    # The meeting is held (staff mark it in the admin); the representative records the response.
    BoardMeeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.HELD)
    page.reload()
    page.get_by_role("link", name=f"Record the board's response to {TITLE}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The board's response")
    assert_accessible(page)
    page.get_by_label("Accepted").check()
    page.get_by_label("What the board said, in plain words").fill(SAID)
    page.get_by_label("Who is doing it").fill("Hub manager")
    page.get_by_role("button", name="Save and tell members").click()
    expect(page.get_by_text("Members who took part will get an email")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # The member who voted got an email with a neutral subject and sees the response.
    to_voter = [m for m in mail.outbox if m.to == [voter.email]]
    assert [m.subject for m in to_voter] == [SUBJECT_BOARD_RESPONSE]
    sign_in(page, voter)
    page.get_by_role("link", name="Your contributions").click()
    expect(page.get_by_role("heading", name="Things you voted for")).to_be_visible()
    expect(page.get_by_text(SAID)).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # Everyone can see it on "You said, we did".
    page.goto("/consultations/you-said-we-did/")
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.get_by_text(SAID)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Status").select_option(label="Done")
    page.get_by_role("button", name="Show responses").click()
    expect(page.get_by_text(SAID)).to_have_count(0)
    assert_accessible(page)
