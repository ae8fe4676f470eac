"""The record of every export, asking for a file to be made, and deleting made files when their
time is up."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .. import tasks
from ..models import ExportLog, ExportStatus

# A second click on "make the file" within this time gets the file already being made.
SAME_REQUEST_WITHIN = timedelta(minutes=10)


def export_log_create(*, user, role, subject, object_id, description, export_format, status):
    return ExportLog.objects.create(
        user=user,
        role=role,
        subject=subject,
        object_id=object_id,
        description=description[:250],
        format=export_format,
        status=status,
    )


def export_file_request(*, user, role, subject, object_id, description, export_format):
    """Ask for an Excel or PDF file to be made in the background. Returns (log, is_new): asking
    again for the same file while it is being made (a double click, an impatient second try)
    gets the same record, so one file is made and one email sent."""
    with transaction.atomic():
        earlier = (
            ExportLog.objects.select_for_update()
            .filter(
                user=user,
                subject=subject,
                object_id=object_id,
                format=export_format,
                status=ExportStatus.QUEUED,
                created_at__gte=timezone.now() - SAME_REQUEST_WITHIN,
            )
            .first()
        )
        if earlier is not None:
            return earlier, False
        log = export_log_create(
            user=user, role=role, subject=subject, object_id=object_id, description=description,
            export_format=export_format, status=ExportStatus.QUEUED,
        )  # fmt: skip
        # Queued in the same transaction: a worker sees the task only once the record is there.
        tasks.make_export_file.enqueue(log.pk)
    return log, True


def exports_purge(*, older_than):
    """Delete made export files asked for before `older_than`; keep each record for the audit log.

    Returns how many files were deleted. Safe to run again: a deleted file is not looked at twice.
    """
    deleted = 0
    for log in ExportLog.objects.filter(created_at__lt=older_than).exclude(file="").iterator():
        log.file.delete(save=False)
        log.status = ExportStatus.DELETED
        log.save(update_fields=["file", "status"])
        deleted += 1
    return deleted
