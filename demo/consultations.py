"""Demo consultations: one open, one closed, with priorities, votes and in-room tallies.

The open one is built the way members and facilitators build one: posts through the services, a
facilitator's check (so the moderation log has entries), votes on ballots, tallies from a group.
The closed one is history, written as it ended, since the services rightly refuse a closed
consultation. Safe to run again: everything is found by its words before anything is created."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from consultations.models import (
    Consultation,
    HaveYourSayPage,
    InRoomGathering,
    InRoomTally,
    Priority,
    PriorityStatus,
    ReturnReason,
    Theme,
    Vote,
    YouSaidWeDidPage,
    name_key,
)
from consultations.services import (
    gathering_choose,
    priority_approve,
    priority_gather,
    priority_submit,
    tallies_record,
    vote_cast,
)

RETURN_REASONS = [
    (
        "Names someone",
        "Thank you for posting. It mentions someone by name, and we keep everyone's details private. "
        "Could you change it so nobody can be recognised, then send it again?",
    ),
    (
        "Too many ideas in one",
        "Thank you, these are good ideas. Could you post each one on its own? Then people can vote for "
        "the ones that matter most to them.",
    ),
    (
        "Not about this question",
        "Thank you for posting. This one is not quite about the question we are asking now. "
        "A facilitator would be glad to talk it through with you at the drop-in.",
    ),
]

OPEN_QUESTION = "What would make the biggest difference to you this year?"
OPEN_BACKGROUND = (
    "Our members sit on the partnership board, which decides how money for alcohol and drug services "
    "is spent on the island. Tell us what you need and want, and vote for the ideas that matter most.\n\n"
    "The top priorities go to the board's next meeting."
)
OPEN_THEMES = ["Opening times", "Health", "Getting about", "Family and friends"]
OPEN_PRIORITIES = [
    # title, explanation, theme, author email (None: gathered at a group), show name
    (
        "Evening opening at the hub",
        "Lots of us work or have children to look after in the day. One evening a week would mean "
        "more people could drop in.",
        "Opening times",
        "member@example.org",
        True,
    ),
    (
        "Peer support at the hospital",
        "Someone from the network to sit with you when you have to go to the hospital. It is hard to go on your own.",
        "Health",
        "board@example.org",
        False,
    ),
    (
        "Help to get to appointments on the island",
        "The bus only runs twice a day. A lift or a travel card would stop people missing appointments.",
        "Getting about",
        None,
        False,
    ),
    (
        "A group for families at the weekend",
        "Family members cannot always come in the week. A Saturday morning group would help.",
        "Family and friends",
        "facilitator@example.org",
        True,
    ),
]
WAITING_PRIORITY = (
    "Free wifi in the drop-in",
    "Lots of appointments are online now and not everyone has data on their phone.",
    "Health",
)

CLOSED_QUESTION = "What should the new drop-in space have?"
CLOSED_BACKGROUND = (
    "We asked members what the new drop-in space at the Net Loft should have before it opened."
)
CLOSED_PRIORITIES = [
    ("A quiet room", "Somewhere calm to sit when the main room is busy.", "member@example.org"),
    ("A kitchen we can all use", "Cooking together is a good way to meet people.", "board@example.org"),
    (
        "Somewhere private for appointments",
        "So we can talk to the nurse or housing without being overheard.",
        None,
    ),
]
PLACE = "Tuesday peer group"


def _user(email):
    return get_user_model().objects.filter(email=email).first() if email else None


def _consultation(question, background, opens_at, closes_at, themes):
    consultation = Consultation.objects.filter(question=question).first() or Consultation(question=question)
    consultation.background = background
    consultation.opens_at = opens_at
    consultation.closes_at = closes_at
    consultation.save()
    for order, name in enumerate(themes):
        Theme.objects.update_or_create(consultation=consultation, name=name, defaults={"sort_order": order})
    return consultation


def _priority(
    consultation,
    title,
    explanation,
    theme_name,
    author,
    show_name,
    approved_at,
    status=PriorityStatus.APPROVED,
):
    theme = consultation.themes.filter(name=theme_name).first() if theme_name else None
    defaults = {
        "explanation": explanation,
        "theme": theme,
        "author": author,
        "show_name": show_name,
        "status": status,
        "submitted_at": approved_at - timedelta(hours=3),
        "approved_at": approved_at if status == PriorityStatus.APPROVED else None,
    }
    if author is None:
        defaults.update(
            gathered_place=PLACE, gathered_on=approved_at.date(), entered_by=_user("facilitator@example.org")
        )
    priority, _created = Priority.objects.update_or_create(
        consultation=consultation, title=title, defaults=defaults
    )
    return priority


def _posted(consultation, title, explanation, theme_name, author, show_name, facilitator, *, approve=True):
    """A member's post, checked by a facilitator, as the moderation page does it."""
    priority = consultation.priorities.filter(title=title).first()
    if priority is None:
        theme = consultation.themes.filter(name=theme_name).first()
        priority = priority_submit(
            consultation=consultation,
            author=author,
            title=title,
            explanation=explanation,
            theme=theme,
            show_name=show_name,
        )
    if approve and priority.is_waiting_for_a_check:
        # Nobody checks their own post: the facilitator's own goes to staff.
        checker = _user("editor@example.org") if author == facilitator else facilitator
        priority = priority_approve(priority=priority, moderator=checker, reviewed_version=priority.version)
    return priority


