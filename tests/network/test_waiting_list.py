"""The waiting list: the first person waiting gets a freed place exactly once, and is emailed;
someone waiting gets no link, no reminder of a place and no mark for coming; and the pages say
where a person is in the queue."""

import datetime
import json

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.services import account_delete
from network import services
from network.booking_notifications import SUBJECT_PLACE_CAME_UP
from network.closures import sessions_hit_by_closures
from network.models import SessionRegistration, SessionReminder
from network.models.choices import Format, RegistrationStatus
from network.notifications import SUBJECT_SESSION_CANCELLED
from network.reminders import reminder_due_at, session_reminders_send
from tests.at_once import postgresql_only, run_together
from tests.checks import assert_valid_html
from tests.factories import MemberFactory
from tests.factories.network import (
    GroupIndexPageFactory,
    GroupPageFactory,
    GroupSessionFactory,
    OpeningExceptionFactory,
    SessionRegistrationFactory,
    facilitator_of,
)
from tests.network.reminder_helpers import FRIDAY_6PM, NOW, REMINDER_DUE

pytestmark = pytest.mark.django_db
WAITING, BOOKED = RegistrationStatus.WAITING, RegistrationStatus.BOOKED
SECRET_LINK = "https://video.example.org/very-private-room"
NEVER_IN_SUBJECTS = ("drug", "alcohol", "recovery", "addict", "group", "peer", "waiting")


@pytest.fixture
def group_index(home_page):
    return GroupIndexPageFactory(parent=home_page, slug="groups")


@pytest.fixture
def group(group_index):
    return GroupPageFactory(parent=group_index, title="Tuesday peer group", places=2)


@pytest.fixture
def full(group):
    """The next session: 2 places taken, and 3 people waiting, in the order they joined."""
    session = group.sessions.filter(starts_at__gt=timezone.now()).first()
    session.booked = SessionRegistrationFactory.create_batch(2, session=session)
    session.queue = [SessionRegistrationFactory(session=session, status=WAITING) for _ in range(3)]
    return session


def status_of(registration):
    return SessionRegistration.objects.get(pk=registration.pk).status


def counted_right(session):
    session.refresh_from_db()
    assert session.places_taken == session.registrations.booked().count()
    return session


def page_text(response):
    return response.content.decode()


# A place given up goes to the first person waiting, once


def test_a_cancelled_place_goes_to_the_first_person_waiting_and_they_are_told(client, full):
    client.force_login(full.booked[0].member)
    response = client.post(reverse("network:session_unregister", args=[full.pk]), follow=True)
    assert "is cancelled. Thank you for letting us know." in page_text(response)
    first, second, third = full.queue
    assert [status_of(r) for r in full.queue] == [BOOKED, WAITING, WAITING]
    assert counted_right(full).places_taken == 2
    [email] = mail.outbox
    assert email.to == [first.member.email]
    assert email.subject == SUBJECT_PLACE_CAME_UP
    assert not any(word in email.subject.lower() for word in NEVER_IN_SUBJECTS)
    assert "a place has come up, and it is yours" in email.body
    assert (
        "If you cannot come, please give the place up, so the next person waiting can have it." in email.body
    )
    assert "http://testserver/accounts/sessions/" in email.body
    # Giving that place up in turn passes it on to the next person.
    mail.outbox.clear()
    services.session_unregister(session=full, member=first.member)
    assert [status_of(r) for r in (second, third)] == [BOOKED, WAITING]
    assert [m.to for m in mail.outbox] == [[second.member.email]]


def test_cancelling_then_booking_again_joins_the_back_of_the_queue(full):
    leaving = full.booked[0].member
    services.session_unregister(session=full, member=leaving)
    with pytest.raises(services.SessionFull):
        services.session_register(session=full, member=leaving)
    services.session_register(session=full, member=leaving, wait_if_full=True)
    assert [status_of(r) for r in full.queue] == [BOOKED, WAITING, WAITING]
    assert list(full.registrations.waiting().values_list("member", flat=True)) == [
        full.queue[1].member_id,
        full.queue[2].member_id,
        leaving.pk,
    ]
    assert len(mail.outbox) == 1  # one place freed, one person promoted and told
    assert counted_right(full).places_taken == 2


