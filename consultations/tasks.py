"""Background work for exports: Excel and PDF files are made here, not in the request.

Tests and development use the immediate backend; production uses the database queue and
`db_worker` (settings.TASKS).
"""

import logging

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from . import exports, notifications
from .models import ExportLog, ExportStatus

logger = logging.getLogger(__name__)


@task
def make_export_file(export_log_id):
    log = ExportLog.objects.filter(pk=export_log_id, status=ExportStatus.QUEUED).first()
    if log is None:
        return
    try:
        exports.build_file(log)
    except Exception:
        # The person sees "could not be made" on their downloads page; the detail is in the log.
        logger.exception("Export %s could not be made", log.pk)
        ExportLog.objects.filter(pk=log.pk).update(status=ExportStatus.FAILED, finished_at=timezone.now())
        return
    with transaction.atomic():
        log.status = ExportStatus.READY
        log.finished_at = timezone.now()
        log.save(update_fields=["file", "status", "finished_at"])
    notifications.notify_export_ready(log)
