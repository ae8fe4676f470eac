"""Who may shortlist, export and respond: only representatives of *that* board, and staff.

Signed-out people are sent to sign in; everyone else without permission gets 403.
"""

import pytest
from django.urls import reverse

from accounts.roles import BOARD_REPRESENTATIVES, FACILITATORS
from consultations.models import AgendaItem, BoardResponse, ExportLog, MeetingStatus
from tests.factories.accounts import UserFactory, user_with_roles
from tests.factories.consultations import AgendaItemFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "facilitator", "rep_of_another_board", "listed_but_not_a_rep", "rep", "staff"]
ALLOWED = {"rep", "staff"}


def person(world, role):
    if role == "anonymous":
        return None
    if role == "member":
        return user_with_roles()
    if role == "facilitator":
        return user_with_roles(FACILITATORS)
    if role == "rep_of_another_board":
        return world.other_rep
    if role == "listed_but_not_a_rep":
        listed = user_with_roles()
        world.board.representatives.add(listed)
        return listed
    if role == "rep":
        return world.rep
    return UserFactory(is_staff=True)


def actions(world):
    """What each action sends, what an allowed person gets, and how to tell its write is in the
    database (None for pages that only show things: they must write nothing)."""
    item = AgendaItemFactory(meeting=world.meeting, priorities=[world.top])
    later = AgendaItemFactory(meeting=world.meeting, priorities=[world.middle])
    held = AgendaItemFactory(
        meeting__board=world.board, meeting__status=MeetingStatus.HELD, priorities=[world.middle]
    )
    shortlist_data = {"consultation": world.consultation.pk, "priorities": [world.last.pk], "summary": "Why"}
    response_data = {"status": "accepted", "explanation": "Agreed."}
    meeting_url = reverse("consultations:meeting", args=[world.meeting.pk])

    def exported(export_format):
        return lambda user: ExportLog.objects.filter(user=user, format=export_format).count() == 1

    return {
        "board area": ("get", reverse("consultations:board"), None, 200, None),
        "meeting": ("get", meeting_url, None, 200, None),
        "shortlist page": (
            "get",
            reverse("consultations:shortlist", args=[world.meeting.pk]),
            None,
            200,
            None,
        ),
        "shortlist": (
            "post",
            reverse("consultations:shortlist", args=[world.meeting.pk]),
            shortlist_data,
            302,
            lambda user: AgendaItem.objects.filter(
                meeting=world.meeting, priorities=world.last, summary="Why"
            ).exists(),
        ),
        "move": (
            "post",
            reverse("consultations:agenda_item_move", args=[later.pk]),
            {"direction": "up"},
            302,
            lambda user: agenda_order(world) == [later.pk, item.pk],
        ),
        "edit item": (
            "post",
            reverse("consultations:agenda_item_edit", args=[item.pk]),
            {"title": "T", "summary": "S"},
            302,
            lambda user: AgendaItem.objects.filter(pk=item.pk, title="T", summary="S").exists(),
        ),
        "respond": (
            "post",
            reverse("consultations:response", args=[held.pk]),
            response_data,
            302,
            lambda user: BoardResponse.objects.filter(
                agenda_item=held, status="accepted", explanation="Agreed.", recorded_by=user
            ).exists(),
        ),
        "results": (
            "get",
            reverse("consultations:board_consultation", args=[world.consultation.pk]),
            None,
            200,
            None,
        ),
        "export csv": (
            "get",
            reverse("consultations:consultation_export", args=[world.consultation.pk, "csv"]),
            None,
            200,
            exported("csv"),
        ),
        "export json": (
            "get",
            reverse("consultations:meeting_export", args=[world.meeting.pk, "json"]),
            None,
            200,
            exported("json"),
        ),
        "export xlsx": (
            "post",
            reverse("consultations:meeting_export", args=[world.meeting.pk, "xlsx"]),
            {},
            302,
            exported("xlsx"),
        ),
        "board pack": (
            "get",
            reverse("consultations:board_pack", args=[world.meeting.pk]),
            None,
            200,
            exported("pack"),
        ),
    }


def agenda_order(world):
    return list(
        AgendaItem.objects.filter(meeting=world.meeting).order_by("position").values_list("pk", flat=True)
    )


def board_rows(world):
    """Everything an action on this board could write."""
    return (
        AgendaItem.objects.count(),
        BoardResponse.objects.count(),
        ExportLog.objects.count(),
        list(
            AgendaItem.objects.filter(meeting=world.meeting)
            .order_by("position")
            .values_list("pk", "position", "title", "summary")
        ),
    )


ACTION_NAMES = [
    "board area", "meeting", "shortlist page", "shortlist", "move", "edit item", "respond", "results",
    "export csv", "export json", "export xlsx", "board pack",
]  # fmt: skip
# A board representative of another board or one not in the group still reaches the board area
# (to see they are on no board), but nothing of this board.
BOARD_AREA_ALSO = {"rep_of_another_board", "listed_but_not_a_rep"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTION_NAMES)
def test_permission_matrix(client, board_world, media_root, role, action):
    user = person(board_world, role)
    method, url, data, allowed_status, written = actions(board_world)[action]
    if user is not None:
        client.force_login(user)
    before = (AgendaItem.objects.count(), BoardResponse.objects.count(), ExportLog.objects.count())
    rows_before = board_rows(board_world)
    response = getattr(client, method)(url, data) if data is not None else getattr(client, method)(url)
    allowed = role in ALLOWED or (action == "board area" and role == "rep_of_another_board")
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        assert board_rows(board_world) == rows_before
    elif allowed:
        assert response.status_code == allowed_status, response.content[:500]
        if written is None:
            assert board_rows(board_world) == rows_before
        else:
            assert written(user)
    else:
        assert response.status_code == 403
        assert (
            AgendaItem.objects.count(),
            BoardResponse.objects.count(),
            ExportLog.objects.count(),
        ) == before
        assert board_rows(board_world) == rows_before
        assert written is None or not written(user)


def test_a_board_representative_not_listed_on_this_board_sees_no_board(client, board_world):
    client.force_login(board_world.other_rep)
    page = client.get(reverse("consultations:board")).content.decode()
    assert "Mainland partnership" in page
    assert "Portskerry partnership" not in page


def test_a_rep_who_left_the_group_loses_access(client, board_world):
    board_world.rep.groups.remove(*board_world.rep.groups.filter(name=BOARD_REPRESENTATIVES))
    client.force_login(board_world.rep)
    assert client.get(reverse("consultations:meeting", args=[board_world.meeting.pk])).status_code == 403


def test_open_consultations_cannot_be_exported_even_by_staff(client, board_world):
    client.force_login(UserFactory(is_staff=True))
    url = reverse("consultations:consultation_export", args=[board_world.open_consultation.pk, "csv"])
    assert client.get(url).status_code == 403
    assert not ExportLog.objects.exists()
