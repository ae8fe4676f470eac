"""What consultations remove when it is past its time, for `manage.py apply_retention`."""

from portal.retention import RetentionStep, period

from .models import InRoomGathering, InRoomTally, Priority, PriorityRevision
from .services import exports_purge


def in_room_details_remove(now):
    """Forget which facilitator typed in what was gathered in the room; the words and counts stay.
    Returns how many priorities, tallies and gatherings no longer name who entered them."""
    before = now - period("IN_ROOM_DETAILS_RETENTION_DAYS")
    priorities = Priority.objects.filter(entered_by__isnull=False, submitted_at__lt=before).update(
        entered_by=None
    )
    tallies = InRoomTally.objects.filter(entered_by__isnull=False, entered_at__lt=before).update(
        entered_by=None
    )
    gatherings = InRoomGathering.objects.filter(created_by__isnull=False, created_at__lt=before).update(
        created_by=None
    )
    return priorities + tallies + gatherings


def moderation_originals_remove(now):
    """The words as they were before a moderator's edit, past their time."""
    deleted, _ = PriorityRevision.objects.filter(
        edited_at__lt=now - period("MODERATION_ORIGINALS_RETENTION_DAYS")
    ).delete()
    return deleted


def old_exports_remove(now):
    """Export files past their time (as purge_old_exports does); the record of the export stays."""
    return exports_purge(older_than=now - period("EXPORT_RETENTION_DAYS"))


def steps():
    return [
        RetentionStep(
            "in-room-details",
            "who typed in priorities and tallies gathered in the room, IN_ROOM_DETAILS_RETENTION_DAYS after",
            in_room_details_remove,
        ),
        RetentionStep(
            "moderation-originals",
            "words as they were before a moderator's edit, MODERATION_ORIGINALS_RETENTION_DAYS after the edit",
            moderation_originals_remove,
        ),
        RetentionStep(
            "export-files",
            "board packs and spreadsheets, EXPORT_RETENTION_DAYS after they were made",
            old_exports_remove,
        ),
    ]
