"""A closure saved in the admin reaches the group sessions on those days: the editor is told,
sees them listed and cancels the ones they choose, and everyone with a place is emailed.

The issue's example: the hub closes on Wednesday 23 December and Friday 25 to Saturday 26
December 2026, and the women's group (Wednesdays) and a new breakfast club (Saturdays) meet there.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from accounts.roles import EDITORS
from network.closures import sessions_hit_by_closures
from network.models import GroupSession
from network.models.choices import CancellationReason, Format
from network.notifications import SUBJECT_SESSION_CANCELLED
from tests.factories.accounts import user_with_roles
from tests.factories.network import (
    GroupIndexPageFactory,
    GroupPageFactory,
    OpeningExceptionFactory,
    SessionRegistrationFactory,
    VenueFactory,
    facilitator_of,
)

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
DECEMBER_1 = datetime.datetime(2026, 12, 1, 9, tzinfo=LONDON)


def day(n):
    return datetime.date(2026, 12, n)


@pytest.fixture(autouse=True)
def _first_of_december():
    with time_machine.travel(DECEMBER_1, tick=False):
        yield


class Hub:
    """The hub and its groups, with the Christmas closures."""

    def __init__(self, home_page):
        self.venue = VenueFactory(name="The Net Loft")
        self.other_venue = VenueFactory(name="The Library")
        index = GroupIndexPageFactory(parent=home_page, slug="groups")

        def group(title, weekday, start, **kwargs):
            first = day(1) + datetime.timedelta(days=(weekday - 1) % 7)
            return GroupPageFactory(
                parent=index, title=title, venue=kwargs.pop("venue", self.venue), weekday=weekday,
                start_time=start, end_time=(datetime.datetime.combine(first, start) + datetime.timedelta(hours=1, minutes=30)).time(),
                first_date=first, **kwargs,
            )  # fmt: skip

        self.womens_group = group("Women's group", 2, datetime.time(18))  # Wednesdays
        self.breakfast_club = group("Breakfast club", 5, datetime.time(9))  # Saturdays
        self.thursday_group = group("Thursday group", 3, datetime.time(18))  # 24 December: changed hours
        self.thursday_morning = group("Thursday coffee", 3, datetime.time(11))  # inside the hours
        self.elsewhere = group("Library group", 2, datetime.time(18), venue=self.other_venue)
        self.online = group(
            "Online group",
            2,
            datetime.time(18),
            format=Format.ONLINE,
            venue=None,
            online_link="https://v.example/r",
        )
        self.closures = [
            OpeningExceptionFactory(venue=self.venue, start_date=day(23), end_date=day(23), reason="Staff training"),
            OpeningExceptionFactory(venue=self.venue, start_date=day(25), end_date=day(26), reason="Christmas holidays"),
            OpeningExceptionFactory(
                venue=self.venue, start_date=day(24), end_date=day(24), reason="Christmas Eve",
                opens=datetime.time(10), closes=datetime.time(14),
            ),
        ]  # fmt: skip

    def session(self, group, on):
        return GroupSession.objects.get(group=group, starts_at__date=on)


@pytest.fixture
def hub(home_page):
    return Hub(home_page)


@pytest.fixture
def editor(db):
    return user_with_roles(EDITORS)


def confirm_url(venue):
    return reverse("network_closure_sessions", args=[venue.pk])


def test_the_sessions_on_closed_days_are_found(hub):
    hit = sessions_hit_by_closures(hub.venue)
    assert [(s.group.title, s.starts_at.astimezone(LONDON).date()) for s in hit] == [
        ("Women's group", day(23)),
        ("Thursday group", day(24)),
        ("Breakfast club", day(26)),
    ]
    assert [s.closure.reason for s in hit] == ["Staff training", "Christmas Eve", "Christmas holidays"]
    assert sessions_hit_by_closures(hub.other_venue) == []


def test_cancelled_and_past_sessions_are_left_alone(hub):
    GroupSession.objects.filter(group=hub.womens_group, starts_at__date=day(23)).update(
        cancelled=True, cancellation_reason=CancellationReason.HOLIDAY
    )
    with time_machine.travel(datetime.datetime(2026, 12, 25, 12, tzinfo=LONDON), tick=False):
        assert [s.group.title for s in sessions_hit_by_closures(hub.venue)] == ["Breakfast club"]


def venue_form(venue, closures):
    """The admin's venue form as the browser sends it, with these closures."""
    data = {
        "name": venue.name, "address": venue.address, "directions": venue.directions,
        "accessibility": venue.accessibility, "step_free_access": "on", "phone": venue.phone,
        "latitude": str(venue.latitude), "longitude": str(venue.longitude), "map_url": "",
    }  # fmt: skip
    for prefix in ("opening_periods", "service_visits"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
                     f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})  # fmt: skip
    data.update({"opening_exceptions-TOTAL_FORMS": str(len(closures)), "opening_exceptions-INITIAL_FORMS": "0",
                 "opening_exceptions-MIN_NUM_FORMS": "0", "opening_exceptions-MAX_NUM_FORMS": "1000"})  # fmt: skip
    for i, (start, end, reason) in enumerate(closures):
        data.update({
            f"opening_exceptions-{i}-start_date": start.isoformat(), f"opening_exceptions-{i}-end_date": end.isoformat(),
            f"opening_exceptions-{i}-reason": reason, f"opening_exceptions-{i}-opens": "",
            f"opening_exceptions-{i}-closes": "", f"opening_exceptions-{i}-ORDER": str(i + 1),
            f"opening_exceptions-{i}-id": "", f"opening_exceptions-{i}-DELETE": "",
        })  # fmt: skip
    return data


