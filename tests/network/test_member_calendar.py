"""A member's private calendar of their booked sessions: at its address only, gone after a new
link is made, only their own places, never stored by a cache."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from network.member_calendar import calendar_path
from network.models import MemberCalendar
from network.models.choices import RegistrationStatus
from tests.checks import assert_valid_html
from tests.factories.network import (
    GroupIndexPageFactory,
    GroupSessionFactory,
    SessionRegistrationFactory,
)

from .reminder_helpers import SECRET_LINK, cook_along

pytestmark = pytest.mark.django_db


@pytest.fixture
def online(home_page):
    return cook_along(GroupIndexPageFactory(parent=home_page, slug="groups"))


def soon(days):
    return timezone.now().replace(second=30, microsecond=0) + datetime.timedelta(days=days)


def events(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return {str(event["UID"]): event for event in Calendar.from_ical(response.content).walk("VEVENT")}


def address_on_your_sessions(client, member):
    client.force_login(member)
    page = client.get(reverse("network:my_sessions")).content.decode()
    client.logout()
    path = calendar_path(member)
    assert f'value="http://testserver{path}"' in page
    assert f'href="webcal://testserver{path}"' in page
    return path


def test_the_feed_holds_only_the_members_own_booked_sessions(client, member, online):
    mine = SessionRegistrationFactory(
        member=member, session=GroupSessionFactory(group=online, starts_at=soon(2))
    )
    cancelled = GroupSessionFactory(
        group=online, starts_at=soon(9), cancelled=True, cancellation_reason="holiday"
    )
    SessionRegistrationFactory(member=member, session=cancelled)
    waiting = GroupSessionFactory(group=online, starts_at=soon(16))
    SessionRegistrationFactory(member=member, session=waiting, status=RegistrationStatus.WAITING)
    someone_elses = SessionRegistrationFactory(session=GroupSessionFactory(group=online, starts_at=soon(23)))

    path = address_on_your_sessions(client, member)
    response = client.get(path)  # signed out, as a calendar app asks
    found = events(response)
    assert set(found) == {f"session-{mine.session.pk}@testserver", f"session-{cancelled.pk}@testserver"}
    assert str(found[f"session-{mine.session.pk}@testserver"]["STATUS"]) == "CONFIRMED"
    assert str(found[f"session-{cancelled.pk}@testserver"]["STATUS"]) == "CANCELLED"
    assert f"session-{someone_elses.session.pk}@" not in response.text
    # The online link comes only by email: an address kept by calendar apps never carries it.
    assert SECRET_LINK not in response.text and "very-private-room" not in response.text
    assert "Two onions" in response.text  # what to get ready is there


def test_the_feed_is_never_stored_by_a_cache(client, member, online):
    SessionRegistrationFactory(member=member, session=GroupSessionFactory(group=online, starts_at=soon(2)))
    path = calendar_path(member)
    response = client.get(path)
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    # A place given up shows at once: nothing kept an old copy.
    member.session_registrations.all().delete()
    assert events(client.get(path)) == {}


def test_a_new_link_stops_the_old_one(client, member, online):
    SessionRegistrationFactory(member=member, session=GroupSessionFactory(group=online, starts_at=soon(2)))
    old = address_on_your_sessions(client, member)
    assert client.get(old).status_code == 200

    client.force_login(member)
    page = client.get(reverse("network:member_calendar_reset")).content.decode()
    assert "The old link stops working straight away" in page
    response = client.post(reverse("network:member_calendar_reset"), follow=True)
    assert "Your calendar has a new link" in response.content.decode()
    new = calendar_path(member)
    assert new != old and f'value="http://testserver{new}"' in response.content.decode()
    assert client.get(old).status_code == 404
    assert len(events(client.get(new))) == 1
    client.post(reverse("network:member_calendar_reset"))
    assert MemberCalendar.objects.get(member=member).version == 3
    assert client.get(new).status_code == 404


@pytest.mark.parametrize(
    "token",
    ["nonsense", "1-1", "1-1:forged", "abc:def", ":", "x" * 300],
)
def test_made_up_addresses_are_not_found(client, member, token):
    assert client.get(f"/accounts/sessions/calendar/{token}.ics").status_code == 404


def test_another_members_number_in_a_signed_address_is_not_enough(client, member):
    other = SessionRegistrationFactory().member
    mine = calendar_path(member).rsplit("/", 1)[1]
    forged = mine.replace(f"{member.pk}-", f"{other.pk}-", 1)
    assert client.get(f"/accounts/sessions/calendar/{forged}").status_code == 404


def test_an_account_that_is_closed_has_no_calendar(client, member):
    path = calendar_path(member)
    member.is_active = False
    member.save()
    assert client.get(path).status_code == 404


def test_making_a_new_link_needs_signing_in_and_a_post(client, member):
    url = reverse("network:member_calendar_reset")
    response = client.post(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not MemberCalendar.objects.exists()


@pytest.mark.xdist_group("html")
def test_the_calendar_part_of_your_sessions_and_the_new_link_page_are_valid_html(client, member, online):
    SessionRegistrationFactory(member=member, session=GroupSessionFactory(group=online, starts_at=soon(2)))
    client.force_login(member)
    assert_valid_html(
        {
            "your sessions": client.get(reverse("network:my_sessions")).content.decode(),
            "new link": client.get(reverse("network:member_calendar_reset")).content.decode(),
        }
    )
