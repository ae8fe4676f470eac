"""A consultation's results: its published priorities ranked, and every count published about it,
protected once (figures.py). A fixed number of queries, however many priorities or votes."""

from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from portal.shared_reads import remember

from ..figures import ConsultationTally, PriorityTally, protect, show_on
from ..figures_cache import cached_figures
from ..models import (
    Consultation,
    InRoomTally,
    Priority,
    PriorityStatus,
    Vote,
)

# How ties are broken, in the words the results page uses.
TIE_BREAK_EXPLANATION = _(
    "Priorities are listed by their total votes, online and in the room added together. "
    "If two have the same total, the one supported by more different people online comes first. "
    "If that is the same too, the one that was published first comes first."
)

PRIORITY_PAGE_SIZE = 25


def published_priorities(consultation):
    return listed_priorities(consultation).select_related("theme", "author__profile")


def listed_priorities(consultation):
    """Its published priorities as the consultation page lists them: only their own columns. What
    they say is drawn from shared fragments (portal/fragments.py); `read_words` reads what a
    fragment still to be made shows."""
    return Priority.objects.filter(consultation=consultation).published()


def read_words(priorities):
    """The same priorities with what their words show (the theme, the author's name): one query."""
    return Priority.objects.filter(pk__in=[priority.pk for priority in priorities]).select_related(
        "theme", "author__profile"
    )


def consultation_themes(consultation):
    """Its themes, shared by every app server through the cache (portal.shared_reads): saving a
    theme moves the content version on, so they are read afresh at once."""
    return remember(f"consultation-themes:{consultation.pk}", lambda: list(consultation.themes.all()))


def published_count(consultation, theme=None):
    """How many of its priorities show, all or about one theme; shared the same way (publishing,
    changing or taking down a priority moves the content version on)."""
    shown = published_priorities(consultation)
    if theme is not None:
        shown = shown.filter(theme=theme)
    return remember(f"published-count:{consultation.pk}:{theme.pk if theme else 'all'}", shown.count)


def ranked_priorities(consultation):
    """The results, ranked as TIE_BREAK_EXPLANATION says."""
    return published_priorities(consultation).ranked()


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
        Priority.objects.filter(consultation_id__in=ids)
        .published()
        .with_counts()
        .order_by("pk")
        .values_list("consultation_id", "pk", "theme__name", "online_votes", "supporters", "in_room_votes")
    )
    # Read in one go: every row is kept (as a PriorityTally) anyway, and reading through a cursor
    # on the server cost a round trip more than it saved.
    for consultation_id, pk, theme, online, supporters, in_room in rows:
        tallies[consultation_id].priorities.append(PriorityTally(pk, theme, online, supporters, in_room))
    published_votes = Vote.objects.filter(priority__status=PriorityStatus.APPROVED)
    authors_who_did_not_vote = (
        Priority.objects.filter(consultation=OuterRef("pk"), author__isnull=False)
        .exclude(status=PriorityStatus.REMOVED)
        .exclude(
            Exists(
                published_votes.filter(
                    voter=OuterRef("author"), priority__consultation=OuterRef("consultation")
                )
            )
        )
    )
    sessions = InRoomTally.objects.filter(
        priority__consultation=OuterRef("pk"), priority__status=PriorityStatus.APPROVED
    )
    people = Consultation.objects.filter(pk__in=ids).values_list(
        "pk",
        _count_subquery(
            published_votes.filter(priority__consultation=OuterRef("pk")),
            "priority__consultation",
            Count("voter", distinct=True),
        ),
        _count_subquery(authors_who_did_not_vote, "consultation", Count("author", distinct=True)),
        _count_subquery(sessions, "priority__consultation", Count("gathering", distinct=True)),
    )
    for pk, voters, authors, session_count in people:
        tallies[pk].online_voters = voters
        tallies[pk].participants = voters + authors
        tallies[pk].in_room_sessions = session_count
    return tallies


def counted_figures(consultation_ids):
    """{consultation id: ConsultationFigures}, counted from the database now."""
    return {pk: protect(tally) for pk, tally in consultation_tallies(consultation_ids).items()}


def consultation_figures(consultation_ids):
    """{consultation id: ConsultationFigures}: what every page and file may show, protected once;
    counted again only when something they count has changed (figures_cache.py)."""
    return cached_figures(consultation_ids, counted_figures)


class RankedResults:
    """The ranked priorities showing the protected counts, read only when a page goes through
    them: a ranked table kept whole in the cache (templatetags/counts.py) needs no query."""

    def __init__(self, consultation, figures):
        self.consultation, self.figures = consultation, figures

    @cached_property
    def _priorities(self):
        return [show_on(priority, self.figures) for priority in ranked_priorities(self.consultation)]

    def __iter__(self):
        return iter(self._priorities)

    def __len__(self):
        return len(self._priorities)

    def __bool__(self):
        return bool(self.figures.priorities)


def results_for(consultation):
    """The ranked results, showing the protected counts, and the consultation's figures."""
    figures = consultation_figures([consultation.pk])[consultation.pk]
    return RankedResults(consultation, figures), figures


def themes_in_results(figures):
    """The themes of the published priorities, by name."""
    return sorted(theme.name for theme in figures.themes if theme.name)
