"""Reads that need care: rankings, counts, queues. Each costs a fixed number of queries, however
many priorities or votes there are."""

from dataclasses import dataclass

from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import BOARD_REPRESENTATIVES

from .figures import ConsultationTally, PriorityTally, protect, show_on
from .models import (
    APPROVED,
    EDITABLE_BY_AUTHOR,
    MEETING_CANCELLED,
    MEETING_HELD,
    REMOVED,
    SUBMITTED,
    AgendaItem,
    AgendaItemPriority,
    Board,
    BoardMeeting,
    BoardResponse,
    Consultation,
    InRoomTally,
    Priority,
    Report,
    Theme,
    Vote,
)
from .taken_down import hide_taken_down

# How ties are broken, in the words the results page uses.
TIE_BREAK_EXPLANATION = _(
    "Priorities are listed by their total votes, online and in the room added together. "
    "If two have the same total, the one supported by more different people online comes first. "
    "If that is the same too, the one that was published first comes first."
)


def _sum_subquery(model, field, **filters):
    return Coalesce(
        Subquery(
            model.objects.filter(priority=OuterRef("pk"), **filters)
            .values("priority")
            .annotate(total=Sum(field))
            .values("total"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def with_counts(priorities):
    """Online votes, distinct online supporters, in-room votes and the total, as subqueries so the
    sums of two different tables never multiply each other."""
    return priorities.annotate(
        online_votes=_sum_subquery(Vote, "dots"),
        supporters=Coalesce(
            Subquery(
                Vote.objects.filter(priority=OuterRef("pk"))
                .values("priority")
                .annotate(n=Count("voter", distinct=True))
                .values("n"),
                output_field=IntegerField(),
            ),
            Value(0),
        ),
        in_room_votes=_sum_subquery(InRoomTally, "votes"),
    ).annotate(total_votes=F("online_votes") + F("in_room_votes"))


PRIORITY_PAGE_SIZE = 25


def published_priorities(consultation):
    return Priority.objects.filter(consultation=consultation, status=APPROVED).select_related(
        "theme", "author__profile"
    )


def ranked_priorities(consultation):
    """The results, ranked as TIE_BREAK_EXPLANATION says."""
    return with_counts(published_priorities(consultation)).order_by(
        "-total_votes", "-supporters", "approved_at", "pk"
    )


def _count_subquery(queryset, group_by, counted):
    return Coalesce(
        Subquery(
            queryset.order_by().values(group_by).annotate(n=counted).values("n"), output_field=IntegerField()
        ),
        Value(0),
    )


def consultation_tallies(consultation_ids):
    """{consultation id: ConsultationTally}: the exact counts behind every figure published about
    each consultation, for figures.protect. Two queries, however many consultations or priorities.
    Only published priorities count; people who took part are those who voted for one, or posted
    anything that was not taken down."""
    ids = list(consultation_ids)
    tallies = {pk: ConsultationTally() for pk in ids}
    if not ids:
        return tallies
    rows = (
        with_counts(Priority.objects.filter(consultation_id__in=ids, status=APPROVED))
        .order_by("pk")
        .values_list("consultation_id", "pk", "theme__name", "online_votes", "supporters", "in_room_votes")
    )
    for consultation_id, pk, theme, online, supporters, in_room in rows.iterator(chunk_size=5000):
        tallies[consultation_id].priorities.append(PriorityTally(pk, theme, online, supporters, in_room))
    published_votes = Vote.objects.filter(priority__status=APPROVED)
    authors_who_did_not_vote = (
        Priority.objects.filter(consultation=OuterRef("pk"), author__isnull=False)
        .exclude(status=REMOVED)
        .exclude(
            Exists(
                published_votes.filter(
                    voter=OuterRef("author"), priority__consultation=OuterRef("consultation")
                )
            )
        )
    )
    sessions = InRoomTally.objects.filter(priority__consultation=OuterRef("pk"), priority__status=APPROVED)
    people = Consultation.objects.filter(pk__in=ids).values_list(
        "pk",
        _count_subquery(
            published_votes.filter(priority__consultation=OuterRef("pk")),
            "priority__consultation",
            Count("voter", distinct=True),
        ),
        _count_subquery(authors_who_did_not_vote, "consultation", Count("author", distinct=True)),
        _count_subquery(
            sessions,
            "priority__consultation",
            Count(Concat("place", Value(" "), Cast("held_on", CharField())), distinct=True),
        ),
    )
    for pk, voters, authors, session_count in people:
        tallies[pk].online_voters = voters
        tallies[pk].participants = voters + authors
        tallies[pk].in_room_sessions = session_count
    return tallies


def consultation_figures(consultation_ids):
    """{consultation id: ConsultationFigures}: what every page and file may show, protected once."""
    return {pk: protect(tally) for pk, tally in consultation_tallies(consultation_ids).items()}


def results_for(consultation):
    """The ranked results, showing the protected counts, and the consultation's figures."""
    figures = consultation_figures([consultation.pk])[consultation.pk]
    return [show_on(priority, figures) for priority in ranked_priorities(consultation)], figures


def themes_in_results(ranked):
    return sorted({p.theme.name for p in ranked if p.theme_id})


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
    return Priority.objects.filter(consultation=consultation, author=user, status__in=EDITABLE_BY_AUTHOR)


def moderation_queue():
    """Waiting priorities and published ones with open reports; urgent first, then oldest first."""
    open_reports = Count("reports", filter=Q(reports__resolved_at__isnull=True))
    return (
        Priority.objects.annotate(open_reports=open_reports)
        .filter(Q(status=SUBMITTED) | Q(status=APPROVED, open_reports__gt=0))
        .select_related("consultation", "theme", "author__profile")
        .order_by("-is_urgent", "-open_reports", "submitted_at", "pk")
    )


def open_reports_for(priority):
    return Report.objects.filter(priority=priority, resolved_at__isnull=True).order_by("created_at")


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
    links = [link for link in _board_links(priority) if link.agenda_item.meeting.status != MEETING_CANCELLED]
    if links:
        reached[JOURNEY_SHORTLISTED] = links[0].shortlisted_at
        held = [
            link.agenda_item.meeting.starts_at
            for link in links
            if link.agenda_item.meeting.status == MEETING_HELD
        ]
        if held:
            reached[JOURNEY_ON_AGENDA] = min(held)
        response = board_response_for(priority)
        if response is not None:
            reached[JOURNEY_BOARD_RESPONSE] = response.recorded_at
    return [JourneyStep(key, label, key in reached, reached.get(key)) for key, label in JOURNEY_STEPS]


def _with_board_links(priorities):
    return priorities.prefetch_related(
        Prefetch("agenda_links", queryset=_agenda_links_queryset(), to_attr="prefetched_agenda_links")
    )


def member_contributions(user):
    return _with_board_links(
        Priority.objects.filter(author=user)
        .select_related("consultation", "theme", "merged_into")
        .order_by("-submitted_at")
    )


def counts_for_author(priorities, user):
    """Mark each published priority `counts_shown` where the person may see its consultation's
    results, and show the protected counts on it: an author sees no more than anyone else.
    A fixed number of queries, however many consultations."""
    consultations = {priority.consultation_id: priority.consultation for priority in priorities}
    allowed = [pk for pk, c in consultations.items() if user.has_perm("consultations.see_results", c)]
    figures = consultation_figures(allowed)
    for priority in priorities:
        priority.counts_shown = priority.consultation_id in figures and priority.status == APPROVED
        if priority.counts_shown:
            show_on(priority, figures[priority.consultation_id])
    return priorities


def open_consultations(*, now=None):
    """Consultations open to every member right now, closing soonest first (the home page's list)."""
    now = now or timezone.now()
    return Consultation.objects.filter(
        opens_at__lte=now, closes_at__gt=now, eligible_group__isnull=True
    ).order_by("closes_at")


def member_supported_with_responses(user):
    """Priorities someone else posted that this member voted for and the board has responded to."""
    return _with_board_links(
        Priority.objects.filter(votes__voter=user, agenda_links__agenda_item__response__isnull=False)
        .exclude(author=user)
        .select_related("consultation")
        .distinct()
        .order_by("-approved_at", "pk")
    )


# The partnership board


def boards_for(user):
    """The boards this person works on: every board for staff, the boards that list them otherwise."""
    boards = Board.objects.all()
    if not (user.is_staff and user.is_active):
        boards = boards.filter(representatives=user, representatives__groups__name=BOARD_REPRESENTATIVES)
    meetings = BoardMeeting.objects.annotate(item_count=Count("agenda_items")).order_by("-starts_at", "-pk")
    closed = Consultation.objects.filter(closes_at__lte=timezone.now()).order_by("-closes_at")
    return boards.distinct().prefetch_related(
        Prefetch("meetings", queryset=meetings), Prefetch("consultations", queryset=closed)
    )


def shortlist_candidates(consultation, meeting):
    """The consultation's ranked results, each marked if it is already on this meeting's agenda."""
    figures = consultation_figures([consultation.pk])[consultation.pk]
    ranked = [
        show_on(priority, figures)
        for priority in ranked_priorities(consultation).select_related(None).select_related("theme")
    ]
    taken = set(
        AgendaItemPriority.objects.filter(meeting=meeting, priority__consultation=consultation).values_list(
            "priority_id", flat=True
        )
    )
    for rank, priority in enumerate(ranked, start=1):
        priority.rank = rank
        priority.already_on_agenda = priority.pk in taken
    return ranked


def agenda_for(meeting):
    """The meeting's agenda items in order, each with its response and the history of updates, and
    its `shown_priorities` (most votes first) showing protected counts, taken-down ones replaced.
    A fixed number of queries, however long."""
    counted = with_counts(Priority.objects.select_related("theme", "consultation")).order_by(
        "-total_votes", "-supporters", "approved_at", "pk"
    )
    items = hide_taken_down(
        list(
            AgendaItem.objects.filter(meeting=meeting)
            .select_related("response")
            .prefetch_related(Prefetch("priorities", queryset=counted), "response__updates")
            .order_by("position")
        )
    )
    shown = [priority for item in items for priority in item.shown_priorities if not priority.is_taken_down]
    figures = consultation_figures({priority.consultation_id for priority in shown})
    for priority in shown:
        show_on(priority, figures[priority.consultation_id])
    return items


def consultation_ranks(consultation_ids):
    """{priority id: place in its consultation's results}, for the consultations named."""
    ranks = {}
    for consultation_id in consultation_ids:
        ordered = ranked_priorities(Consultation(pk=consultation_id)).values_list("pk", flat=True)
        ranks.update({pk: place for place, pk in enumerate(ordered.iterator(chunk_size=5000), start=1)})
    return ranks


RESPONSE_PAGE_SIZE = 20


def public_responses(*, status=None, theme=None):
    """Board responses for "You said, we did", newest first, each with its item, meeting, board,
    priorities, themes and consultations prefetched. Show them through `shown_responses`."""
    responses = BoardResponse.objects.exclude(agenda_item__meeting__status=MEETING_CANCELLED)
    if status:
        responses = responses.filter(status=status)
    if theme:
        themed = Priority.objects.filter(theme__name=theme).exclude(status=REMOVED)
        responses = responses.filter(
            pk__in=BoardResponse.objects.filter(agenda_item__priorities__in=themed).values("pk")
        )
    return (
        responses.select_related("agenda_item__meeting__board")
        .prefetch_related(
            Prefetch(
                "agenda_item__priorities", queryset=Priority.objects.select_related("theme", "consultation")
            ),
            "updates",
        )
        .order_by("-updated_at", "-pk")
    )


def shown_responses(responses):
    """A page of public_responses as a list, with taken-down priorities replaced."""
    responses = list(responses)
    hide_taken_down([response.agenda_item for response in responses])
    return responses


def response_theme_names():
    """The names of themes that have at least one board response, for the filter."""
    answered = Priority.objects.filter(agenda_links__agenda_item__response__isnull=False).exclude(
        status=REMOVED
    )
    return list(
        Theme.objects.filter(priorities__in=answered)
        .order_by("name")
        .values_list("name", flat=True)
        .distinct()
    )


def latest_responses(limit=3):
    return shown_responses(public_responses()[:limit])