def test_leaving_the_waiting_list_frees_no_place_and_moves_the_others_up(client, full):
    client.force_login(full.queue[0].member)
    response = client.post(reverse("network:session_unregister", args=[full.pk]), follow=True)
    assert "You have left the waiting list for" in page_text(response)
    assert [status_of(r) for r in full.queue[1:]] == [WAITING, WAITING]
    assert mail.outbox == []
    client.force_login(full.queue[2].member)
    assert "You are number 2." in page_text(client.get(reverse("network:my_sessions")))
    assert counted_right(full).places_taken == 2


def test_more_places_go_to_the_people_waiting_in_order(client, full):
    client.force_login(facilitator_of(full.group))
    response = client.post(reverse("network:session_places", args=[full.pk]), {"places": "3"}, follow=True)
    assert "3 of 3 places taken." in page_text(response)
    assert [status_of(r) for r in full.queue] == [BOOKED, WAITING, WAITING]
    assert [m.to for m in mail.outbox] == [[full.queue[0].member.email]]
    services.session_places_set(session=full, places_wanted=None)
    assert [status_of(r) for r in full.queue] == [BOOKED, BOOKED, BOOKED]
    assert len(mail.outbox) == 3
    assert counted_right(full).places_taken == 5


def test_more_places_for_the_group_go_to_the_people_waiting(full):
    group = full.group
    group.places = 4
    group.save_revision().publish()
    assert [status_of(r) for r in full.queue] == [BOOKED, BOOKED, WAITING]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.member.email for r in full.queue[:2])
    assert counted_right(full).places == 4


def test_a_place_that_comes_up_the_day_before_brings_the_reminder_with_the_link(group_index):
    group = GroupPageFactory(
        parent=group_index, format=Format.ONLINE, venue=None, online_link=SECRET_LINK, places=1
    )
    session = GroupSessionFactory(group=group, places=1, starts_at=FRIDAY_6PM)
    leaving = SessionRegistrationFactory(session=session)
    waiting = SessionRegistrationFactory(session=session, status=WAITING)
    services.session_unregister(
        session=session, member=leaving.member, now=REMINDER_DUE + datetime.timedelta(hours=1)
    )
    assert sorted(m.subject for m in mail.outbox) == sorted([SUBJECT_PLACE_CAME_UP, "A reminder for Friday"])
    assert all(m.to == [waiting.member.email] for m in mail.outbox)
    [reminder] = [m for m in mail.outbox if m.subject == "A reminder for Friday"]
    assert SECRET_LINK in reminder.body
    assert SessionReminder.objects.filter(session=session, member=waiting.member).count() == 1


def test_a_place_that_comes_up_earlier_waits_for_the_reminder(group_index):
    group = GroupPageFactory(
        parent=group_index, format=Format.ONLINE, venue=None, online_link=SECRET_LINK, places=1
    )
    session = GroupSessionFactory(group=group, places=1, starts_at=FRIDAY_6PM)
    leaving = SessionRegistrationFactory(session=session)
    waiting = SessionRegistrationFactory(session=session, status=WAITING)
    services.session_unregister(session=session, member=leaving.member, now=NOW - datetime.timedelta(days=3))
    assert [(m.subject, m.to) for m in mail.outbox] == [(SUBJECT_PLACE_CAME_UP, [waiting.member.email])]
    assert SECRET_LINK not in mail.outbox[0].body


def test_nobody_is_promoted_into_a_cancelled_session(full):
    services.session_cancel(session=full, reason=full.CancellationReason.HOLIDAY)
    assert {m.subject for m in mail.outbox} == {SUBJECT_SESSION_CANCELLED}
    # Everyone with a place and everyone waiting is told.
    everyone = [r.member.email for r in [*full.booked, *full.queue]]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(everyone)
    with pytest.raises(services.SessionError):
        services.session_places_set(session=full, places_wanted=10)
    assert [status_of(r) for r in full.queue] == [WAITING] * 3


# Someone waiting has no place: no link, no attendance, not counted


