"""Logs an operator can read and monitoring can parse, with nothing about the people using the site.

- One JSON object per line (LOG_FORMAT=json, the production default), or plain text.
- Email addresses are blanked in every message and traceback; paths are logged without their
  query strings (search words and tokens travel there).
- Requests answered 4xx are one line each (portal.request_log), never a traceback: a refused
  permission or a bad link is not an error, and hundreds of tracebacks would hide the real ones.
"""

import json
import logging
import re
from datetime import UTC, datetime

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
BLANKED = "[email]"
# What a request line carries beside the message (portal.request_log).
REQUEST_FIELDS = ("method", "path", "status", "ms", "signed_in", "page_cache")


def scrub(text):
    return EMAIL.sub(BLANKED, text)


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": scrub(record.getMessage()),
        }
        for name in REQUEST_FIELDS:
            if hasattr(record, name):
                entry[name] = getattr(record, name)
        if record.exc_info:
            entry["exception"] = scrub(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record):
        return scrub(super().format(record))


class NoClientErrorRecords(logging.Filter):
    """Drops Django's own record of a 4xx answer (with its traceback): the request line says it."""

    def filter(self, record):
        status = getattr(record, "status_code", None)
        return status is None or status >= 500


class NoTracebackForSecurityNotes(logging.Filter):
    """Keeps the note (a disallowed host, a bad signature) and drops the traceback."""

    def filter(self, record):
        record.exc_info = None
        record.exc_text = None
        return True


def logging_config(*, level, log_format):
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {"()": "portal.logging.JsonFormatter"},
            "text": {"()": "portal.logging.TextFormatter"},
        },
        "filters": {
            "no_client_errors": {"()": "portal.logging.NoClientErrorRecords"},
            "no_tracebacks": {"()": "portal.logging.NoTracebackForSecurityNotes"},
        },
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": log_format}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.request": {"filters": ["no_client_errors"]},
            "django.security": {"filters": ["no_tracebacks"]},
            # One line per background task is noise at the console; failures still show.
            "django.tasks": {"level": "WARNING"},
            "django_tasks": {"level": "WARNING"},
        },
    }
