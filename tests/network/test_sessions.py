"""Group sessions: signing up, the private online link, running a session, asking to join."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.roles import FACILITATORS
from network.models import GroupSession, JoinRequest, SessionRegistration
from network.models.choices import Format, HowToJoin, JoinRequestStatus
from network.notifications import (
    SUBJECT_JOIN_REQUEST_ANSWERED,
    SUBJECT_JOIN_REQUEST_RECEIVED,
    SUBJECT_SESSION_CANCELLED,
)
from tests.checks import assert_valid_html
from tests.factories import MemberFactory, user_with_roles
from tests.factories.network import (
    GroupIndexPageFactory,
    GroupPageFactory,
    GroupSessionFactory,
    JoinRequestFactory,
    SessionRegistrationFactory,
    facilitator_of,
)

pytestmark = pytest.mark.django_db
SECRET_LINK = "https://video.example.org/very-private-room"
NEUTRAL_WORDS_NEVER_IN_SUBJECTS = ("drug", "alcohol", "recovery", "addict", "group", "self-management")


@pytest.fixture
def group_index(home_page):
    return GroupIndexPageFactory(parent=home_page, slug="groups")


@pytest.fixture
def group(group_index):
    return GroupPageFactory(parent=group_index, title="Tuesday peer group")


@pytest.fixture
def online_group(group_index):
    return GroupPageFactory(
        parent=group_index, title="Online group", format=Format.ONLINE, venue=None, online_link=SECRET_LINK
    )


def soon(hours):
    return timezone.now().replace(second=30, microsecond=0) + datetime.timedelta(hours=hours)


def session_at(group, hours):
    return GroupSessionFactory(group=group, starts_at=soon(hours))


def next_session(group):
    return group.sessions.filter(starts_at__gt=timezone.now()).first()


def signed_in(client, user):
    client.force_login(user)
    return client


def sessions_url(group):
    return reverse("network:group_sessions", args=[group.pk])


def page_text(response):
    return response.content.decode()


# Signing up


def test_a_member_signs_up_and_cancels_their_place(client, group, member):
    session = next_session(group)
    signed_in(client, member)
    response = client.post(reverse("network:session_register", args=[session.pk]), follow=True)
    assert response.redirect_chain[-1][0] == sessions_url(group)
    assert "You have a place on" in page_text(response)
    assert "Cancel my place" in page_text(response)
    assert SessionRegistration.objects.filter(session=session, member=member).count() == 1

    response = client.post(reverse("network:session_unregister", args=[session.pk]), follow=True)
    assert "Your place on" in page_text(response) and "is cancelled" in page_text(response)
    assert not SessionRegistration.objects.filter(session=session, member=member).exists()


def test_signing_up_twice_keeps_one_place(client, group, member):
    session = next_session(group)
    signed_in(client, member)
    url = reverse("network:session_register", args=[session.pk])
    client.post(url)
    response = client.post(url, follow=True)
    assert "You already have a place" in page_text(response)
    assert SessionRegistration.objects.filter(session=session, member=member).count() == 1


def test_past_and_cancelled_sessions_cannot_be_signed_up_for(client, group, member):
    past = session_at(group, -48)
    cancelled = group.sessions.filter(starts_at__gt=timezone.now()).first()
    cancelled.cancelled = True
    cancelled.cancellation_reason = GroupSession.CancellationReason.HOLIDAY
    cancelled.save()
    signed_in(client, member)
    response = client.post(reverse("network:session_register", args=[past.pk]), follow=True)
    assert "already started" in page_text(response)
    response = client.post(reverse("network:session_register", args=[cancelled.pk]), follow=True)
    assert "this session is cancelled" in page_text(response)
    assert not SessionRegistration.objects.exists()
    page = page_text(client.get(sessions_url(group)))
    assert "Holiday" in page
    assert reverse("network:session_register", args=[cancelled.pk]) not in page


def test_bad_and_forged_ids_are_not_found(client, group, member, home_page):
    signed_in(client, member)
    missing = 999_999
    assert client.get(reverse("network:group_sessions", args=[missing])).status_code == 404
    assert client.get(reverse("network:group_sessions", args=[home_page.pk])).status_code == 404
    for name in ("session_register", "session_unregister", "session_cancel", "join_request_decide"):
        assert client.post(reverse(name.join(["network:", ""]), args=[missing])).status_code == 404
    assert client.get(reverse("network:run_session", args=[missing])).status_code == 404
    assert client.get("/groups/abc/sessions/").status_code == 404


def test_signed_out_people_are_sent_to_sign_in_and_back(client, group):
    url = sessions_url(group)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login")) and "next=" in response["Location"]
    session = next_session(group)
    response = client.post(reverse("network:session_register", args=[session.pk]))
    assert response["Location"].startswith(reverse("account_login"))
    assert not SessionRegistration.objects.exists()


def test_the_public_group_page_links_to_sign_up_and_stays_the_same_for_everyone(client, group, member):
    visitor_page = page_text(client.get(group.url))
    assert f'href="{sessions_url(group)}">Sign up for a session</a>' in visitor_page
    assert "csrfmiddlewaretoken" not in visitor_page and "<form" not in visitor_page.split("<main")[1]


def test_your_sessions_lists_upcoming_places_only(client, group, member):
    upcoming = SessionRegistrationFactory(session=next_session(group), member=member)
    SessionRegistrationFactory(session=session_at(group, -72), member=member)
    SessionRegistrationFactory(session=group.sessions.last())
    response = signed_in(client, member).get(reverse("network:my_sessions"))
    assert list(response.context["registrations"]) == [upcoming]
    profile = page_text(client.get(reverse("accounts:profile")))
    assert reverse("network:my_sessions") in profile
    assert reverse("network:my_groups") not in profile


# The private online link (emailed with the reminder: tests/network/test_reminders.py)


def test_the_link_is_never_on_any_page(client, online_group, member):
    session = session_at(online_group, 20)
    facilitator = facilitator_of(online_group)
    SessionRegistrationFactory(session=session, member=member)
    pages = [client.get(online_group.url)]
    signed_in(client, member)
    pages += [client.get(sessions_url(online_group)), client.get(reverse("network:my_sessions"))]
    signed_in(client, facilitator)
    pages += [
        client.get(reverse("network:run_session", args=[session.pk])),
        client.get(reverse("network:my_groups")),
        client.get(sessions_url(online_group)),
    ]
    for response in pages:
        assert response.status_code == 200
        assert SECRET_LINK not in page_text(response)
        assert "very-private-room" not in page_text(response)


# Running a session


@pytest.fixture
def past_session(group):
    return session_at(group, -1)


def test_a_facilitator_records_who_came_and_walk_ins(client, group, past_session):
    came, stayed_away = SessionRegistrationFactory.create_batch(2, session=past_session)
    facilitator = facilitator_of(group)
    url = reverse("network:run_session", args=[past_session.pk])
    page = page_text(signed_in(client, facilitator).get(url))
    assert came.member.profile.display_name in page
    assert came.member.email not in page
    response = client.post(url, {"came": [came.pk], "walk_ins": "4"}, follow=True)
    assert "Who came is saved" in page_text(response)
    came.refresh_from_db()
    stayed_away.refresh_from_db()
    past_session.refresh_from_db()
    assert (came.attended, stayed_away.attended, past_session.walk_ins) == (True, False, 4)


@pytest.mark.parametrize(
    ("walk_ins", "message"),
    [
        ("-1", "cannot be less than 0"),
        ("abc", "as a number, like 3"),
        ("100000", "can be up to 200"),
        ("", "Write how many people came"),
    ],
)
def test_bad_walk_in_numbers_change_nothing(client, group, past_session, walk_ins, message):
    registration = SessionRegistrationFactory(session=past_session)
    signed_in(client, facilitator_of(group))
    response = client.post(
        reverse("network:run_session", args=[past_session.pk]),
        {"came": [registration.pk], "walk_ins": walk_ins},
    )
    assert response.status_code == 200
    assert message in page_text(response)
    registration.refresh_from_db()
    past_session.refresh_from_db()
    assert (registration.attended, past_session.walk_ins) == (None, 0)


def test_someone_elses_registration_cannot_be_marked(client, group, past_session):
    mine = SessionRegistrationFactory(session=past_session)
    elsewhere = SessionRegistrationFactory(session=session_at(group, -30))
    signed_in(client, facilitator_of(group))
    response = client.post(
        reverse("network:run_session", args=[past_session.pk]),
        {"came": [mine.pk, elsewhere.pk], "walk_ins": "1"},
    )
    assert response.status_code == 200
    assert "Choose only people who signed up for this session" in page_text(response)
    elsewhere.refresh_from_db()
    mine.refresh_from_db()
    assert (mine.attended, elsewhere.attended) == (None, None)


def test_attendance_waits_until_the_session_starts(client, group):
    session = next_session(group)
    registration = SessionRegistrationFactory(session=session)
    signed_in(client, facilitator_of(group))
    response = client.post(
        reverse("network:run_session", args=[session.pk]),
        {"came": [registration.pk], "walk_ins": "1"},
        follow=True,
    )
    assert "once the session has started" in page_text(response)
    registration.refresh_from_db()
    assert registration.attended is None


def test_cancelling_a_session_emails_everyone_with_a_place_and_shows_publicly(client, group):
    session = next_session(group)
    registrations = SessionRegistrationFactory.create_batch(2, session=session)
    signed_in(client, facilitator_of(group))
    url = reverse("network:session_cancel", args=[session.pk])
    response = client.post(url, {"note": ""})
    assert "Choose why the session is cancelled" in page_text(response)
    assert mail.outbox == []
    response = client.post(
        url, {"reason": "room_unavailable", "note": "Sorry, the room is flooded."}, follow=True
    )
    assert "Everyone with a place will get an email" in page_text(response)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.member.email for r in registrations)
    assert {m.subject for m in mail.outbox} == {SUBJECT_SESSION_CANCELLED}
    session.refresh_from_db()
    assert session.cancelled and session.cancellation_note == "Sorry, the room is flooded."
    assert session.cancellation_reason == "room_unavailable"
    assert all("Why: The room is not available." in m.body for m in mail.outbox)
    assert all("Sorry, the room is flooded." in m.body for m in mail.outbox)
    client.logout()
    public = page_text(client.get(group.url))
    assert "The room is not available" in public
    assert "Sorry, the room is flooded." not in public


# Who may do what


@pytest.fixture
def actors(client, group, group_index):
    other_group = GroupPageFactory(parent=group_index)
    return {
        "visitor": None,
        "member": MemberFactory(),
        "facilitator of another group": facilitator_of(other_group),
        "facilitator of this group": facilitator_of(group),
        "staff": MemberFactory(is_staff=True),
        "facilitator role, no group": user_with_roles(FACILITATORS),
    }


RUNNERS = {"facilitator of this group", "staff"}
SIGNED_IN = {
    "member",
    "facilitator of another group",
    "facilitator of this group",
    "staff",
    "facilitator role, no group",
}


@pytest.mark.parametrize(
    "actor",
    [
        "visitor",
        "member",
        "facilitator of another group",
        "facilitator of this group",
        "staff",
        "facilitator role, no group",
    ],
)
def test_permission_matrix(client, actors, actor, group, past_session):
    user = actors[actor]
    if user:
        client.force_login(user)
    future = next_session(group)
    invite_group = GroupPageFactory(parent=group.get_parent(), how_to_join=HowToJoin.INVITE)
    invite_group_facilitators = {"facilitator of this group"}
    from network.models import GroupFacilitator

    GroupFacilitator.objects.create(group=invite_group, profile=actors["facilitator of this group"].profile)
    join_request = JoinRequestFactory(group=invite_group)

    def outcome(response, allowed_status):
        if response.status_code == 302 and response["Location"].startswith(reverse("account_login")):
            return "sign in"
        if response.status_code == 403:
            return 403
        assert response.status_code == allowed_status, response.status_code
        return "ok"

    expected_signed_in = "ok" if actor in SIGNED_IN else "sign in"
    expected_runner = "ok" if actor in RUNNERS else ("sign in" if actor == "visitor" else 403)
    expected_decider = (
        "ok" if actor in invite_group_facilitators | {"staff"} else ("sign in" if actor == "visitor" else 403)
    )
    results = {
        "view sessions page": outcome(client.get(sessions_url(group)), 200),
        "sign up": outcome(client.post(reverse("network:session_register", args=[future.pk])), 302),
        "run session": outcome(client.get(reverse("network:run_session", args=[past_session.pk])), 200),
        "record attendance": outcome(
            client.post(reverse("network:run_session", args=[past_session.pk]), {"walk_ins": "2"}), 302
        ),
        "cancel": outcome(
            client.post(reverse("network:session_cancel", args=[future.pk]), {"reason": "bad_weather"}), 302
        ),
        "decide join request": outcome(
            client.post(
                reverse("network:join_request_decide", args=[join_request.pk]), {"decision": "accept"}
            ),
            302,
        ),
        "see your groups": outcome(client.get(reverse("network:my_groups")), 200),
    }
    may_see_own_groups = (
        "ok"
        if actor in RUNNERS | {"facilitator of another group", "facilitator role, no group"}
        else ("sign in" if actor == "visitor" else 403)
    )
    assert results == {
        "view sessions page": expected_signed_in,
        "sign up": expected_signed_in,
        "run session": expected_runner,
        "record attendance": expected_runner,
        "cancel": expected_runner,
        "decide join request": expected_decider,
        "see your groups": may_see_own_groups,
    }
    past_session.refresh_from_db()
    future.refresh_from_db()
    join_request.refresh_from_db()
    assert (past_session.walk_ins == 2) is (actor in RUNNERS)
    assert future.cancelled is (actor in RUNNERS)
    assert (join_request.status == JoinRequestStatus.ACCEPTED) is (
        actor in invite_group_facilitators | {"staff"}
    )
    if user:
        assert SessionRegistration.objects.filter(member=user, session=future).exists()


# Asking to join


@pytest.mark.parametrize("how_to_join", [HowToJoin.INVITE, HowToJoin.REFERRAL])
def test_asking_to_join_then_signing_up_once_accepted(client, group_index, member, how_to_join):
    group = GroupPageFactory(parent=group_index, how_to_join=how_to_join)
    session = next_session(group)
    facilitator = facilitator_of(group)
    signed_in(client, member)
    page = page_text(client.get(sessions_url(group)))
    assert "Ask to join" in page and reverse("network:session_register", args=[session.pk]) not in page
    assert client.post(reverse("network:session_register", args=[session.pk])).status_code == 403

    response = client.post(reverse("network:join_request_create", args=[group.pk]), {"message": "x" * 501})
    assert "up to 500 characters" in page_text(response)
    assert not JoinRequest.objects.exists()
    response = client.post(
        reverse("network:join_request_create", args=[group.pk]),
        {"message": "My worker said to ask."},
        follow=True,
    )
    assert "A facilitator will answer you by email" in page_text(response)
    assert client.post(reverse("network:join_request_create", args=[group.pk])).status_code == 403
    assert JoinRequest.objects.get().status == JoinRequestStatus.WAITING

    signed_in(client, facilitator)
    page = page_text(client.get(reverse("network:my_groups")))
    assert member.profile.display_name in page and "My worker said to ask." in page
    assert member.email not in page
    join_request = JoinRequest.objects.get()
    client.post(reverse("network:join_request_decide", args=[join_request.pk]), {"decision": "accept"})
    response = client.post(
        reverse("network:join_request_decide", args=[join_request.pk]), {"decision": "decline"}, follow=True
    )
    assert "already been answered" in page_text(response)
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.ACCEPTED and join_request.decided_by == facilitator
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([facilitator.email], SUBJECT_JOIN_REQUEST_RECEIVED),
        ([member.email], SUBJECT_JOIN_REQUEST_ANSWERED),
    ]
    assert "My worker said" not in mail.outbox[0].body and group.title not in mail.outbox[0].body

    signed_in(client, member)
    client.post(reverse("network:session_register", args=[session.pk]))
    assert SessionRegistration.objects.filter(member=member, session=session).exists()


def test_a_declined_member_may_ask_again_but_not_sign_up(client, group_index, member):
    group = GroupPageFactory(parent=group_index, how_to_join=HowToJoin.INVITE)
    JoinRequestFactory(
        group=group, member=member, status=JoinRequestStatus.DECLINED, decided_at=timezone.now()
    )
    signed_in(client, member)
    page = page_text(client.get(sessions_url(group)))
    assert "You are welcome to ask again" in page
    assert client.post(reverse("network:session_register", args=[next_session(group).pk])).status_code == 403
    client.post(reverse("network:join_request_create", args=[group.pk]), {"message": ""})
    assert JoinRequest.objects.filter(member=member, status=JoinRequestStatus.WAITING).count() == 1


def test_a_bad_decision_changes_nothing(client, group_index):
    group = GroupPageFactory(parent=group_index, how_to_join=HowToJoin.INVITE)
    join_request = JoinRequestFactory(group=group)
    signed_in(client, facilitator_of(group))
    response = client.post(
        reverse("network:join_request_decide", args=[join_request.pk]), {"decision": "maybe"}, follow=True
    )
    assert "Choose to say yes or no" in page_text(response)
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.WAITING


# Query budgets and HTML


@pytest.mark.parametrize("how_many", [1, 6])
def test_your_groups_queries_do_not_grow_with_groups(
    client, group_index, how_many, django_assert_max_num_queries
):
    groups = GroupPageFactory.create_batch(how_many, parent=group_index)
    for each in groups:
        GroupSessionFactory(group=each, starts_at=soon(-48), ends_at=soon(-47))
        JoinRequestFactory(group=each)
    signed_in(client, user_with_roles(is_staff=True))
    # One query for all the groups' sessions, however many groups: it was two per group, then two.
    # Two more for all the groups' referrals and invitations.
    with django_assert_max_num_queries(16):
        response = client.get(reverse("network:my_groups"))
    html = page_text(response)
    for each in groups:
        assert each.title in html
    assert html.count("A worker at the hub said to ask.") == how_many


def test_your_groups_shows_the_two_sessions_just_gone_and_the_next_three(client, group_index):
    from bs4 import BeautifulSoup

    group = GroupPageFactory(parent=group_index, title="Thursday group")
    group.sessions.all().delete()
    gone = [
        GroupSessionFactory(group=group, starts_at=soon(-24 * d), ends_at=soon(-24 * d + 1))
        for d in (1, 2, 3)
    ]
    running = GroupSessionFactory(group=group, starts_at=soon(-1), ends_at=soon(1))  # not ended: to come
    ahead = [
        GroupSessionFactory(group=group, starts_at=soon(24 * d), ends_at=soon(24 * d + 1)) for d in (1, 2, 3)
    ]
    SessionRegistrationFactory.create_batch(2, session=gone[0])
    SessionRegistrationFactory(session=ahead[0])
    SessionRegistrationFactory(session=ahead[0], status="waiting")  # not booked: not counted
    other = GroupPageFactory(parent=group_index, title="Another group")
    other.sessions.all().delete()
    GroupSessionFactory(group=other, starts_at=soon(2), ends_at=soon(3))

    signed_in(client, facilitator_of(group))
    soup = BeautifulSoup(client.get(reverse("network:my_groups")).content, "html.parser")

    listed = [
        (item.a["href"], item.get_text(" ", strip=True).rsplit(": ", 1)[-1])
        for item in soup.find("h3", string="Sessions").find_next("ul").find_all("li")
    ]
    run = [
        reverse("network:run_session", args=[s.pk]) for s in (gone[1], gone[0], running, ahead[0], ahead[1])
    ]
    assert listed == list(zip(run, ["0 booked", "2 booked", "0 booked", "1 booked", "0 booked"], strict=True))


@pytest.mark.parametrize("people", [3, 30])
def test_query_budgets_do_not_grow_with_registrations(
    client, group, past_session, member, people, django_assert_max_num_queries
):
    SessionRegistrationFactory.create_batch(people, session=next_session(group))
    SessionRegistrationFactory.create_batch(people, session=past_session)
    SessionRegistrationFactory(session=next_session(group), member=member)
    signed_in(client, member)
    with django_assert_max_num_queries(20):
        assert client.get(sessions_url(group)).status_code == 200
    signed_in(client, facilitator_of(group))
    with django_assert_max_num_queries(20):
        response = client.get(reverse("network:run_session", args=[past_session.pk]))
    assert response.status_code == 200
    assert page_text(response).count("<li>Member ") == people


@pytest.mark.xdist_group("html")  # one HTML checker run: tests/test_html_checker.py
def test_every_new_page_is_valid_html(client, group, group_index, past_session, member):
    invite_group = GroupPageFactory(parent=group_index, how_to_join=HowToJoin.INVITE)
    facilitator = facilitator_of(group)
    JoinRequestFactory(group=group, member=MemberFactory())
    SessionRegistrationFactory(session=next_session(group), member=member)
    SessionRegistrationFactory(session=past_session, member=member)
    signed_in(client, member)
    documents = {
        "sessions page": client.get(sessions_url(group)),
        "sessions page, invite group": client.get(sessions_url(invite_group)),
        "join request with an error": client.post(
            reverse("network:join_request_create", args=[invite_group.pk]), {"message": "x" * 600}
        ),
        "your sessions": client.get(reverse("network:my_sessions")),
    }
    signed_in(client, facilitator)
    documents |= {
        "your groups": client.get(reverse("network:my_groups")),
        "run a past session": client.get(reverse("network:run_session", args=[past_session.pk])),
        "run a next session": client.get(reverse("network:run_session", args=[next_session(group).pk])),
        "attendance with errors": client.post(
            reverse("network:run_session", args=[past_session.pk]), {"walk_ins": "abc"}
        ),
        "cancel with errors": client.post(
            reverse("network:session_cancel", args=[next_session(group).pk]), {}
        ),
    }
    client.logout()
    documents["public group page"] = client.get(group.url)
    assert all(response.status_code == 200 for response in documents.values())
    assert_valid_html({name: page_text(response) for name, response in documents.items()})


# Private groups (security review, item 3): the session views refuse whoever the page refuses.


def private_group(group_index, restriction_type, **restriction):
    from wagtail.models import PageViewRestriction

    group = GroupPageFactory(
        parent=group_index, title="Private group", format=Format.ONLINE, venue=None, online_link=SECRET_LINK
    )
    PageViewRestriction.objects.create(page=group, restriction_type=restriction_type, **restriction)
    return group


def test_a_password_protected_group_keeps_its_sessions_to_those_who_gave_the_password(
    client, group_index, member
):
    from wagtail.models import PageViewRestriction

    group = private_group(group_index, PageViewRestriction.PASSWORD, password="tide-table")
    session = session_at(group, hours=20)
    signed_in(client, member)

    response = client.get(sessions_url(group))
    assert response.status_code == 302
    assert response["Location"] == group.url
    assert client.post(reverse("network:session_register", args=[session.pk])).status_code == 403
    assert not SessionRegistration.objects.filter(member=member).exists()
    assert not [message for message in mail.outbox if SECRET_LINK in message.body]

    restriction = group.get_view_restrictions().get()
    client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{group.pk}/",
        {"password": "tide-table", "return_url": group.url},
    )
    assert client.get(sessions_url(group)).status_code == 200
    assert client.post(reverse("network:session_register", args=[session.pk])).status_code == 302
    assert SessionRegistration.objects.filter(member=member, session=session).exists()


def test_a_group_page_for_chosen_roles_refuses_everyone_else(client, group_index, member):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    group = private_group(group_index, PageViewRestriction.GROUPS)
    group.get_view_restrictions().get().groups.set([Group.objects.get(name=FACILITATORS)])
    session = session_at(group, hours=20)
    signed_in(client, member)
    assert client.get(sessions_url(group)).status_code == 403
    assert client.post(reverse("network:session_register", args=[session.pk])).status_code == 403
    assert client.post(reverse("network:join_request_create", args=[group.pk])).status_code == 403
    assert not SessionRegistration.objects.filter(member=member).exists()
    assert not [message for message in mail.outbox if SECRET_LINK in message.body]
