"""Settings for the benchmark scripts: the test settings plus a bare view to compare against."""

import os
import tempfile
from pathlib import Path

from portal.settings.test import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], Path(__file__).parent / "templates"]  # noqa: F405
DEBUG = False
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
if not os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(Path(tempfile.gettempdir()) / "portal-bench.sqlite3"),
        }
    }
LOGGING = {"version": 1, "disable_existing_loggers": True}
