"""Demo drop-in: the hub, its opening hours and closures, the services that come, the drop-in page.
Safe to run again: everything is found by its name or slug and updated, never duplicated."""

import datetime

from home.models import HomePage
from network.models import DropInPage, OpeningException, OpeningPeriod, ServiceVisit, SupportService, Venue

from .pages import child_page

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
    # Through each model's own manager: Venue is a ClusterableModel, and create() on its child
    # relations (venue.opening_exceptions.create) only keeps the row in memory until the venue is
    # saved again, so the closures never reached the database.
    OpeningPeriod.objects.filter(venue=venue).delete()
    for weekday in range(5):
        closes = datetime.time(19) if weekday == THURSDAY else datetime.time(16)
        OpeningPeriod.objects.create(venue=venue, weekday=weekday, opens=datetime.time(10), closes=closes)
    OpeningException.objects.filter(venue=venue).delete()
    OpeningException.objects.create(
        venue=venue,
        start_date=datetime.date(2026, 12, 25),
        end_date=datetime.date(2026, 12, 26),
        reason="Christmas holidays",
    )
    OpeningException.objects.create(
        venue=venue,
        start_date=datetime.date(2027, 1, 1),
        end_date=datetime.date(2027, 1, 1),
        reason="New Year's Day",
    )
    ServiceVisit.objects.filter(venue=venue).delete()
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


def load(*, stdout):
    venue = load_hub()
    child_page(
        HomePage.objects.get(depth=2),
        DropInPage,
        "drop-in",
        title="The drop-in at the Net Loft",
        show_in_menus=True,
        venue=venue,
        introduction="A warm, friendly place for anyone affected by alcohol or drug use. You can just turn up.",
        first_visit=FIRST_VISIT,
    )
    stdout.write("Drop-in and services loaded.")
