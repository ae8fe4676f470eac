"""What members contribute: priorities, ballots, votes, in-room tallies and reports.

A contribution points at its author through a nullable foreign key and reads the display name
from the author's profile when a page renders, so it survives the author as "a former member".
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import PriorityStatus
from .constants import (
    EXPLANATION_MAX_LENGTH,
    MAX_IN_ROOM_VOTES,
    MAX_VOTES_PER_MEMBER,
    PLACE_MAX_LENGTH,
    REASON_MAX_LENGTH,
    TITLE_MAX_LENGTH,
)
from .consultation import Consultation, Theme
from .in_room import InRoomGathering


class PriorityQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PriorityStatus.APPROVED)

    def waiting_for_a_check(self):
        return self.filter(status=PriorityStatus.SUBMITTED)

    def with_counts(self):
        """Online votes, different people who voted online, in-room votes and the total, from the
        counts each priority keeps (PriorityCounts): one join, however many votes."""
        counted = {name: Coalesce(F(f"counts__{name}"), 0) for name in PriorityCounts.COUNTS}
        return self.annotate(**counted).annotate(total_votes=F("online_votes") + F("in_room_votes"))

    def ranked(self):
        """Most votes first, as selectors.TIE_BREAK_EXPLANATION says in words."""
        return self.with_counts().order_by("-total_votes", "-supporters", "approved_at", "pk")


class Priority(models.Model):
    Status = PriorityStatus

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="priorities")
    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.SET_NULL, related_name="priorities"
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    explanation = models.TextField(_("explanation"), max_length=EXPLANATION_MAX_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="priorities"
    )
    show_name = models.BooleanField(_("show my display name"), default=False)
    status = models.CharField(max_length=20, choices=PriorityStatus.choices, default=PriorityStatus.SUBMITTED)
    is_urgent = models.BooleanField(
        default=False, help_text=_("The words suggest the person may need help now.")
    )
    may_include_personal_details = models.BooleanField(default=False)
    return_message = models.TextField(blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from"
    )
    # Gathered at a group for someone who is not online: no account, the place and day instead.
    gathered_place = models.CharField(max_length=PLACE_MAX_LENGTH, blank=True)
    gathered_on = models.DateField(null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    approved_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Goes up each time the author changes the words, so a moderator acts on the words they read.
    version = models.PositiveIntegerField(default=1)

    objects = PriorityQuerySet.as_manager()

    class Meta:
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        ordering = ["submitted_at", "pk"]
        # A consultation's published priorities in their order: a page of 25 is read straight from
        # the index instead of sorting all of them (1.8 ms -> 0.1 ms at 1,000 priorities).
        indexes = [
            models.Index(fields=["consultation", "status", "submitted_at", "id"], name="priority_listing_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=PriorityStatus.MERGED) | Q(merged_into__isnull=False),
                name="merged_priority_has_survivor",
            ),
            models.CheckConstraint(
                condition=Q(status=PriorityStatus.APPROVED, approved_at__isnull=False)
                | ~Q(status=PriorityStatus.APPROVED),
                name="approved_priority_has_approval_time",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_gathered(self):
        return bool(self.gathered_place)

    @property
    def is_published(self):
        return self.status == PriorityStatus.APPROVED

    @property
    def is_waiting_for_a_check(self):
        return self.status == PriorityStatus.SUBMITTED

    @property
    def is_returned(self):
        return self.status == PriorityStatus.RETURNED

    @property
    def is_merged(self):
        return self.status == PriorityStatus.MERGED

    @property
    def is_taken_down(self):
        return self.status == PriorityStatus.REMOVED

    @property
    def is_on_its_way(self):
        """Waiting, sent back or published: the steps towards the board still lie ahead of it."""
        return self.status in (PriorityStatus.SUBMITTED, PriorityStatus.RETURNED, PriorityStatus.APPROVED)

    @property
    def editable_by_author(self):
        return self.status in PriorityStatus.editable_by_author()


class PriorityCounts(models.Model):
    """A priority's vote counts, kept by the database (triggers, vote_counts.py) in the same
    transaction as the change to the votes or in-room tallies, under the priority's lock, whatever
    makes it. A narrow table of its own, so counting a vote rewrites a small row, never the
    priority's words and their indexes. Never written by Django."""

    COUNTS = ("online_votes", "supporters", "in_room_votes")

    priority = models.OneToOneField(
        Priority, primary_key=True, on_delete=models.CASCADE, related_name="counts"
    )
    online_votes = models.PositiveIntegerField(default=0)
    supporters = models.PositiveIntegerField(default=0)
    in_room_votes = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = _("priority counts")
        constraints = [
            models.CheckConstraint(
                condition=Q(supporters__lte=F("online_votes")), name="priority_supporters_within_votes"
            )
        ]

    def __str__(self):
        return f"Counts of priority {self.priority_id}"


class Ballot(models.Model):
    """One member's votes in one consultation. Its row is locked while a vote changes, so
    simultaneous requests from one member can never spend more than the budget."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="ballots")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ballots")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "voter"], name="one_ballot_per_member_per_consultation"
            )
        ]

    def __str__(self):
        return f"Ballot {self.pk} in consultation {self.consultation_id}"


class Vote(models.Model):
    """A member's support for a priority. `dots` is above 1 only where a consultation lets members
    put several votes on one priority. The vote stays (without its voter) if the account goes."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="consultation_votes"
    )
    dots = models.PositiveSmallIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["voter", "priority"], name="one_vote_row_per_member_per_priority"
            ),
            models.CheckConstraint(
                condition=Q(dots__gte=1, dots__lte=MAX_VOTES_PER_MEMBER), name="vote_dots_in_range"
            ),
        ]

    def __str__(self):
        return f"{self.dots} vote(s) on priority {self.priority_id}"


class InRoomTally(models.Model):
    """Dot votes counted on paper for one priority at one gathering. One row per gathering and
    priority, so entering the same sheet twice replaces the count instead of adding it again."""

    gathering = models.ForeignKey(InRoomGathering, on_delete=models.PROTECT, related_name="tallies")
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="tallies")
    votes = models.PositiveIntegerField(_("votes"), validators=[MaxValueValidator(MAX_IN_ROOM_VOTES)])
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("in-room tally")
        constraints = [
            models.UniqueConstraint(
                fields=["gathering", "priority"], name="one_tally_per_gathering_and_priority"
            ),
            models.CheckConstraint(condition=Q(votes__lte=MAX_IN_ROOM_VOTES), name="tally_votes_in_range"),
        ]

    def __str__(self):
        return f"{self.votes} at {self.gathering}"


class Report(models.Model):
    """A member's "report this" on a priority."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(max_length=REASON_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["priority", "reporter"],
                condition=Q(resolved_at__isnull=True),
                name="one_open_report_per_member_per_priority",
            )
        ]

    def __str__(self):
        return f"Report on priority {self.priority_id}"
