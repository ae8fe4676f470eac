"""Demo peer groups with their facilitators, sessions, a few places booked and one full session
with someone waiting.
Safe to run again: everything is found by its name or slug and updated, never duplicated."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.models import MemberProfile
from home.models import HomePage
from network.group_schedule import meeting_times
from network.models import (
    GroupFacilitator,
    GroupIndexPage,
    GroupPage,
    GroupSession,
    JoinRequest,
    SessionRegistration,
    Venue,
)
from network.models.choices import Audience, Format, Frequency, HowToJoin, JoinRequestStatus
from network.services import group_sessions_sync, session_register

from .hub import FRIDAY, HUB_NAME, MONDAY, THURSDAY, TUESDAY, WEDNESDAY
from .pages import child_page

GROUPS = [
    {
        "slug": "tuesday-peer-group",
        "title": "Tuesday peer group",
        "summary": "The network's own weekly group. We share how things are going and plan what we want to change.",
        "audience": Audience.EVERYONE,
        "format": Format.IN_PERSON,
        "weekday": TUESDAY,
        "start": (18, 0),
        "end": (19, 30),
        "how_to_join": HowToJoin.JUST_TURN_UP,
        "joining_details": "Come to the Net Loft a few minutes early and someone will meet you at the door.",
        "facilitators": ["Rowan"],
    },
    {
        "slug": "womens-group",
        "title": "Women's group",
        "summary": "A calm space for women to talk, listen and support each other.",
        "audience": Audience.WOMEN,
        "format": Format.IN_PERSON,
        "weekday": WEDNESDAY,
        "start": (11, 0),
        "end": (12, 30),
        "how_to_join": HowToJoin.JUST_TURN_UP,
        "joining_details": "",
        "facilitators": ["Rowan"],
    },
    {
        "slug": "self-management-monday",
        "title": "Self-management and recovery (Monday)",
        "summary": "A weekly group using practical tools to help you manage urges and change habits.",
        "audience": Audience.EVERYONE,
        "format": Format.IN_PERSON,
        "weekday": MONDAY,
        "start": (14, 0),
        "end": (15, 30),
        "how_to_join": HowToJoin.JUST_TURN_UP,
        "joining_details": "",
        "facilitators": ["Rowan"],
        # A small room: the next session is full, with someone on its waiting list.
        "places": 2,
    },
    {
        "slug": "self-management-online",
        "title": "Self-management and recovery (online)",
        "summary": "The same practical tools as the Monday group, online from home on Thursday evenings.",
        "audience": Audience.EVERYONE,
        "format": Format.ONLINE,
        "weekday": THURSDAY,
        "start": (19, 0),
        "end": (20, 30),
        "how_to_join": HowToJoin.INVITE,
        "joining_details": "Ask at the hub or phone us, and we will send you an invite by email.",
        "facilitators": ["Rowan"],
    },
    {
        "slug": "family-support-group",
        "title": "Family support group",
        "summary": "For families, partners and friends of someone who uses alcohol or drugs.",
        "audience": Audience.FAMILIES,
        "format": Format.HYBRID,
        "weekday": THURSDAY,
        "start": (17, 30),
        "end": (18, 30),
        "how_to_join": HowToJoin.REFERRAL,
        "joining_details": "Phone the hub or ask any worker you know to refer you. You can refer yourself.",
        "facilitators": ["Rowan"],
    },
    {
        "slug": "coffee-morning",
        "title": "Coffee morning",
        "summary": "Coffee, cake and a chat with others in the network. Bring a friend.",
        "audience": Audience.EVERYONE,
        "format": Format.IN_PERSON,
        "weekday": FRIDAY,
        "start": (10, 30),
        "end": (12, 0),
        "how_to_join": HowToJoin.JUST_TURN_UP,
        "joining_details": "",
        "facilitators": [],
        "frequency": Frequency.FORTNIGHTLY,
    },
]


def next_weekday(weekday, today):
    return today + datetime.timedelta(days=(weekday - today.weekday()) % 7)


def load_groups(home, venue):
    index = child_page(
        home,
        GroupIndexPage,
        "groups",
        title="Peer groups",
        show_in_menus=True,
        introduction="Groups run by and for people in recovery and their families. Most you can just turn up to.",
    )
    today = timezone.localdate()
    for spec in GROUPS:
        group = child_page(
            index,
            GroupPage,
            spec["slug"],
            title=spec["title"],
            summary=spec["summary"],
            audience=spec["audience"],
            format=spec["format"],
            venue=None if spec["format"] == Format.ONLINE else venue,
            online_link="https://video.example.org/portskerry-group"
            if spec["format"] != Format.IN_PERSON
            else "",
            frequency=spec.get("frequency", "weekly"),
            weekday=spec["weekday"],
            start_time=datetime.time(*spec["start"]),
            end_time=datetime.time(*spec["end"]),
            first_date=next_weekday(spec["weekday"], today - datetime.timedelta(weeks=4)),
            how_to_join=spec["how_to_join"],
            joining_details=spec["joining_details"],
            places=spec.get("places"),
            body=[("paragraph", f"<p>{spec['summary']} Tea and biscuits are always on.</p>")],
        )
        GroupFacilitator.objects.filter(group=group).delete()
        for display_name in spec["facilitators"]:
            profile = MemberProfile.objects.filter(display_name=display_name).first()
            if profile:
                GroupFacilitator.objects.create(group=group, profile=profile)
        group_sessions_sync(group=group, today=today)
        if group.meets_in_person:
            cancel_sessions_when_closed(group, venue)
    return index


def cancel_sessions_when_closed(group, venue):
    """Show a cancellation or two: sessions at the hub on days it is closed do not happen."""
    for closure in venue.opening_exceptions.filter(opens__isnull=True):
        group.sessions.filter(
            starts_at__date__gte=closure.start_date, starts_at__date__lte=closure.end_date
        ).update(cancelled=True, cancellation_reason=GroupSession.CancellationReason.HOLIDAY)


def load_session_places():
    """The demo member has places at the next Tuesday peer group and online self-management
    sessions (the online group is by invite, so their request was accepted), and the last Tuesday
    session has its attendance recorded. Needs the demo accounts; without them it does nothing."""
    User = get_user_model()
    member = User.objects.filter(email="member@example.org").first()
    facilitator = User.objects.filter(email="facilitator@example.org").first()
    if member is None or facilitator is None:
        return
    now = timezone.now()
    tuesday = GroupPage.objects.get(slug="tuesday-peer-group")
    online = GroupPage.objects.get(slug="self-management-online")
    JoinRequest.objects.get_or_create(
        group=online,
        member=member,
        status=JoinRequestStatus.ACCEPTED,
        defaults={
            "decided_by": facilitator,
            "decided_at": now,
            "message": "A worker at the hub said to ask.",
        },
    )
    for group in (tuesday, online):
        session = group.sessions.filter(starts_at__gt=now, cancelled=False).first()
        if session:
            session_register(session=session, member=member)
    load_full_session(member)
    # Sessions are made from today on, so last week's session is made here to have a history.
    last_week = timezone.localdate() - datetime.timedelta(weeks=1)
    starts_at, ends_at = meeting_times(tuesday, next_weekday(TUESDAY, last_week))
    past, _created = GroupSession.objects.get_or_create(
        group=tuesday, starts_at=starts_at, defaults={"ends_at": ends_at}
    )
    if past.ends_at < now:
        SessionRegistration.objects.update_or_create(session=past, member=member, defaults={"attended": True})
        SessionRegistration.objects.update_or_create(
            session=past, member=facilitator, defaults={"attended": True}
        )
        past.walk_ins = 3
        past.places_taken = past.registrations.booked().count()
        past.save(update_fields=["walk_ins", "places_taken"])


def load_full_session(member):
    """The next Monday session has 2 places, both taken (by Ailsa and Rowan), and the demo member
    is first on its waiting list."""
    User = get_user_model()
    monday = GroupPage.objects.get(slug="self-management-monday")
    session = monday.sessions.filter(starts_at__gt=timezone.now(), cancelled=False).first()
    if session is None:
        return
    for email in ("board@example.org", "facilitator@example.org"):
        booked = User.objects.filter(email=email).first()
        if booked is not None:
            session_register(session=session, member=booked, wait_if_full=True)
    session_register(session=session, member=member, wait_if_full=True)


def load(*, stdout):
    load_groups(HomePage.objects.get(depth=2), Venue.objects.get(name=HUB_NAME))
    load_session_places()
    stdout.write("Peer groups and their sessions loaded.")
