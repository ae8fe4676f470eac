"""Production: refuses to start without a secret key; HTTPS everywhere; hashed static files."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters. Make one with: "
        "python -c 'import secrets; print(secrets.token_urlsafe(64))'"
    )
DEBUG = False

if not os.environ.get("REDIS_URL"):
    # A cache in each worker's memory would split what must be shared: failed sign-in counts
    # (each worker would allow its own 5), two-step codes already used, and the page cache.
    raise ImproperlyConfigured(
        "REDIS_URL must be set: production needs a cache shared by every worker and server, "
        "for sign-in limits, two-step sign-in and the page cache. For example: "
        "REDIS_URL=redis://127.0.0.1:6379/0"
    )

if not MFA_ENCRYPTION_KEYS:  # noqa: F405
    raise ImproperlyConfigured(
        "MFA_ENCRYPTION_KEYS must be set: authenticator secrets are encrypted in the database with "
        "it. Make one with: python -c 'from cryptography.fernet import Fernet; "
        "print(Fernet.generate_key().decode())'"
    )
# The README's deployment puts one reverse proxy in front of the app servers.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))

# Each gunicorn worker keeps its database connection between requests: opening a new one costs
# every request a few milliseconds (more on a busy machine), a vote or a page alike. A sync worker
# serves one request at a time, so a worker never holds more than one (GUNICORN_WORKERS in all, per
# app server). CONN_MAX_AGE=0 opens one per request again.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))  # noqa: F405

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

# Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)  # noqa: F405
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Being on browsers' preload list is hard to undo, so it is the operator's choice, not a default.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)  # noqa: F405
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
# One JSON line per request and event, for the log collector (portal/logging.py).
LOGGING = logging_config(  # noqa: F405
    level=os.environ.get("LOG_LEVEL", "INFO"), log_format=os.environ.get("LOG_FORMAT", "json")
)
