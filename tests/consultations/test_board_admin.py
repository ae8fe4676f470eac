"""Staff manage boards and meetings in the Wagtail admin and read the export record there."""

import pytest
from django.urls import reverse

from accounts.roles import BOARD_REPRESENTATIVES
from consultations.models import (
    Board,
    ExportLog,
    MeetingStatus,
)
from tests.checks import assert_valid_html
from tests.factories.accounts import user_with_roles
from tests.factories.consultations import (
    AgendaItemFactory,
    BoardMeetingFactory,
    BoardResponseFactory,
)

pytestmark = pytest.mark.django_db

BASE = "/admin/snippets/consultations/"


@pytest.mark.parametrize("model", ["board", "boardmeeting", "exportlog"])
def test_staff_listings_open(admin_client, board_world, model):
    ExportLog.objects.create(
        user=board_world.rep,
        role="Board representative",
        subject="meeting",
        object_id=1,
        description="x",
        format="csv",
    )
    assert admin_client.get(f"{BASE}{model}/").status_code == 200


def test_export_record_is_read_only_but_inspectable(admin_client, board_world):
    log = ExportLog.objects.create(
        user=board_world.rep,
        role="Board representative",
        subject="meeting",
        object_id=1,
        description="x",
        format="csv",
    )
    assert admin_client.get(f"{BASE}exportlog/inspect/{log.pk}/").status_code == 200
    for refused in (f"{BASE}exportlog/add/", f"{BASE}exportlog/edit/{log.pk}/"):
        response = admin_client.get(refused)
        assert (response.status_code, response["Location"]) == (302, "/admin/"), refused


def test_staff_add_a_board_with_a_representative(admin_client):
    rep = user_with_roles(BOARD_REPRESENTATIVES)
    not_a_rep = user_with_roles()
    response = admin_client.post(
        f"{BASE}board/add/",
        {"name": "Island partnership", "description": "", "representatives": [not_a_rep.pk]},
    )
    assert response.status_code == 200
    assert not Board.objects.exists()
    response = admin_client.post(
        f"{BASE}board/add/", {"name": "Island partnership", "description": "", "representatives": [rep.pk]}
    )
    assert response.status_code == 302
    assert list(Board.objects.get().representatives.all()) == [rep]


@pytest.mark.xdist_group("html")  # one HTML checker run: tests/test_html_checker.py
def test_board_pages_are_valid_html(client, board_world, network_settings, media_root):
    item = AgendaItemFactory(meeting=board_world.meeting, priorities=[board_world.top])
    AgendaItemFactory(meeting=board_world.meeting, priorities=[board_world.middle])
    held = BoardMeetingFactory(board=board_world.board, status=MeetingStatus.HELD)
    held_item = AgendaItemFactory(meeting=held, priorities=[board_world.last])
    BoardResponseFactory(agenda_item=held_item)
    client.force_login(board_world.rep)
    client.post(reverse("consultations:meeting_export", args=[board_world.meeting.pk, "xlsx"]))
    pages = {}
    for name, url in {
        "board area": reverse("consultations:board"),
        "results for the board": reverse(
            "consultations:board_consultation", args=[board_world.consultation.pk]
        ),
        "agenda": reverse("consultations:meeting", args=[board_world.meeting.pk]),
        "held agenda": reverse("consultations:meeting", args=[held.pk]),
        "choose": reverse("consultations:shortlist", args=[board_world.meeting.pk]),
        "shortlist": reverse("consultations:shortlist", args=[board_world.meeting.pk])
        + f"?consultation={board_world.consultation.pk}",
        "edit item": reverse("consultations:agenda_item_edit", args=[item.pk]),
        "respond": reverse("consultations:response", args=[held_item.pk]),
        "pack": reverse("consultations:board_pack", args=[board_world.meeting.pk]),
        "make a file": reverse("consultations:meeting_export", args=[board_world.meeting.pk, "pdf"]),
        "downloads": reverse("consultations:downloads"),
    }.items():
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        pages[name] = response.text
    pages["shortlist with errors"] = client.post(
        reverse("consultations:shortlist", args=[board_world.meeting.pk]),
        {"consultation": board_world.consultation.pk},
    ).text
    pages["respond with errors"] = client.post(
        reverse("consultations:response", args=[held_item.pk]), {}
    ).text
    client.force_login(board_world.top.author)
    pages["contributions"] = client.get(reverse("consultations:my_contributions")).text
    client.logout()
    pages["you said, we did"] = client.get(reverse("consultations:you_said_we_did") + "?status=bogus").text
    assert_valid_html(pages)
