"""The demo can be loaded again (`make demo` on a site that has it) without making anything twice.

The package's demo (conftest.py) is loaded a second time, once, for this module; each test
compares the counts after the second load with the counts after the first. The assertions are the
ones each app's demo test made when it loaded the demo twice itself.
"""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone

from consultations.models import (
    AgendaItem,
    AgendaItemPriority,
    Board,
    BoardMeeting,
    BoardResponse,
    Consultation,
    InRoomTally,
    MeetingStatus,
    Priority,
    ResponseUpdate,
    Vote,
)
from consultations.selectors import public_responses, ranked_priorities
from home.models import HomePage
from network.models import (
    DropInPage,
    GroupPage,
    GroupSession,
    NewsPage,
    SessionRegistration,
    StandardPage,
    SupportService,
    Venue,
)
from network.models.choices import HowToJoin
from portal.models import NetworkSettings
from tests.demo import load_demo_content
from tests.shared_database import shared_rows

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def first_counts(demo, django_db_blocker):
    """How many rows of each model the first load made; then the demo is loaded again."""
    with django_db_blocker.unblock():
        counts = {model: model._default_manager.count() for model in apps.get_models()}
    with shared_rows(django_db_blocker):
        with django_db_blocker.unblock():
            load_demo_content()
        yield counts


def test_demo_content_loads_twice_without_duplicates(first_counts, site):
    User = get_user_model()
    assert User.objects.count() == 4
    assert HomePage.objects.count() == 1
    settings = NetworkSettings.for_site(site)
    assert settings.organisation_name == "Portskerry Recovery Network"
    assert len(settings.crisis_contacts) >= 3
    member = User.objects.get(email="member@example.org")
    assert member.check_password("demo-member-2026")
    assert member.profile.display_name == "Skye"
    facilitator = User.objects.get(email="facilitator@example.org")
    assert set(facilitator.groups.values_list("name", flat=True)) == {"Members", "Facilitators"}
    board = User.objects.get(email="board@example.org")
    assert "Board representatives" in board.groups.values_list("name", flat=True)
    assert User.objects.get(email="editor@example.org").is_staff


def test_demo_site_loads_twice_without_duplicates(first_counts, client):
    assert Venue.objects.count() == 1
    assert SupportService.objects.count() == 5
    assert DropInPage.objects.live().count() == 1
    assert GroupPage.objects.live().count() == 6
    assert NewsPage.objects.live().count() == 4
    assert StandardPage.objects.live().count() == 3  # the privacy notice is /privacy/, not a page
    assert GroupSession.objects.filter(group__slug="tuesday-peer-group").count() >= 13
    venue = Venue.objects.get()
    thursday = venue.opening_periods.get(weekday=3)
    assert (thursday.opens.hour, thursday.closes.hour) == (10, 19)
    tuesday_group = GroupPage.objects.get(slug="tuesday-peer-group")
    assert [f.profile.display_name for f in tuesday_group.facilitators.all()] == ["Rowan"]
    # A group people ask to join has a facilitator to answer them (not the board representative).
    for group in GroupPage.objects.exclude(how_to_join=HowToJoin.JUST_TURN_UP):
        assert [f.profile.display_name for f in group.facilitators.all()] == ["Rowan"], group.slug
    for url in [
        "/",
        "/drop-in/",
        "/groups/",
        "/groups/tuesday-peer-group/",
        "/news/",
        "/about/",
        "/privacy/",
    ]:
        assert client.get(url).status_code == 200, url


def test_demo_consultations_load_twice_without_duplicates(first_counts):
    counts = tuple(first_counts[model] for model in (Consultation, Priority, Vote, InRoomTally))
    assert counts == (
        Consultation.objects.count(),
        Priority.objects.count(),
        Vote.objects.count(),
        InRoomTally.objects.count(),
    )
    assert counts[0] == 2
    open_one = next(c for c in Consultation.objects.all() if c.is_open)
    closed_one = next(c for c in Consultation.objects.all() if c.is_closed)
    assert ranked_priorities(open_one).first().title == "Help to get to appointments on the island"
    assert ranked_priorities(closed_one).count() == 3


def test_demo_board_loads_twice_without_duplicates(first_counts):
    def counts():
        return [
            m.objects.count()
            for m in (Board, BoardMeeting, AgendaItem, AgendaItemPriority, BoardResponse, ResponseUpdate)
        ]

    first = [
        first_counts[m]
        for m in (Board, BoardMeeting, AgendaItem, AgendaItemPriority, BoardResponse, ResponseUpdate)
    ]
    assert counts() == first
    assert first[:5] == [1, 3, 3, 3, 3]
    board = Board.objects.get()
    planned = BoardMeeting.objects.get(status=MeetingStatus.PLANNED)
    assert planned.starts_at > timezone.now() and not planned.agenda_items.exists()
    assert board.name == "Portskerry Alcohol and Drug Partnership"
    assert list(board.representatives.values_list("email", flat=True)) == ["board@example.org"]
    assert Consultation.objects.get(board=board).is_closed
    assert {r.status for r in public_responses()} == {"done", "in_progress", "accepted"}


def test_demo_content_has_places_and_a_session_with_attendance(first_counts):
    User = get_user_model()
    member = User.objects.get(email="member@example.org")
    upcoming = SessionRegistration.objects.booked().filter(
        member=member, session__starts_at__gt=timezone.now()
    )
    assert sorted(upcoming.values_list("session__group__slug", flat=True)) == [
        "self-management-online",
        "tuesday-peer-group",
    ]
    recorded = GroupSession.objects.get(group__slug="tuesday-peer-group", walk_ins__gt=0)
    assert recorded.ends_at < timezone.now()
    assert recorded.registrations.filter(member=member, attended=True).exists()
    facilitator = User.objects.get(email="facilitator@example.org")
    assert facilitator.has_perm("network.run_session", recorded)
    assert not member.has_perm("network.run_session", recorded)


def test_demo_content_has_a_full_session_with_someone_waiting(first_counts):
    full = GroupSession.objects.get(group__slug="self-management-monday", places_taken__gt=0)
    assert (full.places, full.places_taken, full.registrations.booked().count()) == (2, 2, 2)
    waiting = full.registrations.waiting()
    assert [r.member.email for r in waiting] == ["member@example.org"]
    assert not GroupSession.objects.filter(group__slug="self-management-monday").exclude(places=2).exists()
