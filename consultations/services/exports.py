"""The record of every export, and deleting made files when their time is up."""

from ..models import ExportLog, ExportStatus


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
