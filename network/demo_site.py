"""Demo content for the public site: the hub, its services, peer groups, news and standard pages.

Safe to run again: everything is found by its name or slug and updated, never duplicated.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from home.models import HomePage

from .group_schedule import meeting_times
from .models import (
    DropInPage,
    GroupFacilitator,
    GroupIndexPage,
    GroupPage,
    GroupSession,
    JoinRequest,
    MemberProfile,
    NewsIndexPage,
    NewsPage,
    OpeningPeriod,
    ServiceVisit,
    SessionRegistration,
    StandardPage,
    SupportService,
    Venue,
)
from .models.groups import (
    EVERYONE,
    FAMILIES,
    FORTNIGHTLY,
    HYBRID,
    IN_PERSON,
    INVITE,
    JUST_TURN_UP,
    ONLINE,
    REFERRAL,
    WOMEN,
)
from .models.sessions import ACCEPTED
from .services import group_sessions_sync

MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY = range(5)
HUB_NAME = "The Net Loft"

SERVICES = [
    # name, description, helps with, weekday, starts, ends, note
    (
        "Money advice",
        "An adviser from the council's money advice team.",
        "Benefits\nDebt and bills\nForms and letters",
        MONDAY,
        (10, 0),
        (13, 0),
        "Just drop in",
    ),
    (
        "Counselling",
        "A counsellor who understands alcohol and drug use, for a private talk.",
        "Feeling low or anxious\nGrief and loss\nMaking sense of the past",
        WEDNESDAY,
        (13, 0),
        (16, 0),
        "Ask at the desk for a time",
    ),
    (
        "Housing support",
        "A housing support worker who can help you find and keep a home.",
        "Finding a place to live\nRent arrears\nTalking to landlords",
        TUESDAY,
        (10, 0),
        (12, 0),
        "",
    ),
    (
        "Digital support",
        "A volunteer who helps with phones, tablets and getting online.",
        "Setting up email\nVideo calls\nOnline forms",
        THURSDAY,
        (14, 0),
        (18, 0),
        "",
    ),
    (
        "Health outreach nurse",
        "A nurse from the community nursing team. She can check your health and help you use other NHS services.",
        "Health checks\nWounds and injections\nGetting a GP appointment",
        FRIDAY,
        (10, 0),
        (13, 0),
        "No appointment needed",
    ),
]

FIRST_VISIT = [
    ("heading", {"text": "When you arrive", "level": "h2"}),
    (
        "paragraph",
        "<p>Come in through the blue door. Someone will say hello and offer you a cup of tea. "
        "You do not need to give your name or tell your story.</p>",
    ),
    ("heading", {"text": "What happens next", "level": "h2"}),
    (
        "paragraph",
        "<p>You can sit and chat, read, or just have a warm place to be. If you want help with something, "
        "tell a member of staff. They will listen and work out with you what might help.</p>",
    ),
    (
        "callout",
        {
            "heading": "Everyone is welcome",
            "text": "<p>You are welcome if you use alcohol or drugs now, if you have stopped, or if someone "
            "you love uses them. Nobody here will judge you.</p>",
        },
    ),
    (
        "quote",
        {
            "quote": "The first time I came in, nobody asked me anything. They just made me a tea.",
            "attribution": "Skye",
        },
    ),
]

GROUPS = [
    {
        "slug": "tuesday-peer-group",
        "title": "Tuesday peer group",
        "summary": "The network's own weekly group. We share how things are going and plan what we want to change.",
        "audience": EVERYONE,
        "format": IN_PERSON,
        "weekday": TUESDAY,
        "start": (18, 0),
        "end": (19, 30),
        "how_to_join": JUST_TURN_UP,
        "joining_details": "Come to the Net Loft a few minutes early and someone will meet you at the door.",
        "facilitators": ["Rowan"],
    },
    {
        "slug": "womens-group",
        "title": "Women's group",
        "summary": "A calm space for women to talk, listen and support each other.",
        "audience": WOMEN,
        "format": IN_PERSON,
        "weekday": WEDNESDAY,
        "start": (11, 0),
        "end": (12, 30),
        "how_to_join": JUST_TURN_UP,
        "joining_details": "",
        "facilitators": ["Rowan"],
    },
    {
        "slug": "self-management-monday",
        "title": "Self-management and recovery (Monday)",
        "summary": "A weekly group using practical tools to help you manage urges and change habits.",
        "audience": EVERYONE,
        "format": IN_PERSON,
        "weekday": MONDAY,
        "start": (14, 0),
        "end": (15, 30),
        "how_to_join": JUST_TURN_UP,
        "joining_details": "",
        "facilitators": ["Rowan"],
    },
    {
        "slug": "self-management-online",
        "title": "Self-management and recovery (online)",
        "summary": "The same practical tools as the Monday group, online from home on Thursday evenings.",
        "audience": EVERYONE,
        "format": ONLINE,
        "weekday": THURSDAY,
        "start": (19, 0),
        "end": (20, 30),
        "how_to_join": INVITE,
        "joining_details": "Ask at the hub or phone us, and we will send you an invite by email.",
        "facilitators": ["Ailsa"],
    },
    {
        "slug": "family-support-group",
        "title": "Family support group",
        "summary": "For families, partners and friends of someone who uses alcohol or drugs.",
        "audience": FAMILIES,
        "format": HYBRID,
        "weekday": THURSDAY,
        "start": (17, 30),
        "end": (18, 30),
        "how_to_join": REFERRAL,
        "joining_details": "Phone the hub or ask any worker you know to refer you. You can refer yourself.",
        "facilitators": [],
    },
    {
        "slug": "coffee-morning",
        "title": "Coffee morning",
        "summary": "Coffee, cake and a chat with others in the network. Bring a friend.",
        "audience": EVERYONE,
        "format": IN_PERSON,
        "weekday": FRIDAY,
        "start": (10, 30),
        "end": (12, 0),
        "how_to_join": JUST_TURN_UP,
        "joining_details": "",
        "facilitators": [],
        "frequency": FORTNIGHTLY,
    },
]

NEWS = [
    (
        "new-housing-drop-in",
        "Housing support now every Tuesday",
        datetime.date(2026, 11, 16),
        "A housing support worker now comes to the Net Loft every Tuesday morning.",
        ["services", "housing"],
        "<p>If you are worried about your home, your rent or where you will stay, come and talk to the "
        "housing support worker on a Tuesday between 10am and midday. You do not need to book.</p>",
    ),
    (
        "network-on-the-partnership-board",
        "Two network members join the partnership board",
        datetime.date(2026, 11, 2),
        "Network members now sit on the partnership board to say what people need and want.",
        ["network", "partnership board"],
        "<p>The partnership board decides how money for alcohol and drug services is spent in Portskerry. "
        "Two members of the network now go to every meeting to share what people have told us.</p>",
    ),
    (
        "winter-opening-hours",
        "Opening hours over the winter holidays",
        datetime.date(2026, 10, 20),
        "The hub will close for a few days over Christmas and New Year.",
        ["hub"],
        "<p>The Net Loft will be closed on Christmas Day, Boxing Day and New Year's Day. On other days we keep "
        "our usual hours. If you need help when we are closed, the phone numbers at the bottom of every page "
        "are there day and night.</p>",
    ),
    (
        "thank-you-volunteers",
        "Thank you to our volunteers",
        datetime.date(2026, 9, 28),
        "Our volunteers gave more than 500 hours this year. Thank you.",
        ["network", "volunteering"],
        "<p>Volunteers run our coffee morning, help new people feel welcome and lead two of our groups. "
        "If you would like to volunteer, ask any member of staff.</p>",
    ),
]

STANDARD_PAGES = [
    (
        "about",
        "About the network",
        "We are people affected by alcohol or drug use, and the people who care about them.",
        "<p>The Portskerry Recovery Network started at the Net Loft drop-in. Its members meet every Tuesday, "
        "support each other, and tell the partnership board what we need and want from local services.</p>"
        "<p>Anyone can join. You do not need to use your real name.</p>",
    ),
    (
        "privacy",
        "Privacy notice",
        "What we keep about you, why, and how to ask us to delete it.",
        "<p>This site does not track you. If you join, we keep your email address and the display name you "
        "choose. Other members only ever see your display name.</p>"
        "<p>We use your email address to sign you in and, if you ask, to send you news. We never sell or share "
        "it. You can ask us to delete your account at any time.</p>",
    ),
    (
        "accessibility",
        "Accessibility statement",
        "We want everyone to be able to use this site.",
        "<p>This site should work with a screen reader, with a keyboard only, when zoomed in, and without "
        "JavaScript. We test it against the Web Content Accessibility Guidelines version 2.2, level AA.</p>"
        "<p>If something does not work for you, please tell us by phone or email and we will fix it.</p>",
    ),
    (
        "community-guidelines",
        "Community guidelines",
        "How we look after each other, online and in the room.",
        "<ul><li>Be kind. Everyone here is doing their best.</li><li>Keep other people's stories private.</li>"
        "<li>Use people's display names, not their real names.</li><li>No one has to share anything.</li></ul>",
    ),
]


def child_page(parent, model, slug, **fields):
    """The child with this slug, updated with these fields and published; created if it is missing."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        # add_child saves with Page.save(), which runs full_clean() itself.
        page = parent.add_child(instance=model(slug=slug, **fields))
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    page.full_clean()
    page.save_revision().publish()
    return model.objects.get(pk=page.pk)


