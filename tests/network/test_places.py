"""Places at group sessions: a counter kept under the session's row lock and checked by the
database, the number a facilitator or an editor sets, and what a member sees."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from accounts.roles import EDITORS
from network import services
from network.models import GroupPage, GroupSession, SessionRegistration
from network.models.choices import RegistrationStatus
from tests.at_once import postgresql_only, run_together
from tests.factories import MemberFactory, user_with_roles
from tests.factories.network import (
    GroupIndexPageFactory,
    GroupPageFactory,
    GroupSessionFactory,
    SessionRegistrationFactory,
    facilitator_of,
)

pytestmark = pytest.mark.django_db
WAITING = RegistrationStatus.WAITING


@pytest.fixture
def group_index(home_page):
    return GroupIndexPageFactory(parent=home_page, slug="groups")


@pytest.fixture
def group(group_index):
    return GroupPageFactory(parent=group_index, title="Tuesday peer group", places=3)


def next_session(group):
    return group.sessions.filter(starts_at__gt=timezone.now()).first()


def counted_right(session):
    """The counter says what the rows say, and the database's limit holds."""
    session.refresh_from_db()
    assert session.places_taken == session.registrations.booked().count()
    assert session.places is None or session.places_taken <= session.places
    return session


def statuses(session):
    return [(r.member_id, r.status) for r in session.registrations.order_by("created_at", "pk")]


def page_text(response):
    return response.content.decode()


def sign_up(client, member, session, name="network:session_register"):
    client.force_login(member)
    return client.post(reverse(name, args=[session.pk]), follow=True)


def set_places(client, session, data):
    client.force_login(facilitator_of(session.group))
    return client.post(reverse("network:session_places", args=[session.pk]), data, follow=True)


# Signing up counts places


def test_a_group_with_places_fills_up_and_then_offers_its_waiting_list(client, group):
    session = next_session(group)
    assert (session.places, session.places_taken, session.places_from_group) == (3, 0, True)
    sessions_url = reverse("network:group_sessions", args=[group.pk])
    first = MemberFactory()
    assert "3 places left" in page_text(client.force_login(first) or client.get(sessions_url))
    sign_up(client, first, session)
    for _ in range(2):
        response = sign_up(client, MemberFactory(), session)
    assert counted_right(session).places_taken == 3
    late = MemberFactory()
    response = sign_up(client, late, session)
    assert "Sorry, this session is full. You can join the waiting list" in page_text(response)
    assert not SessionRegistration.objects.filter(member=late).exists()
    assert "Join the waiting list" in page_text(response)
    assert reverse("network:session_register", args=[session.pk]) not in page_text(response)
    response = sign_up(client, late, session, name="network:session_waiting_list_join")
    assert "You are on the waiting list for" in page_text(response)
    assert "You are number 1." in page_text(response)
    assert SessionRegistration.objects.get(member=late).status == WAITING
    assert counted_right(session).places_taken == 3


def test_the_last_place_left_is_said_in_the_singular(client, group):
    session = next_session(group)
    SessionRegistrationFactory.create_batch(2, session=session)
    client.force_login(MemberFactory())
    assert "1 place left" in page_text(client.get(reverse("network:group_sessions", args=[group.pk])))


def test_joining_the_waiting_list_when_a_place_is_free_gives_the_place(client, group):
    session = next_session(group)
    member = MemberFactory()
    response = sign_up(client, member, session, name="network:session_waiting_list_join")
    assert "You have a place on" in page_text(response)
    assert SessionRegistration.objects.get(member=member).is_booked
    assert counted_right(session).places_taken == 1


def test_a_group_without_a_limit_never_fills(client, group_index):
    group = GroupPageFactory(parent=group_index)
    session = next_session(group)
    SessionRegistrationFactory.create_batch(40, session=session)
    response = sign_up(client, MemberFactory(), session)
    assert "You have a place on" in page_text(response)
    assert counted_right(session).places_taken == 41 and session.places is None
    assert "No place yet" in page_text(client.get(reverse("network:group_sessions", args=[group.pk])))


# The database refuses what the services never do


