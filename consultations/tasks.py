"""Background work for exports: Excel and PDF files are made here, not in the request.

Tests and development use the immediate backend; production uses the database queue and
`db_worker` (settings.TASKS).
"""

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from . import exports, notifications
from .models import ExportLog, ExportStatus


@task
def make_export_file(export_log_id):
    log = ExportLog.objects.filter(pk=export_log_id, status=ExportStatus.QUEUED).first()
    if log is None:
        return
    try:
        exports.build_file(log)
    except Exception:
        # The person sees "could not be made" on their downloads page. The error goes on up, so
        # the task queue records the task as failed and staff are told (portal.task_failures).
        ExportLog.objects.filter(pk=log.pk).update(status=ExportStatus.FAILED, finished_at=timezone.now())
        raise
    with transaction.atomic():
        log.status = ExportStatus.READY
        log.finished_at = timezone.now()
        log.save(update_fields=["file", "status", "finished_at"])
    notifications.notify_export_ready(log)