def test_someone_waiting_never_gets_the_reminder_or_the_online_link(client, group_index):
    group = GroupPageFactory(
        parent=group_index, format=Format.ONLINE, venue=None, online_link=SECRET_LINK, places=1
    )
    session = GroupSessionFactory(
        group=group, places=1, starts_at=timezone.now() + datetime.timedelta(hours=20)
    )
    booked = SessionRegistrationFactory(session=session)
    waiting = SessionRegistrationFactory(session=session, status=WAITING)
    assert session_reminders_send(now=max(timezone.now(), reminder_due_at(session))) == 1
    assert [m.to for m in mail.outbox] == [[booked.member.email]]
    client.force_login(waiting.member)
    response = client.post(reverse("network:session_link_resend", args=[session.pk]), follow=True)
    assert "You are on the waiting list for this session." in page_text(response)
    assert "I did not get the link" not in page_text(response)
    assert len(mail.outbox) == 1
    assert SECRET_LINK not in page_text(response)


def test_only_people_with_a_place_are_on_the_attendance_form(client, group):
    session = GroupSessionFactory(
        group=group, places=1, starts_at=timezone.now() - datetime.timedelta(hours=1)
    )
    booked = SessionRegistrationFactory(session=session, member__profile__display_name="Kestrel")
    waiting = SessionRegistrationFactory(
        session=session, status=WAITING, member__profile__display_name="Heron"
    )
    client.force_login(facilitator_of(group))
    url = reverse("network:run_session", args=[session.pk])
    page = page_text(client.get(url))
    assert 'id="id_came_0"' in page and 'id="id_came_1"' not in page
    assert "<li>Heron</li>" in page.split("Waiting list")[1]
    response = client.post(url, {"came": [booked.pk, waiting.pk], "walk_ins": "0"})
    assert "Choose only people who signed up for this session." in page_text(response)
    with pytest.raises(services.SessionError):
        services.attendance_record(session=session, attended_ids=[waiting.pk], walk_ins=0)
    assert SessionRegistration.objects.get(pk=waiting.pk).attended is None
    services.attendance_record(session=session, attended_ids=[booked.pk], walk_ins=0)
    assert SessionRegistration.objects.get(pk=waiting.pk).attended is None


def test_counts_for_facilitators_and_editors_leave_out_the_waiting_list(client, full):
    client.force_login(facilitator_of(full.group))
    page = page_text(client.get(reverse("network:my_groups")))
    assert "2 booked" in page and "5 booked" not in page
    day = timezone.localdate(full.starts_at)
    OpeningExceptionFactory(venue=full.group.venue, start_date=day, end_date=day)
    [hit] = sessions_hit_by_closures(full.group.venue)
    assert (hit.pk, hit.booked) == (full.pk, 2)


def test_the_download_of_your_data_says_place_or_waiting_list(client, full):
    member = full.queue[0].member
    client.force_login(member)
    data = json.loads(client.get("/accounts/your-data/download/").content)
    assert [p["place"] for p in data["group_sessions"]] == ["On the waiting list"]
    services.session_unregister(session=full, member=full.booked[0].member)
    data = json.loads(client.get("/accounts/your-data/download/").content)
    assert [p["place"] for p in data["group_sessions"]] == ["Has a place"]


def test_a_deleted_account_gives_its_places_up_to_the_people_waiting(full, group):
    leaving = full.booked[0].member
    past = GroupSessionFactory(group=group, places=2, starts_at=timezone.now() - datetime.timedelta(days=7))
    SessionRegistrationFactory(session=past, member=leaving, attended=True)
    SessionRegistrationFactory(session=past, attended=True)
    account_delete(user=leaving)
    assert [status_of(r) for r in full.queue] == [BOOKED, WAITING, WAITING]
    assert [m.to for m in mail.outbox if m.subject == SUBJECT_PLACE_CAME_UP] == [[full.queue[0].member.email]]
    assert counted_right(full).places_taken == 2
    assert counted_right(past).places_taken == 1
    # A turn on the waiting list just goes.
    account_delete(user=full.queue[2].member)
    assert counted_right(full).places_taken == 2 and full.registrations.waiting().count() == 1


# What people see


