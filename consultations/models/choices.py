"""The consultations' vocabulary: the states and statuses a consultation, a priority, a moderation
action, a board meeting, a response and an export can take. Stored values never change.

Each model carries the ones it uses (`Priority.Status.APPROVED`) and answers questions about
itself (`priority.is_published`), so templates never compare raw strings.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsultationState(models.TextChoices):
    """Not stored: worked out from the opening and closing times."""

    UPCOMING = "upcoming", _("Opens soon")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class PriorityStatus(models.TextChoices):
    """Where a priority is on its way. Later steps (shortlisted, on a board agenda, the board's
    response) come from the board's own records (selectors.priority_journey)."""

    SUBMITTED = "submitted", _("Waiting for a check")
    RETURNED = "returned", _("Sent back to you")
    APPROVED = "approved", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn by you")
    MERGED = "merged", _("Joined with a similar priority")
    REMOVED = "removed", _("Taken down")

    @classmethod
    def editable_by_author(cls):
        return (cls.SUBMITTED, cls.RETURNED)

    @classmethod
    def never_shown(cls):
        """Never published, or taken back by their author: what goes when the author's account does."""
        return (cls.SUBMITTED, cls.RETURNED, cls.WITHDRAWN)


class ModerationAction(models.TextChoices):
    APPROVE = "approve", _("Approved")
    RETURN = "return", _("Sent back")
    EDIT = "edit", _("Edited out personal details")
    MERGE = "merge", _("Joined with a similar priority")
    REMOVE = "remove", _("Taken down")
    DISMISS_REPORTS = "dismiss_reports", _("Reports looked at, no change")
    GATHERED = "gathered", _("Entered for someone at a group")
    TALLY = "tally", _("Entered in-room votes")
    TALLY_REMOVED = "tally_removed", _("Took off in-room votes")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class ResponseStatus(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    NOT_TAKEN_FORWARD = "not_taken_forward", _("Not taken forward")


class ExportFormat(models.TextChoices):
    CSV = "csv", _("CSV")
    XLSX = "xlsx", _("Excel")
    JSON = "json", _("JSON")
    PDF = "pdf", _("PDF board pack")
    PACK = "pack", _("Printable board pack")


class ExportSubject(models.TextChoices):
    CONSULTATION = "consultation", _("Consultation results")
    MEETING = "meeting", _("Board meeting agenda")


class ExportStatus(models.TextChoices):
    SENT = "sent", _("Downloaded straight away")
    QUEUED = "queued", _("Being made")
    READY = "ready", _("Ready to download")
    FAILED = "failed", _("Could not be made")
    DELETED = "deleted", _("Deleted")