@pytest.mark.parametrize(
    "change",
    [{"places_taken": 4}, {"places_taken": -1}, {"places": 2}, {"places": 0}],
    ids=["more taken than places", "fewer than none", "places below taken", "no places"],
)
def test_the_database_refuses_over_booking(group, change):
    session = next_session(group)
    SessionRegistrationFactory.create_batch(3, session=session)
    with pytest.raises(IntegrityError), transaction.atomic():
        GroupSession.objects.filter(pk=session.pk).update(**change)
    assert counted_right(session).places_taken == 3


# The counter after every operation


def test_the_counter_equals_the_places_booked_after_every_operation(group):
    session = next_session(group)
    members = MemberFactory.create_batch(5)
    for member in members:
        services.session_register(session=session, member=member, wait_if_full=True)
        counted_right(session)
    assert [status for _member, status in statuses(session)] == ["booked"] * 3 + ["waiting"] * 2
    services.session_unregister(session=session, member=members[0])
    counted_right(session)
    services.session_unregister(session=session, member=members[4])  # leaves the waiting list
    counted_right(session)
    services.session_places_set(session=session, places_wanted=5)
    assert counted_right(session).places_taken == 3
    services.session_register(session=session, member=members[0])
    assert counted_right(session).places_taken == 4
    services.session_places_set(session=session, places_wanted=None)
    counted_right(session)
    services.session_places_set(session=session, from_group=True)
    assert counted_right(session).places == 4  # the group's 3, but nobody loses a place
    for member in members[:4]:
        services.session_unregister(session=session, member=member)
        counted_right(session)
    assert session.places_taken == 0 and not session.registrations.exists()


# The facilitator's number of places


def test_a_facilitator_sets_the_places_and_can_go_back_to_the_groups(client, group):
    session = next_session(group)
    response = set_places(client, session, {"places": "8"})
    assert "Saved. There are 8 places at this session." in page_text(response)
    assert "0 of 8 places taken." in page_text(response)
    session.refresh_from_db()
    assert (session.places, session.places_from_group) == (8, False)
    # The group's number changes: this session keeps its own; the others follow.
    group.places = 5
    group.save_revision().publish()
    session.refresh_from_db()
    assert session.places == 8
    assert set(group.sessions.exclude(pk=session.pk).values_list("places", flat=True)) == {5}
    response = set_places(client, session, {"places": "", "from_group": "True"})
    assert "Saved. There are 5 places at this session." in page_text(response)
    session.refresh_from_db()
    assert (session.places, session.places_from_group) == (5, True)
    response = set_places(client, session, {"places": ""})
    assert "There is no limit on places at this session." in page_text(response)


def test_fewer_places_than_people_with_one_is_refused_kindly(client, group):
    session = next_session(group)
    SessionRegistrationFactory.create_batch(3, session=session)
    response = set_places(client, session, {"places": "2"})
    text = page_text(response)
    assert "3 people already have a place, so there need to be at least 3 places." in text
    assert "Nobody loses a place they have." in text
    assert 'value="2"' in text  # what was typed stays, to put right
    session.refresh_from_db()
    assert (session.places, session.places_taken, session.places_from_group) == (3, 3, True)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-1", "There needs to be at least 1 place. Leave it empty for no limit."),
        ("0", "There needs to be at least 1 place. Leave it empty for no limit."),
        ("three", "Write the number of places as a number, like 12."),
        ("2.5", "Write the number of places as a number, like 12."),
        ("99999999999999999999", "The number of places can be up to 200. Please check it."),
        ("201", "The number of places can be up to 200. Please check it."),
    ],
)
def test_bad_numbers_of_places_change_nothing(client, group, typed, message):
    session = next_session(group)
    response = set_places(client, session, {"places": typed})
    assert response.status_code == 200
    assert message in page_text(response)
    assert "There is a problem" in page_text(response)
    session.refresh_from_db()
    assert (session.places, session.places_from_group) == (3, True)


