"""What a member did besides posting, for "Your contributions": the votes they gave and the
reports they sent. One query each, however many there are, with its SQL put together once
(portal/prepared.py) and only the columns the page shows: each took 2-5 ms to put together and
read through the ORM, most of the page's time."""

from portal.prepared import PreparedLookup

from ..models import PriorityStatus, Report, Vote

# What the page says of a consultation: its question, a link to it, and whether it is still open.
CONSULTATION_SHOWN = ("question", "opens_at", "closes_at", "votes_can_be_moved")

VOTES_GIVEN = PreparedLookup(
    lambda voter: (
        Vote.objects.filter(voter=voter, priority__status=PriorityStatus.APPROVED)
        .select_related("priority__consultation")
        .only("dots", "priority__title", *(f"priority__consultation__{name}" for name in CONSULTATION_SHOWN))
        .order_by("-created_at", "-pk")
    ),
    field="voter",
)
REPORTS_SENT = PreparedLookup(
    lambda reporter: Report.objects.filter(reporter=reporter)
    .select_related("priority__consultation")
    .only(
        "reason", "created_at", "resolved_at", "priority__title", "priority__status",
        *(f"priority__consultation__{name}" for name in CONSULTATION_SHOWN),
    )
    .order_by("-created_at", "-pk"),
    field="reporter",
)  # fmt: skip


def member_votes_given(user):
    """The member's votes on priorities that are still published, newest first, with the
    consultation each is in (for "still open" or "closed")."""
    return VOTES_GIVEN.all(user.pk)


def member_reports_sent(user):
    """The reports the member sent, newest first. A priority taken down since is not named
    again (`priority.is_taken_down`): the page says only that it was taken down."""
    return REPORTS_SENT.all(user.pk)
