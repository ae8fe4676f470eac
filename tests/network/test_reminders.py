"""The reminder the day before, the way the coordinator sent it: once per person and per change,
at the group's time, with a calendar file; and the cancellation's calendar file."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from network import services
from network.models import GroupPage, GroupSession, SessionReminder
from network.models.choices import Format, RegistrationStatus
from network.reminder_emails import SUBJECT_REMINDER, SUBJECT_REMINDER_CHANGED
from network.session_ics import session_uid
from network.session_preparation import session_what_to_prepare_set
from portal.mail import site_url
from tests.factories.network import (
    GroupIndexPageFactory,
    GroupPageFactory,
    SessionRegistrationFactory,
)

from .reminder_helpers import (
    FRIDAY_6PM,
    LONDON,
    NEVER_IN_SUBJECTS,
    NOW,
    REMINDER_DUE,
    SECRET_LINK,
    calendar_event,
    calendar_file,
    cook_along,
    sent_to,
    session_with_places,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def thursday_morning():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def group_index(home_page):
    return GroupIndexPageFactory(parent=home_page, slug="groups")


@pytest.fixture
def online(group_index):
    return cook_along(group_index)


def run(traveller, when):
    traveller.move_to(when)
    out = StringIO()
    call_command("send_reminders", stdout=out)
    return out.getvalue()


def test_one_reminder_at_the_groups_time_the_day_before_however_often_it_runs(online, thursday_morning):
    _session, [place] = session_with_places(online)
    assert "0 reminder emails sent." in run(thursday_morning, REMINDER_DUE - datetime.timedelta(minutes=1))
    assert mail.outbox == []

    assert "1 reminder email sent." in run(thursday_morning, REMINDER_DUE)
    assert "0 reminder emails sent." in run(thursday_morning, REMINDER_DUE + datetime.timedelta(minutes=15))
    out = StringIO()
    call_command("send_reminders", stdout=out)  # a second run sends nothing twice
    assert "0 reminder emails sent." in out.getvalue()

    [message] = mail.outbox
    assert message.to == [place.member.email]
    assert message.subject == SUBJECT_REMINDER.format(day="Friday") == "A reminder for Friday"
    body = message.body
    assert "Friday 11 December, 6pm to 7:30pm (UK time)" in body
    assert SECRET_LINK in body and "Please keep the link to yourself" in body
    assert "What to get ready:\nTwo onions\nA tin of chopped tomatoes" in body
    assert f'choose "Cancel my place" here: {site_url()}/accounts/sessions/' in body
    assert "Where:" not in body
    assert SessionReminder.objects.get().sequence == 0


def test_the_group_chooses_the_time(online, thursday_morning):
    GroupPage.objects.filter(pk=online.pk).update(reminder_time=datetime.time(18, 30))
    session_with_places(online)
    run(thursday_morning, datetime.datetime(2026, 12, 10, 18, 29, tzinfo=LONDON))
    assert mail.outbox == []
    run(thursday_morning, datetime.datetime(2026, 12, 10, 18, 30, tzinfo=LONDON))
    assert len(mail.outbox) == 1


def test_people_on_the_waiting_list_and_cancelled_sessions_get_no_reminder(online, thursday_morning):
    session, _places = session_with_places(online, places=0)
    SessionRegistrationFactory(session=session, status=RegistrationStatus.WAITING)
    session_with_places(
        online,
        starts_at=FRIDAY_6PM + datetime.timedelta(hours=1),
        cancelled=True,
        cancellation_reason="holiday",
    )
    run(thursday_morning, REMINDER_DUE + datetime.timedelta(hours=1))
    assert mail.outbox == []
    assert not SessionReminder.objects.exists()


def test_a_late_run_sends_nothing_for_a_session_that_has_started(online, thursday_morning):
    session_with_places(online)
    run(thursday_morning, FRIDAY_6PM + datetime.timedelta(minutes=1))
    assert mail.outbox == []
    # Still before the start, however late after the reminder time: it goes.
    run(thursday_morning, FRIDAY_6PM - datetime.timedelta(minutes=5))
    assert len(mail.outbox) == 1


def test_a_changed_link_sends_one_changed_email_with_a_higher_sequence(online, thursday_morning):
    session, [place, other] = session_with_places(online, places=2)
    run(thursday_morning, REMINDER_DUE)
    first = {message.to[0]: calendar_event(message)[1] for message in mail.outbox}
    mail.outbox.clear()

    GroupPage.objects.filter(pk=online.pk).update(online_link=f"{SECRET_LINK}-2")
    run(thursday_morning, REMINDER_DUE + datetime.timedelta(minutes=15))
    run(thursday_morning, REMINDER_DUE + datetime.timedelta(minutes=30))
    assert sorted(m.to[0] for m in mail.outbox) == sorted([place.member.email, other.member.email])
    for message in mail.outbox:
        assert message.subject == SUBJECT_REMINDER_CHANGED.format(day="Friday")
        assert "Something has changed" in message.body and f"{SECRET_LINK}-2" in message.body
        _calendar, event = calendar_event(message)
        assert str(event["UID"]) == str(first[message.to[0]]["UID"]) == session_uid(session)
        assert (first[message.to[0]]["SEQUENCE"], event["SEQUENCE"]) == (0, 1)
    mail.outbox.clear()

    # Changed back (a mistake put right): that is a change too.
    GroupPage.objects.filter(pk=online.pk).update(online_link=SECRET_LINK)
    run(thursday_morning, REMINDER_DUE + datetime.timedelta(minutes=45))
    assert len(mail.outbox) == 2
    assert {calendar_event(message)[1]["SEQUENCE"] for message in mail.outbox} == {2}


def test_a_changed_time_sends_one_changed_email_and_people_not_yet_reminded_get_the_first(
    online, thursday_morning
):
    session, [place] = session_with_places(online)
    run(thursday_morning, REMINDER_DUE)
    late_booker = SessionRegistrationFactory(session=session)  # by a script: no email at once
    later = FRIDAY_6PM + datetime.timedelta(hours=1)
    GroupSession.objects.filter(pk=session.pk).update(
        starts_at=later, ends_at=later + datetime.timedelta(hours=2)
    )
    run(thursday_morning, REMINDER_DUE + datetime.timedelta(minutes=15))
    run(thursday_morning, REMINDER_DUE + datetime.timedelta(minutes=30))
    [changed] = sent_to(place.member.email)[1:]
    assert changed.subject == "New details for Friday"
    assert "Friday 11 December, 7pm to 9pm (UK time)" in changed.body
    _calendar, event = calendar_event(changed)
    assert event["SEQUENCE"] == 1
    assert event["DTSTART"].dt == later and event["DTEND"].dt == later + datetime.timedelta(hours=2)
    [first_for_late_booker] = sent_to(late_booker.member.email)
    assert first_for_late_booker.subject == "A reminder for Friday"


def test_a_new_list_to_get_ready_goes_to_those_already_reminded_at_once(online, thursday_morning):
    session, _places = session_with_places(online)
    run(thursday_morning, REMINDER_DUE)
    session_what_to_prepare_set(session=session, text="  Three onions \n\n A lemon ")
    [_first, changed] = mail.outbox
    assert "What to get ready:\nThree onions\nA lemon" in changed.body
    assert changed.subject == "New details for Friday"


def test_signing_up_after_the_reminder_time_sends_it_at_once_and_only_once(
    client, member, online, thursday_morning
):
    session, _places = session_with_places(online, places=0)
    thursday_morning.move_to(REMINDER_DUE + datetime.timedelta(hours=3))
    client.force_login(member)
    response = client.post(reverse("network:session_register", args=[session.pk]), follow=True)
    assert "You have a place on Friday 11 December" in response.content.decode()
    [message] = mail.outbox
    assert message.to == [member.email] and SECRET_LINK in message.body
    run(thursday_morning, REMINDER_DUE + datetime.timedelta(hours=4))
    assert len(mail.outbox) == 1


def test_in_person_and_hybrid_reminders_say_where_and_hybrid_gives_the_link_too(
    group_index, thursday_morning
):
    in_person = GroupPageFactory(parent=group_index, format=Format.IN_PERSON, online_link=SECRET_LINK)
    hybrid = GroupPageFactory(parent=group_index, format=Format.HYBRID, online_link=SECRET_LINK)
    _s, [in_person_place] = session_with_places(in_person)
    _s, [hybrid_place] = session_with_places(hybrid)
    run(thursday_morning, REMINDER_DUE)
    [in_person_email] = sent_to(in_person_place.member.email)
    [hybrid_email] = sent_to(hybrid_place.member.email)
    where = "Where: The Net Loft, 12 Harbour Street, Portskerry, PS1 2AB"
    assert where in in_person_email.body and SECRET_LINK not in in_person_email.body
    assert "What to get ready" not in in_person_email.body
    assert where in hybrid_email.body and "You can also join online with this link" in hybrid_email.body
    assert SECRET_LINK in hybrid_email.body
    _calendar, event = calendar_event(in_person_email)
    assert str(event["LOCATION"]) == "The Net Loft, 12 Harbour Street, Portskerry, PS1 2AB"
    assert SECRET_LINK not in calendar_file(in_person_email)


def test_the_calendar_file_is_an_invitation_in_london_time(online, thursday_morning):
    session, [place] = session_with_places(online)
    run(thursday_morning, REMINDER_DUE)
    calendar, event = calendar_event(mail.outbox[0])
    text = calendar_file(mail.outbox[0])
    assert calendar["METHOD"] == "REQUEST"
    assert "DTSTART;TZID=Europe/London:20261211T180000" in text
    assert event["DTSTART"].dt.astimezone(LONDON) == FRIDAY_6PM
    assert str(event["UID"]) == f"session-{session.pk}@testserver"
    assert str(event["STATUS"]) == "CONFIRMED" and str(event["LOCATION"]) == "Online"
    assert SECRET_LINK in str(event["DESCRIPTION"])  # private to the member, like the email
    assert str(event["ATTENDEE"]) == f"mailto:{place.member.email}"
    assert str(event["ORGANIZER"]).startswith("mailto:")


def test_a_cancelled_session_sends_a_calendar_cancellation_to_people_with_a_place(online, thursday_morning):
    session, [place] = session_with_places(online)
    waiting = SessionRegistrationFactory(session=session, status=RegistrationStatus.WAITING)
    run(thursday_morning, REMINDER_DUE)
    mail.outbox.clear()
    services.session_cancel(session=session, reason="holiday", note="We meet again next week.")
    [cancellation] = sent_to(place.member.email)
    assert cancellation.subject == "A change to your plans"
    calendar, event = calendar_event(cancellation)
    assert calendar["METHOD"] == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == session_uid(session) and event["SEQUENCE"] == 1
    assert SECRET_LINK not in calendar_file(cancellation)
    assert all(message.attachments == [] for message in sent_to(waiting.member.email))
    # Nothing more is sent for it, however often the reminders run.
    run(thursday_morning, REMINDER_DUE + datetime.timedelta(hours=1))
    assert len(mail.outbox) == len(sent_to(place.member.email)) + len(sent_to(waiting.member.email))


def test_subject_lines_never_name_the_group(group_index, thursday_morning):
    women = cook_along(group_index, title="Women's recovery cook-along")
    session, _places = session_with_places(women, places=2)
    run(thursday_morning, REMINDER_DUE)
    GroupPage.objects.filter(pk=women.pk).update(online_link=f"{SECRET_LINK}-2")
    run(thursday_morning, REMINDER_DUE + datetime.timedelta(minutes=15))
    services.session_cancel(session=session, reason="holiday")
    assert len(mail.outbox) == 6
    for message in mail.outbox:
        assert not any(word in message.subject.lower() for word in NEVER_IN_SUBJECTS), message.subject
        assert "Women" not in message.subject


def test_booking_in_person_after_the_reminder_time_sends_the_reminder_alone(
    client, member, group_index, thursday_morning
):
    in_person = GroupPageFactory(parent=group_index, format=Format.IN_PERSON)
    session, _places = session_with_places(in_person, places=0)
    thursday_morning.move_to(REMINDER_DUE + datetime.timedelta(hours=1))
    client.force_login(member)
    client.post(reverse("network:session_register", args=[session.pk]))
    [message] = mail.outbox
    assert message.subject == "A reminder for Friday"
    assert "Where: The Net Loft" in message.body and "Cancel my place" in message.body
