"""After booking: the confirmation email for sessions that meet in person, "I did not get the
link" for online ones, and how many are booked in the facilitator's list of groups."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from network.booking_notifications import SUBJECT_PLACE_BOOKED
from network.models import GroupFacilitator, SessionReminder
from network.models.choices import Format
from portal.mail import site_url
from tests.factories import user_with_roles
from tests.factories.network import (
    GroupIndexPageFactory,
    GroupPageFactory,
    GroupSessionFactory,
    SessionRegistrationFactory,
    facilitator_of,
)

pytestmark = pytest.mark.django_db
SECRET_LINK = "https://video.example.org/very-private-room"
NEVER_IN_SUBJECTS = ("drug", "alcohol", "recovery", "addict", "group", "peer", "women")


@pytest.fixture
def group_index(home_page):
    return GroupIndexPageFactory(parent=home_page, slug="groups")


@pytest.fixture
def group(group_index):
    return GroupPageFactory(parent=group_index, title="Women's peer group")


@pytest.fixture
def online_group(group_index):
    return GroupPageFactory(
        parent=group_index,
        title="Online group",
        format=Format.ONLINE,
        venue=None,
        online_link=SECRET_LINK,
        # At midnight the day before: a session up to 24 hours away has its reminder due, whatever the hour.
        reminder_time=datetime.time(0),
    )


def soon(hours):
    """Half a minute past a minute: never the same moment as a session the group's weekly
    schedule makes (on the minute), which the database would refuse as a second one."""
    return timezone.now().replace(second=30, microsecond=0) + datetime.timedelta(hours=hours)


def book(client, member, session):
    client.force_login(member)
    return client.post(reverse("network:session_register", args=[session.pk]), follow=True)


def resend(client, session):
    return client.post(reverse("network:session_link_resend", args=[session.pk]), follow=True)


# The confirmation


def test_booking_an_in_person_session_confirms_when_where_and_how_to_cancel(client, group):
    member = user_with_roles()
    session = GroupSessionFactory(group=group, starts_at=soon(24 * 5))
    book(client, member, session)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    local = timezone.localtime(session.starts_at)
    assert message.to == [member.email]
    assert message.subject == SUBJECT_PLACE_BOOKED.format(day=f"{local:%A}")
    assert not any(word in message.subject.lower() for word in NEVER_IN_SUBJECTS)
    body = message.body
    assert f"{local:%A} {local.day} {local:%B}" in body
    assert "The Net Loft, 12 Harbour Street, Portskerry, PS1 2AB" in body
    assert "Up the steps from the harbour car park." in body
    assert "please cancel your place" in body and f"{site_url()}/accounts/sessions/" in body
    assert "Women's peer group" in body
    assert "online" not in body


def test_booking_twice_sends_one_confirmation(client, group):
    member = user_with_roles()
    session = GroupSessionFactory(group=group)
    book(client, member, session)
    response = book(client, member, session)
    assert "You already have a place" in response.content.decode()
    assert len(mail.outbox) == 1


def test_a_refused_booking_sends_nothing(client, group):
    member = user_with_roles()
    past = GroupSessionFactory(group=group, starts_at=soon(-2))
    cancelled = GroupSessionFactory(
        group=group, starts_at=soon(30), cancelled=True, cancellation_reason="holiday"
    )
    for session in (past, cancelled):
        response = book(client, member, session)
        assert response.status_code == 200
    assert mail.outbox == []


def test_an_online_session_gets_its_link_not_a_confirmation(client, online_group):
    member = user_with_roles()
    book(client, member, GroupSessionFactory(group=online_group, starts_at=soon(24 * 5)))
    assert mail.outbox == []


def test_a_hybrid_session_is_confirmed_and_says_the_link_comes_later(client, group_index):
    hybrid = GroupPageFactory(parent=group_index, format=Format.HYBRID, online_link=SECRET_LINK)
    member = user_with_roles()
    book(client, member, GroupSessionFactory(group=hybrid, starts_at=soon(24 * 5)))
    [message] = mail.outbox
    assert "We email you the link the day before." in message.body
    assert SECRET_LINK not in message.body


# "I did not get the link"


def test_the_link_is_sent_again_then_not_again_for_ten_minutes(client, online_group):
    member = user_with_roles()
    session = GroupSessionFactory(group=online_group, starts_at=soon(20))
    book(client, member, session)
    assert [m.to for m in mail.outbox] == [[member.email]]
    response = resend(client, session)
    page = response.content.decode()
    assert "We sent the link a few minutes ago" in page
    assert SECRET_LINK not in page
    assert len(mail.outbox) == 1

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=11)):
        page = resend(client, session).content.decode()
    assert "We have sent the link again" in page
    assert SECRET_LINK not in page
    assert len(mail.outbox) == 2
    assert mail.outbox[1].subject.startswith("A reminder for ")
    assert SECRET_LINK in mail.outbox[1].body
    assert SessionReminder.objects.count() == 1


def test_asking_before_the_link_is_due_says_when_it_comes(client, online_group):
    member = user_with_roles()
    session = GroupSessionFactory(group=online_group, starts_at=soon(24 * 6))
    SessionRegistrationFactory(session=session, member=member)
    client.force_login(member)
    page = resend(client, session).content.decode()
    assert "We send the link by email the day before the session" in page
    assert mail.outbox == []


def test_asking_in_the_window_when_the_link_never_went_sends_it(client, online_group):
    member = user_with_roles()
    session = GroupSessionFactory(group=online_group, starts_at=soon(10))
    SessionRegistrationFactory(session=session, member=member)  # made before the window opened
    client.force_login(member)
    assert "We have sent the link again" in resend(client, session).content.decode()
    assert [m.to for m in mail.outbox] == [[member.email]]


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("no place", "You do not have a place at this session"),
        ("cancelled", "This session is cancelled"),
        ("finished", "This session has finished"),
        ("in person", "meets in person only"),
        ("no link", "We do not have a link for this session yet"),
    ],
)
def test_the_link_is_not_sent_where_it_should_not_be(client, group, online_group, setup, message):
    member = user_with_roles()
    chosen = group if setup == "in person" else online_group
    if setup == "no link":
        online_group.online_link = ""
        online_group.save()
    starts = soon(-3) if setup == "finished" else soon(10)
    session = GroupSessionFactory(group=chosen, starts_at=starts, cancelled=setup == "cancelled")
    if setup != "no place":
        SessionRegistrationFactory(session=session, member=member)
    client.force_login(member)
    response = resend(client, session)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert mail.outbox == []
    assert not SessionReminder.objects.exists()


def test_bad_requests_to_the_link_button(client, online_group):
    session = GroupSessionFactory(group=online_group, starts_at=soon(10))
    url = reverse("network:session_link_resend", args=[session.pk])
    response = client.post(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    client.force_login(user_with_roles())
    assert client.get(url).status_code == 405
    assert client.post("/groups/sessions/999999/resend-link/").status_code == 404
    assert client.post("/groups/sessions/abc/resend-link/").status_code == 404
    assert mail.outbox == []


def test_your_sessions_offers_the_button_for_online_sessions_only(client, group, online_group):
    member = user_with_roles()
    online = GroupSessionFactory(group=online_group, starts_at=soon(10))
    in_person = GroupSessionFactory(group=group, starts_at=soon(10))
    SessionRegistrationFactory(session=online, member=member)
    SessionRegistrationFactory(session=in_person, member=member)
    client.force_login(member)
    page = client.get(reverse("network:my_sessions")).content.decode()
    assert page.count("I did not get the link") == 1
    assert reverse("network:session_link_resend", args=[online.pk]) in page
    assert SECRET_LINK not in page


# The facilitator's list


def test_your_groups_says_how_many_are_booked_and_is_in_the_header(client, group):
    facilitator = facilitator_of(group)
    first, _second = group.sessions.filter(starts_at__gt=timezone.now()).order_by("starts_at")[:2]
    for _ in range(3):
        SessionRegistrationFactory(session=first)
    client.force_login(facilitator)
    page = client.get(reverse("network:my_groups")).content.decode()
    assert ": 3 booked" in page and ": 0 booked" in page
    home = client.get("/").content.decode()
    header = home.split('aria-label="Search and your account"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/groups/yours/">Your groups</a>' in header
    client.force_login(user_with_roles())
    assert "Your groups" not in client.get("/").content.decode()


def test_counting_bookings_does_not_add_a_query_per_session(client, group_index):
    groups = [GroupPageFactory(parent=group_index) for _ in range(3)]
    facilitator = facilitator_of(groups[0])
    client.force_login(facilitator)
    client.get(reverse("network:my_groups"))  # warm
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("network:my_groups"))
    for group in groups[1:]:
        GroupFacilitator.objects.create(group=group, profile=facilitator.profile)
        for session in group.sessions.all()[:3]:
            SessionRegistrationFactory(session=session)
    client.get(reverse("network:my_groups"))  # the menu, read again after the content changed
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("network:my_groups"))
    assert len(many) == len(few), "\n".join(q["sql"][:150] for q in many.captured_queries)
