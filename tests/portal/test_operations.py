"""What an operator needs: a health check, logs without people in them, and JSON errors for the
scripts that ask for JSON (deployment review)."""

import json
import logging
import logging.config

import pytest
from django.db import DatabaseError
from django.test import override_settings

from portal.logging import JsonFormatter, logging_config
from tests.factories.consultations import ConsultationFactory, PriorityFactory

pytestmark = pytest.mark.django_db


def test_health_says_what_works_and_names_nobody(client, member):
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"ok": True}
    assert body["checks"]["cache"] == {"ok": True}
    assert body["checks"]["task_queue"]["ok"] is True
    assert member.email not in response.text
    assert "no-cache" in response["Cache-Control"]


def test_health_reports_a_queue_that_is_not_being_worked(client, settings):
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.HEALTH_TASK_QUEUE_MAX_AGE_SECONDS = 60
    from portal.mail import deliver

    deliver.enqueue(subject="s", body="b", to=["someone@example.org"])
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=5))
    body = client.get("/health/").json()
    assert body["status"] == "degraded"
    assert body["checks"]["task_queue"]["ok"] is False
    assert body["checks"]["task_queue"]["oldest_waiting_seconds"] >= 300
    assert "someone@example.org" not in json.dumps(body)


def test_health_fails_without_a_database(client, monkeypatch):
    from portal import health

    def broken():
        raise DatabaseError("gone")

    monkeypatch.setattr(health.connection, "cursor", broken)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["status"] == "failing"


def log_line(record_args, **extra):
    record = logging.LogRecord("portal.requests", logging.INFO, __file__, 1, *record_args, None)
    for name, value in extra.items():
        setattr(record, name, value)
    return json.loads(JsonFormatter().format(record))


def test_log_lines_are_json_without_email_addresses():
    line = log_line(("Sent to %s", ("heron@example.org",)), status=200, path="/x/")
    assert line["message"] == "Sent to [email]"
    assert line["status"] == 200 and line["path"] == "/x/"


def test_each_request_is_one_line_without_its_query_string(client, caplog):
    with caplog.at_level(logging.INFO, logger="portal.requests"):
        client.get("/search/?q=heroin+help&page=2")
    [record] = [r for r in caplog.records if r.name == "portal.requests"]
    assert record.path == "/search/"
    assert record.status == 200
    assert "heroin" not in record.getMessage()


def test_refused_requests_leave_no_traceback(client, member, caplog):
    client.force_login(member)
    with caplog.at_level(logging.INFO):
        assert client.get("/consultations/moderation/").status_code == 403
        assert client.get("/groups/999/sessions/").status_code == 404
    assert not [r for r in caplog.records if r.exc_info]
    assert not [r for r in caplog.records if r.name == "django.request"]


def test_the_logging_setup_is_valid_in_both_formats():
    for log_format in ("json", "text"):
        logging.config.dictConfig(logging_config(level="INFO", log_format=log_format))
    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)


@override_settings(DEBUG_PROPAGATE_EXCEPTIONS=False)
def test_a_vote_while_the_database_is_away_gets_a_json_answer(client, member, monkeypatch):
    from consultations import services

    priority = PriorityFactory(consultation=ConsultationFactory())
    client.force_login(member)

    def database_gone(**kwargs):
        raise DatabaseError("could not connect to server")

    monkeypatch.setattr(services, "vote_cast", database_gone)
    client.raise_request_exception = False
    response = client.post(
        f"/consultations/priorities/{priority.pk}/vote/", {"action": "add"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["ok"] is False
    assert "try again" in response.json()["message"]