def test_places_of_a_session_that_started_or_was_cancelled_stay_as_they_are(client, group):
    started = GroupSessionFactory(
        group=group, places=3, starts_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    response = set_places(client, started, {"places": "9"})
    assert "This session has already started, so its places cannot change now." in page_text(response)
    cancelled = next_session(group)
    services.session_cancel(session=cancelled, reason=GroupSession.CancellationReason.HOLIDAY)
    response = set_places(client, cancelled, {"places": "9"})
    assert "This session is cancelled, so its places cannot change." in page_text(response)
    assert set(
        GroupSession.objects.filter(pk__in=[started.pk, cancelled.pk]).values_list("places", flat=True)
    ) == {3}


def test_a_group_with_fewer_places_leaves_booked_sessions_with_the_places_they_gave(group):
    session = next_session(group)
    SessionRegistrationFactory.create_batch(3, session=session)
    group.places = 2
    group.save_revision().publish()
    assert counted_right(session).places == 3
    assert set(group.sessions.exclude(pk=session.pk).values_list("places", flat=True)) == {2}


# The editor's number of places, in the Wagtail editor


def group_form(group, places):
    return nested_form_data(
        {
            "title": group.title,
            "slug": group.slug,
            "summary": group.summary,
            "body": streamfield([]),
            "audience": group.audience,
            "format": group.format,
            "venue": group.venue_id,
            "online_link": "",
            "frequency": group.frequency,
            "weekday": group.weekday,
            "start_time": "18:00",
            "end_time": "19:30",
            "first_date": group.first_date.isoformat(),
            "last_date": "",
            "how_to_join": group.how_to_join,
            "joining_details": "",
            "places": places,
            "reminder_time": "10:00",
            "what_to_prepare": "",
            "facilitators": inline_formset([]),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-4", "There needs to be at least 1 place"),
        ("0", "There needs to be at least 1 place"),
        ("twelve", "Enter a whole number."),
        ("5000", "The number of places can be up to 200"),
    ],
)
def test_an_editor_gives_a_group_its_places_and_bad_numbers_change_nothing(client, group, typed, message):
    client.force_login(user_with_roles(EDITORS, is_staff=True, is_superuser=True))
    url = f"/admin/pages/{group.pk}/edit/"
    page = page_text(client.get(url))
    assert "Places at each session" in page
    response = client.post(url, group_form(group, typed))
    assert response.status_code == 200
    assert message in page_text(response)
    assert GroupPage.objects.get(pk=group.pk).places == 3
    assert set(group.sessions.values_list("places", flat=True)) == {3}
    response = client.post(url, group_form(group, "12"))
    assert response.status_code == 302
    assert GroupPage.objects.get(pk=group.pk).places == 12
    assert set(group.sessions.values_list("places", flat=True)) == {12}


# Query budget


@pytest.mark.parametrize("already", [0, 2])
def test_signing_up_takes_the_same_queries_however_many_have_a_place(
    client, group, already, django_assert_num_queries
):
    session = next_session(group)
    SessionRegistrationFactory.create_batch(already, session=session)
    member = MemberFactory()
    client.force_login(member)
    url = reverse("network:session_register", args=[session.pk])
    with django_assert_num_queries(SIGN_UP_QUERIES):
        response = client.post(url)
    assert response.status_code == 302
    assert counted_right(session).places_taken == already + 1


# The signed-in session and person (with their roles: 2), the session, the group page's privacy
# (2), then in one transaction (2) the locked session, their registration, the place and the
# counter (an update, so no save signals), and the confirmation email's venue. (The reminder is
# not due yet, so nothing is asked about it.)
SIGN_UP_QUERIES = 12


# Many at once (PostgreSQL)


@postgresql_only
@pytest.mark.parametrize("wait_if_full", [True, False], ids=["waiting list", "sign up only"])
def test_thirty_at_once_for_ten_places_give_ten_places(group, wait_if_full):
    session = next_session(group)
    GroupSession.objects.filter(pk=session.pk).update(places=10, places_from_group=False)
    members = MemberFactory.create_batch(30)
    outcomes = run_together(
        [
            lambda m=m: services.session_register(session=session, member=m, wait_if_full=wait_if_full)
            for m in members
        ],
        refusal=services.SessionError,
    )
    session = counted_right(session)
    assert session.places_taken == 10
    assert session.registrations.booked().count() == 10
    refused = [o for o in outcomes if isinstance(o, services.SessionFull)]
    if wait_if_full:
        assert session.registrations.waiting().count() == 20 and refused == []
    else:
        assert len(refused) == 20 and not session.registrations.waiting().exists()
