"""The moderation queue: waiting priorities and published ones with open reports."""

from django.db.models import Count, Q

from ..models import (
    Priority,
    PriorityStatus,
    Report,
)


def moderation_queue():
    """Waiting priorities and published ones with open reports; urgent first, then oldest first."""
    open_reports = Count("reports", filter=Q(reports__resolved_at__isnull=True))
    return (
        Priority.objects.annotate(open_reports=open_reports)
        .filter(Q(status=PriorityStatus.SUBMITTED) | Q(status=PriorityStatus.APPROVED, open_reports__gt=0))
        .select_related("consultation", "theme", "author__profile")
        .order_by("-is_urgent", "-open_reports", "submitted_at", "pk")
    )


def open_reports_for(priority):
    return Report.objects.filter(priority=priority, resolved_at__isnull=True).order_by("created_at")