def _group_gathering(consultation, facilitator, held_on):
    """The peer group where the facilitator wrote things down, chosen as a facilitator would."""
    return gathering_choose(consultation=consultation, facilitator=facilitator, name=PLACE, held_on=held_on)


def _gathered(consultation, title, explanation, theme_name, facilitator, held_on):
    """Said at a group by someone who is not online; a facilitator typed it in."""
    return consultation.priorities.filter(title=title).first() or priority_gather(
        consultation=consultation,
        facilitator=facilitator,
        title=title,
        explanation=explanation,
        gathering=_group_gathering(consultation, facilitator, held_on),
        theme=consultation.themes.filter(name=theme_name).first(),
    )


def _open_consultation(now, members, facilitator):
    consultation = _consultation(
        OPEN_QUESTION, OPEN_BACKGROUND, now - timedelta(days=7), now + timedelta(days=14), OPEN_THEMES
    )
    group_day = (now - timedelta(days=2)).date()
    priorities = [
        _posted(consultation, title, text, theme, _user(email), show, facilitator)
        if email
        else _gathered(consultation, title, text, theme, facilitator, group_day)
        for title, text, theme, email, show in OPEN_PRIORITIES
    ]
    _posted(consultation, *WAITING_PRIORITY, _user("member@example.org"), False, facilitator, approve=False)
    for voter, choices in zip(members, ([0, 1], [0, 2], [1, 2, 3]), strict=False):
        for index in choices:
            if not Vote.objects.filter(priority=priorities[index], voter=voter).exists():
                vote_cast(priority=priorities[index], voter=voter)
    tallies_record(
        gathering=_group_gathering(consultation, facilitator, group_day),
        facilitator=facilitator,
        counts={priority.pk: votes for priority, votes in zip(priorities, (6, 4, 9, 2), strict=True)},
    )
    # Spread the posts over the week it has been open, as they would have come in.
    for days_ago, priority in zip(range(6, 0, -1), priorities, strict=False):
        posted_at = now - timedelta(days=days_ago)
        Priority.objects.filter(pk=priority.pk).update(
            submitted_at=posted_at - timedelta(hours=3), approved_at=posted_at
        )


def _section_pages_last_in_the_menu():
    """The data migration made these pages before the demo's own, so they would lead the menu: the
    drop-in, groups and news come first, then "Have your say" and "You said, we did"."""
    for model in (HaveYourSayPage, YouSaidWeDidPage):
        page = model.objects.first()
        if page is not None:
            page.move(page.get_parent(), pos="last-child")


def load(*, stdout):
    for order, (title, message) in enumerate(RETURN_REASONS):
        ReturnReason.objects.update_or_create(title=title, defaults={"message": message, "sort_order": order})

    now = timezone.now()
    members = [
        _user(email) for email in ("member@example.org", "facilitator@example.org", "board@example.org")
    ]
    members = [m for m in members if m is not None]
    _open_consultation(now, members, _user("facilitator@example.org"))
    _section_pages_last_in_the_menu()

    closed_consultation = _consultation(
        CLOSED_QUESTION, CLOSED_BACKGROUND, now - timedelta(days=90), now - timedelta(days=60), ["The space"]
    )
    closed_priorities = [
        _priority(
            closed_consultation, title, text, "The space", _user(email), False, now - timedelta(days=88)
        )
        for title, text, email in CLOSED_PRIORITIES
    ]
    for voter, choices in zip(members, ([0, 2], [0, 1], [2]), strict=False):
        for index in choices:
            Vote.objects.get_or_create(priority=closed_priorities[index], voter=voter)
    facilitator = _user("facilitator@example.org")
    held_on = (now - timedelta(days=70)).date()
    gathering = InRoomGathering.objects.filter(
        consultation=closed_consultation, name_key=name_key(PLACE), held_on=held_on
    ).first() or InRoomGathering.objects.create(
        consultation=closed_consultation, name=PLACE, held_on=held_on, created_by=facilitator
    )
    for priority, votes in zip(closed_priorities, (8, 3, 7), strict=True):
        InRoomTally.objects.update_or_create(
            gathering=gathering,
            priority=priority,
            defaults={"votes": votes, "entered_by": facilitator},
        )
    stdout.write("2 demo consultations loaded (one open, one closed).")
