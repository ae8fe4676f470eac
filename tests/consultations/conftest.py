import pytest
from django.contrib.auth.models import Group

from accounts.roles import BOARD_REPRESENTATIVES
from consultations.services import agenda_reorder
from tests.factories.accounts import user_with_roles
from tests.factories.consultations import AgendaItemFactory, ConsultationFactory


@pytest.fixture
def as_facilitator(client, facilitator):
    """The test client, signed in as a facilitator."""
    client.force_login(facilitator)
    return client


@pytest.fixture
def board_rep(db):
    return user_with_roles(BOARD_REPRESENTATIVES)


@pytest.fixture
def peer_group(db):
    return Group.objects.create(name="Tuesday peer group")


class BoardWorld:
    """A board with one representative, a closed consultation feeding it (two themes, ranked
    priorities, votes), an open one, and a planned meeting. Plus people who must not get in."""


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded and made files go to a folder of this test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT


@pytest.fixture
def board_world(db):
    from tests.factories.consultations import (
        BoardFactory,
        BoardMeetingFactory,
        InRoomTallyFactory,
        PriorityFactory,
        ThemeFactory,
        VoteFactory,
    )

    world = BoardWorld()
    world.rep = user_with_roles(BOARD_REPRESENTATIVES)
    world.other_rep = user_with_roles(BOARD_REPRESENTATIVES)
    world.board = BoardFactory(name="Portskerry partnership", representatives=[world.rep])
    world.other_board = BoardFactory(name="Mainland partnership", representatives=[world.other_rep])
    world.meeting = BoardMeetingFactory(board=world.board)
    world.other_meeting = BoardMeetingFactory(board=world.other_board)
    world.consultation = ConsultationFactory(
        closed=True, board=world.board, question="What should the hub have?"
    )
    world.open_consultation = ConsultationFactory(board=world.board)
    housing = ThemeFactory(consultation=world.consultation, name="Housing")
    health = ThemeFactory(consultation=world.consultation, name="Health")
    world.voters = [user_with_roles() for _ in range(6)]
    # Ranked: top (6 online votes), middle (2 online + 3 in the room), last (1 online vote).
    world.top = PriorityFactory(
        consultation=world.consultation, theme=housing, title="Help with housing forms"
    )
    world.middle = PriorityFactory(
        consultation=world.consultation, theme=health, title="A nurse at the drop-in"
    )
    world.last = PriorityFactory(
        consultation=world.consultation, theme=health, title='=HYPERLINK("http://evil")', explanation="-2+3"
    )
    for voter in world.voters:
        VoteFactory(priority=world.top, voter=voter)
    for voter in world.voters[:2]:
        VoteFactory(priority=world.middle, voter=voter)
    VoteFactory(priority=world.last, voter=world.voters[0])
    InRoomTallyFactory(priority=world.middle, votes=3)
    world.open_priority = PriorityFactory(consultation=world.open_consultation, title="Still open")
    return world


@pytest.fixture
def rep_client(client, board_world, media_root):
    client.force_login(board_world.rep)
    return client


@pytest.fixture
def agenda(board_world):
    first = AgendaItemFactory(meeting=board_world.meeting, title="Housing help", priorities=[board_world.top])
    second = AgendaItemFactory(
        meeting=board_world.meeting,
        title="Health at the hub",
        summary="+Members want a nurse.",
        priorities=[board_world.middle, board_world.last],
    )
    agenda_reorder(item=second, direction="up")
    return [second, first]