def test_the_sessions_page_says_full_and_where_you_are_in_the_queue(client, full):
    url = reverse("network:group_sessions", args=[full.group.pk])
    client.force_login(MemberFactory())
    page = page_text(client.get(url))
    assert "Full. You can join the waiting list" in page
    assert reverse("network:session_waiting_list_join", args=[full.pk]) in page
    client.force_login(full.queue[1].member)
    page = page_text(client.get(url))
    assert "On the waiting list</strong> You are number 2." in page
    assert "Leave the waiting list" in page
    assert reverse("network:session_waiting_list_join", args=[full.pk]) not in page


def test_your_sessions_shows_places_and_turns_on_waiting_lists(client, full, group_index):
    member = full.queue[2].member
    other = GroupPageFactory(parent=group_index, title="Coffee morning")
    SessionRegistrationFactory(session=other.sessions.first(), member=member)
    client.force_login(member)
    page = page_text(client.get(reverse("network:my_sessions")))
    assert page.count("On the waiting list</strong> You are number 3.") == 1
    assert page.count("Leave the waiting list") == 1 and page.count("Cancel my place") == 1


@pytest.mark.parametrize("people_waiting", [1, 12])
def test_the_pages_queries_do_not_grow_with_the_waiting_list(
    client, full, people_waiting, django_assert_max_num_queries
):
    SessionRegistrationFactory.create_batch(people_waiting, session=full, status=WAITING)
    client.force_login(full.queue[1].member)
    with django_assert_max_num_queries(20):
        client.get(reverse("network:group_sessions", args=[full.group.pk]))
    with django_assert_max_num_queries(8):
        page = page_text(client.get(reverse("network:my_sessions")))
    assert "You are number 2." in page
    client.force_login(facilitator_of(full.group))
    with django_assert_max_num_queries(16):
        page = page_text(client.get(reverse("network:run_session", args=[full.pk])))
    assert page.split("Waiting list")[1].split("</ol>")[0].count("<li>") == 3 + people_waiting


@pytest.mark.xdist_group("html")  # one HTML checker run: tests/test_html_checker.py
def test_the_changed_pages_are_valid_html(client, full):
    client.force_login(full.queue[0].member)
    documents = {
        "sessions page, waiting": client.get(reverse("network:group_sessions", args=[full.group.pk])),
        "your sessions, waiting": client.get(reverse("network:my_sessions")),
    }
    client.force_login(MemberFactory())
    documents["sessions page, full"] = client.get(reverse("network:group_sessions", args=[full.group.pk]))
    client.force_login(facilitator_of(full.group))
    url = reverse("network:session_places", args=[full.pk])
    documents["run session"] = client.get(reverse("network:run_session", args=[full.pk]))
    documents["places refused"] = client.post(url, {"places": "1"})
    documents["places in words"] = client.post(url, {"places": "many"})
    assert {name: response.status_code for name, response in documents.items()} == dict.fromkeys(
        documents, 200
    )
    assert "2 people already have a place" in page_text(documents["places refused"])
    assert_valid_html({name: page_text(response) for name, response in documents.items()})


# Many at once (PostgreSQL)


@postgresql_only
def test_two_places_given_up_at_once_go_to_the_first_two_waiting_once_each(full):
    run_together(
        [lambda r=r: services.session_unregister(session=full, member=r.member) for r in full.booked]
    )
    assert [status_of(r) for r in full.queue] == [BOOKED, BOOKED, WAITING]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.member.email for r in full.queue[:2])
    assert counted_right(full).places_taken == 2


@postgresql_only
def test_a_place_given_up_while_others_sign_up_still_goes_to_the_first_waiting(full):
    newcomers = MemberFactory.create_batch(5)
    jobs = [lambda: services.session_unregister(session=full, member=full.booked[0].member)] + [
        lambda m=m: services.session_register(session=full, member=m, wait_if_full=True) for m in newcomers
    ]
    run_together(jobs)
    assert [status_of(r) for r in full.queue] == [BOOKED, WAITING, WAITING]
    assert full.registrations.waiting().count() == 2 + 5
    assert [m.to for m in mail.outbox if m.subject == SUBJECT_PLACE_CAME_UP] == [[full.queue[0].member.email]]
    assert counted_right(full).places_taken == 2