def load_hub():
    venue, _created = Venue.objects.update_or_create(
        name=HUB_NAME,
        defaults={
            "address": "12 Harbour Street\nPortskerry\nPS1 2AB",
            "directions": "Across the road from the harbour car park. Look for the blue door next to the chandlery.",
            "accessibility": "Step-free entrance and an accessible toilet on the ground floor. "
            "There is a quiet room if you need a moment on your own.",
            "step_free_access": True,
            "phone": "01234 567 890",
            "latitude": "57.41234",
            "longitude": "-6.19456",
        },
    )
    venue.opening_periods.all().delete()
    for weekday in range(5):
        closes = datetime.time(19) if weekday == THURSDAY else datetime.time(16)
        OpeningPeriod.objects.create(venue=venue, weekday=weekday, opens=datetime.time(10), closes=closes)
    venue.opening_exceptions.all().delete()
    venue.opening_exceptions.create(
        start_date=datetime.date(2026, 12, 25),
        end_date=datetime.date(2026, 12, 26),
        reason="Christmas holidays",
    )
    venue.opening_exceptions.create(
        start_date=datetime.date(2027, 1, 1), end_date=datetime.date(2027, 1, 1), reason="New Year's Day"
    )
    venue.service_visits.all().delete()
    for name, description, helps_with, weekday, starts, ends, note in SERVICES:
        service, _created = SupportService.objects.update_or_create(
            name=name, defaults={"description": description, "helps_with": helps_with}
        )
        ServiceVisit.objects.create(
            venue=venue,
            service=service,
            weekday=weekday,
            starts=datetime.time(*starts),
            ends=datetime.time(*ends),
            note=note,
        )
    return venue


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
            venue=None if spec["format"] == ONLINE else venue,
            online_link="https://video.example.org/portskerry-group" if spec["format"] != IN_PERSON else "",
            frequency=spec.get("frequency", "weekly"),
            weekday=spec["weekday"],
            start_time=datetime.time(*spec["start"]),
            end_time=datetime.time(*spec["end"]),
            first_date=next_weekday(spec["weekday"], today - datetime.timedelta(weeks=4)),
            how_to_join=spec["how_to_join"],
            joining_details=spec["joining_details"],
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
        ).update(cancelled=True, cancellation_note=f"The Net Loft is closed ({closure.reason}).")


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
        status=ACCEPTED,
        defaults={
            "decided_by": facilitator,
            "decided_at": now,
            "message": "A worker at the hub said to ask.",
        },
    )
    for group in (tuesday, online):
        session = group.sessions.filter(starts_at__gt=now, cancelled=False).first()
        if session:
            SessionRegistration.objects.get_or_create(session=session, member=member)
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
        past.save(update_fields=["walk_ins"])


def load(*, stdout):
    home = HomePage.objects.get(depth=2)
    venue = load_hub()
    child_page(
        home,
        DropInPage,
        "drop-in",
        title="The drop-in at the Net Loft",
        show_in_menus=True,
        venue=venue,
        introduction="A warm, friendly place for anyone affected by alcohol or drug use. You can just turn up.",
        first_visit=FIRST_VISIT,
    )
    load_groups(home, venue)
    load_session_places()
    news_index = child_page(
        home,
        NewsIndexPage,
        "news",
        title="News",
        show_in_menus=True,
        introduction="What is happening in the network and at the hub.",
    )
    for slug, title, date, summary, tags, text in NEWS:
        story = child_page(
            news_index, NewsPage, slug, title=title, date=date, summary=summary, body=[("paragraph", text)]
        )
        story.tags.set(tags, clear=True)
        story.save_revision().publish()
    for slug, title, introduction, text in STANDARD_PAGES:
        child_page(
            home, StandardPage, slug, title=title, introduction=introduction, body=[("paragraph", text)]
        )
    stdout.write("Drop-in, services, groups, news and pages loaded.")
