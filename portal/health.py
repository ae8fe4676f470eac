"""`/health/` for the proxy and monitoring: is the database there, the shared cache, and is the
task queue keeping up? Names no person and no content, and is never cached.

Answers 200 when the site can serve people (the cache may be down: pages are then made fresh)
and 503 when it cannot (no database). The task queue's age is the time the oldest waiting task
has waited; a worker that has stopped shows as a growing age.
"""

import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_tasks_db.models import DBTaskResult

DATABASE_QUEUE = "django_tasks_db.DatabaseBackend"


def database_check():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return {"ok": True}
    except DatabaseError:
        return {"ok": False}


def cache_check():
    key = f"health:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    found = cache.get(key) == "1"
    cache.delete(key)
    return {"ok": found}


def task_queue_check():
    backend = settings.TASKS["default"]["BACKEND"]
    if backend != DATABASE_QUEUE:
        return {"ok": True, "backend": backend.rsplit(".", 1)[-1], "oldest_waiting_seconds": 0}
    try:
        oldest = (
            DBTaskResult.objects.ready().order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
        )
    except DatabaseError:
        return {"ok": False, "oldest_waiting_seconds": None}
    age = int((timezone.now() - oldest).total_seconds()) if oldest else 0
    return {"ok": age <= settings.HEALTH_TASK_QUEUE_MAX_AGE_SECONDS, "oldest_waiting_seconds": age}


@never_cache
@require_GET
def health(request):
    started = time.monotonic()
    checks = {"database": database_check()}
    checks["cache"] = cache_check()
    checks["task_queue"] = task_queue_check() if checks["database"]["ok"] else {"ok": False}
    if not checks["database"]["ok"]:
        status = "failing"
    elif all(check["ok"] for check in checks.values()):
        status = "ok"
    else:
        status = "degraded"
    body = {"status": status, "checks": checks, "seconds": round(time.monotonic() - started, 3)}
    return JsonResponse(body, status=503 if status == "failing" else 200)
