"""What a member did besides posting, for "Your contributions": the votes they gave and the
reports they sent. One query each, however many there are."""

from ..models import PriorityStatus, Report, Vote


def member_votes_given(user):
    """The member's votes on priorities that are still published, newest first, with the
    consultation each is in (for "still open" or "closed")."""
    return (
        Vote.objects.filter(voter=user, priority__status=PriorityStatus.APPROVED)
        .select_related("priority__consultation", "priority__theme")
        .order_by("-created_at", "-pk")
    )


def member_reports_sent(user):
    """The reports the member sent, newest first. A priority taken down since is not named
    again (`priority.is_taken_down`): the page says only that it was taken down."""
    return (
        Report.objects.filter(reporter=user)
        .select_related("priority__consultation")
        .order_by("-created_at", "-pk")
    )