def test_saving_the_closure_in_the_admin_warns_and_cancelling_emails_those_booked(client, home_page, editor):
    venue = VenueFactory(name="The Net Loft")
    index = GroupIndexPageFactory(parent=home_page, slug="groups")
    womens = GroupPageFactory(parent=index, title="Women's group", venue=venue, weekday=2, first_date=day(2))
    breakfast = GroupPageFactory(
        parent=index, title="Breakfast club", venue=venue, weekday=5, first_date=day(5),
        start_time=datetime.time(9), end_time=datetime.time(10, 30),
    )  # fmt: skip
    on_23 = GroupSession.objects.get(group=womens, starts_at__date=day(23))
    on_26 = GroupSession.objects.get(group=breakfast, starts_at__date=day(26))
    kestrel = SessionRegistrationFactory(session=on_23).member
    wren = SessionRegistrationFactory(session=on_26).member

    client.force_login(editor)
    response = client.post(
        reverse("wagtailsnippets_network_venue:edit", args=[venue.pk]),
        venue_form(venue, [(day(23), day(23), "Staff training"), (day(25), day(26), "Christmas holidays")]),
        follow=True,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "2 group sessions are on days The Net Loft is closed." in page
    assert confirm_url(venue) in page

    page = client.get(confirm_url(venue)).content.decode()
    assert "Women&#x27;s group</strong>, Wednesday 23 December 2026, 6pm to 7:30pm" in page
    assert "Breakfast club</strong>, Saturday 26 December 2026, 9am to 10:30am" in page
    assert page.count("1 booked.") == 2
    assert mail.outbox == []

    response = client.post(confirm_url(venue), {"session": [str(on_23.pk), str(on_26.pk)]}, follow=True)
    assert "2 sessions are cancelled. Everyone with a place will get an email." in response.content.decode()
    assert "There is nothing to cancel." in response.content.decode()
    for session in (on_23, on_26):
        session.refresh_from_db()
        assert session.cancelled and session.cancellation_reason == CancellationReason.VENUE_CLOSED
    assert sorted(m.to[0] for m in mail.outbox) == sorted([kestrel.email, wren.email])
    for message in mail.outbox:
        assert message.subject == SUBJECT_SESSION_CANCELLED
        assert "Why: The venue is closed." in message.body
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert "Wednesday 23 December" in bodies[kestrel.email] and "Staff training" in bodies[kestrel.email]
    assert "Saturday 26 December" in bodies[wren.email] and "Christmas holidays" in bodies[wren.email]
    # The public group page says why.
    assert "The venue is closed" in client.get(womens.url).content.decode()


def test_the_editor_may_cancel_only_some(client, hub, editor):
    on_23 = hub.session(hub.womens_group, day(23))
    on_26 = hub.session(hub.breakfast_club, day(26))
    client.force_login(editor)
    client.post(confirm_url(hub.venue), {"session": [str(on_26.pk)]})
    on_23.refresh_from_db()
    on_26.refresh_from_db()
    assert on_26.cancelled and not on_23.cancelled


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose at least one session to cancel."),
        ({"session": ["abc", "", "1e3", "9" * 40]}, "Choose at least one session to cancel."),
        ("unaffected", "None of those sessions is on a day the venue is closed any more."),
    ],
)
def test_bad_choices_cancel_nothing(client, hub, editor, data, message):
    if data == "unaffected":
        data = {"session": [str(GroupSession.objects.filter(group=hub.elsewhere).first().pk)]}
    client.force_login(editor)
    response = client.post(confirm_url(hub.venue), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not GroupSession.objects.filter(cancelled=True).exists()
    assert mail.outbox == []


def test_only_editors_and_staff_reach_the_page(client, hub):
    assert client.get(confirm_url(hub.venue)).status_code == 302
    for person in (user_with_roles(), facilitator_of(hub.womens_group)):
        client.force_login(person)
        assert client.get(confirm_url(hub.venue)).status_code == 403
        assert client.post(confirm_url(hub.venue), {"session": ["1"]}).status_code == 403
    assert not GroupSession.objects.filter(cancelled=True).exists()
    client.force_login(user_with_roles(EDITORS))
    assert client.get(reverse("network_closure_sessions", args=[999999])).status_code == 404
