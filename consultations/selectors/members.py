"""What a member sees of their own part: their votes, their priorities and each one's journey to
the board, and the consultations open to them."""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from portal.prepared import PreparedLookup, PreparedShape

from ..figures import show_on
from ..models import (
    AgendaItemPriority,
    Consultation,
    MeetingStatus,
    ModerationAction,
    ModerationLog,
    Priority,
    PriorityStatus,
    Vote,
)
from .results import consultation_figures


def member_votes(consultation, user):
    """{priority id: dots} for one member in one consultation."""
    if not user.is_authenticated:
        return {}
    return dict(
        Vote.objects.filter(voter=user, priority__consultation=consultation).values_list(
            "priority_id", "dots"
        )
    )


def own_pending_priorities(consultation, user):
    if not user.is_authenticated:
        return Priority.objects.none()
    return Priority.objects.filter(
        consultation=consultation, author=user, status__in=PriorityStatus.editable_by_author()
    )


# A priority's journey. The board issue adds its steps (shortlisted, on a board meeting agenda,
# board response) by filling in `reached` from its own records; the list and the page already show them.
JOURNEY_SUBMITTED = "submitted"

JOURNEY_PUBLISHED = "published"

JOURNEY_SHORTLISTED = "shortlisted"

JOURNEY_ON_AGENDA = "on_agenda"

JOURNEY_BOARD_RESPONSE = "board_response"

JOURNEY_STEPS = [
    (JOURNEY_SUBMITTED, _("You posted it")),
    (JOURNEY_PUBLISHED, _("Checked and published")),
    (JOURNEY_SHORTLISTED, _("Shortlisted for the partnership board")),
    (JOURNEY_ON_AGENDA, _("On a board meeting agenda")),
    (JOURNEY_BOARD_RESPONSE, _("The board's response")),
]


@dataclass
class JourneyStep:
    key: str
    label: str
    reached: bool
    when: object = None


def _board_links(priority):
    """The priority's agenda links, prefetched by member_contributions (one query for all)."""
    links = getattr(priority, "prefetched_agenda_links", None)
    if links is None:
        links = list(_agenda_links_queryset().filter(priority=priority))
    return links


def _agenda_links_queryset():
    return AgendaItemPriority.objects.select_related(
        "agenda_item__meeting", "agenda_item__response"
    ).order_by("shortlisted_at", "pk")


def board_response_for(priority):
    """The latest board response to any agenda item the priority is on, or None."""
    responses = [
        link.agenda_item.response for link in _board_links(priority) if hasattr(link.agenda_item, "response")
    ]
    return max(responses, key=lambda response: response.updated_at, default=None)


def priority_journey(priority):
    reached = {JOURNEY_SUBMITTED: priority.submitted_at}
    if priority.approved_at:
        reached[JOURNEY_PUBLISHED] = priority.approved_at
    links = [
        link for link in _board_links(priority) if link.agenda_item.meeting.status != MeetingStatus.CANCELLED
    ]
    if links:
        reached[JOURNEY_SHORTLISTED] = links[0].shortlisted_at
        held = [
            link.agenda_item.meeting.starts_at
            for link in links
            if link.agenda_item.meeting.status == MeetingStatus.HELD
        ]
        if held:
            reached[JOURNEY_ON_AGENDA] = min(held)
        response = board_response_for(priority)
        if response is not None:
            reached[JOURNEY_BOARD_RESPONSE] = response.recorded_at
    return [JourneyStep(key, label, key in reached, reached.get(key)) for key, label in JOURNEY_STEPS]


# The agenda links of a list of priorities, its SQL put together once for each length of the list
# (portal/prepared.py). "Your contributions" reads them twice (its own posts, and those it
# supported): as a prefetch put together each time, that was a seventh of its Python calls
# (28,027 -> 24,086; AUTHOR_NOTES below took it to 22,909).
AGENDA_LINKS = PreparedShape(
    lambda priorities: _agenda_links_queryset().filter(priority__in=priorities),
    priorities=AgendaItemPriority._meta.get_field("priority"),
)


def _with_board_links(priorities):
    """The same list, each priority with its agenda links: one query for all, none if empty."""
    links = defaultdict(list)
    for link in AGENDA_LINKS.all(priorities=[priority.pk for priority in priorities]):
        links[link.priority_id].append(link)
    for priority in priorities:
        priority.prefetched_agenda_links = links[priority.pk]
    return priorities


# "Your contributions" reads these on every visit: their SQL is put together once
# (portal/prepared.py), which made the page about a third quicker.
CONTRIBUTIONS = PreparedLookup(
    lambda author: (
        Priority.objects.filter(author=author)
        .select_related("consultation", "theme", "merged_into")
        .order_by("-submitted_at")
    ),
    field="author",
)
SUPPORTED_WITH_RESPONSES = PreparedLookup(
    lambda voter: (
        Priority.objects.filter(votes__voter=voter, agenda_links__agenda_item__response__isnull=False)
        .select_related("consultation")
        .distinct()
        .order_by("-approved_at", "pk")
    ),
    field=Vote._meta.get_field("voter"),
)


def member_contributions(user):
    """The member's own priorities, newest first, each with its agenda links (a list)."""
    return _with_board_links(CONTRIBUTIONS.all(user.pk))


# What moderators did to a list of priorities that their author should know, oldest first.
AUTHOR_NOTES = PreparedShape(
    lambda priorities: (
        ModerationLog.objects.filter(
            priority__in=priorities, action__in=(ModerationAction.EDIT, ModerationAction.REMOVE)
        )
        .only("priority_id", "action", "reason", "created_at")
        .order_by("created_at", "pk")
    ),
    priorities=ModerationLog._meta.get_field("priority"),
)


def moderation_for_author(priorities):
    """Mark each priority with what moderators did that its author should know: `taken_down_reason`
    (the reason given) and `edited_at` (when a facilitator last changed its words). One query."""
    latest = {}
    for entry in AUTHOR_NOTES.all(priorities=[priority.pk for priority in priorities]):
        latest[(entry.priority_id, entry.action)] = entry
    for priority in priorities:
        removed = latest.get((priority.pk, ModerationAction.REMOVE))
        edited = latest.get((priority.pk, ModerationAction.EDIT))
        priority.taken_down_reason = removed.reason if removed else ""
        priority.edited_at = edited.created_at if edited else None
    return priorities


def counts_for_author(priorities, user):
    """Mark each published priority `counts_shown` where the person may see its consultation's
    results, and show the protected counts on it: an author sees no more than anyone else.
    A fixed number of queries, however many consultations."""
    consultations = {priority.consultation_id: priority.consultation for priority in priorities}
    allowed = [pk for pk, c in consultations.items() if user.has_perm("consultations.see_results", c)]
    figures = consultation_figures(allowed)
    for priority in priorities:
        priority.counts_shown = (
            priority.consultation_id in figures and priority.status == PriorityStatus.APPROVED
        )
        if priority.counts_shown:
            show_on(priority, figures[priority.consultation_id])
    return priorities


def member_supported_with_responses(user):
    """Priorities someone else posted that this member voted for and the board has responded to
    (a list). Their own posts are left out here, not in the query, which names the member once."""
    found = [p for p in SUPPORTED_WITH_RESPONSES.all(user.pk) if p.author_id != user.pk]
    return _with_board_links(found)


def open_consultations(*, now=None):
    """Consultations open to every member right now, closing soonest first (the home page's list)."""
    return Consultation.objects.open(now).for_every_member().order_by("closes_at")
