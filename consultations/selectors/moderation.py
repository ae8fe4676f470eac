"""The moderation queue: waiting priorities and published ones with open reports."""

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from portal.prepared import PreparedLookup, PreparedQuery
from safeguarding.models import Case, SourceKind

from ..models import (
    ModerationLog,
    Priority,
    PriorityStatus,
    Report,
)


def open_case_for_priority():
    """The first open safeguarding case about a priority (its id), for annotating a queryset."""
    cases = Case.objects.open().filter(source_kind__in=SourceKind.for_priorities(), source_id=OuterRef("pk"))
    return Subquery(cases.order_by("opened_at").values("pk")[:1])


# What a facilitator's "check a post" reads about the post, each with its SQL put together once:
# putting together these four took longer than running them.
OPEN_CASES = PreparedLookup(
    lambda pk: Case.objects.open().for_source(SourceKind.for_priorities(), pk).order_by("opened_at"),
    field=Case._meta.get_field("source_id"),
    stand_in=7_101_947_000_000_001,  # a positive number: a negative one is out of the field's range
)
OPEN_REPORTS = PreparedLookup(
    lambda pk: Report.objects.filter(priority_id=pk, resolved_at__isnull=True).order_by("created_at"),
    field="priority",
)
LOG = PreparedLookup(
    lambda pk: ModerationLog.objects.filter(priority_id=pk).select_related("actor__profile")[:20],
    field="priority",
)


def open_cases_for(priority):
    return OPEN_CASES.all(priority.pk)


def moderation_log(priority):
    """The last 20 things done to the post, newest first."""
    return LOG.all(priority.pk)


# What the queue shows of each priority: only these are read. The consultation's question and the
# author's display name come as values beside them, not as a consultation, an account and a profile
# made into objects for every row (the consultation is a ClusterableModel, slow to make): with 31
# posts waiting, reading the queue took 8.2 ms that way, most of it making objects.
QUEUE_READS = (
    "title",
    "status",
    "author",
    "is_urgent",
    "may_include_personal_details",
    "submitted_at",
    "show_name",
    "gathered_place",
    "gathered_on",
)


def _count_open_reports():
    open_reports = Report.objects.filter(priority=OuterRef("pk"), resolved_at__isnull=True).order_by()
    return Coalesce(Subquery(open_reports.values("priority").annotate(n=Count("pk")).values("n")), 0)


def _moderation_queue():
    """Waiting priorities and published ones with open reports; urgent first, then oldest first.

    The published ones are found with EXISTS before anything is counted: counting reports for
    every priority first and keeping those with some took 6 ms at 2,000 priorities, this 1.5. Each
    one's open reports are counted beside it, with no GROUP BY over the joined rows."""
    reported = Exists(Report.objects.filter(priority=OuterRef("pk"), resolved_at__isnull=True))
    return (
        Priority.objects.filter(
            Q(status=PriorityStatus.SUBMITTED) | Q(reported, status=PriorityStatus.APPROVED)
        )
        .annotate(
            open_reports=_count_open_reports(),
            open_case=open_case_for_priority(),
            consultation_question=F("consultation__question"),
            author_name=F("author__profile__display_name"),
        )
        .only(*QUEUE_READS)
        .order_by("-is_urgent", "-open_reports", "submitted_at", "pk")
    )


# Its SQL takes longer to put together than to run (2.5 ms each with 31 posts waiting), and nothing
# in it changes from one request to the next: compiled once (portal/prepared.py).
QUEUE = PreparedQuery(_moderation_queue)


def moderation_queue():
    """The queue, as a list."""
    return QUEUE.all()


def open_reports_for(priority):
    return OPEN_REPORTS.all(priority.pk)
