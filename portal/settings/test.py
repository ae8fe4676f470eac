"""Test settings: fast hashing, immediate tasks, locmem mail; DATABASE_URL picks PostgreSQL."""

import os

from .base import *  # noqa: F403

SECRET_KEY = "test-only-insecure-key"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Rate limits are tested on their own (tests/network/test_rate_limits.py turns them back on).
ACCOUNT_RATE_LIMITS = False
# Two-step sign-in is tested on its own (tests/network/test_two_factor.py turns it on).
TWO_FACTOR_REQUIRED_FOR_ROLES = False
if os.environ.get("REDIS_URL"):
    # Each test process (each pytest-xdist worker: gw0, gw1...) keeps to keys of its own, and
    # tests/conftest.py empties only those: test processes share the Redis database.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    CACHES["default"]["KEY_PREFIX"] = f"test-{worker}-{os.getpid()}"  # noqa: F405

# Serve static files straight from static/ (no collectstatic) as whitenoise would in production.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests see fresh pages; tests/portal/test_page_cache.py turns the cache on for itself.
PAGE_CACHE_SECONDS = 0
