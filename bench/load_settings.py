"""Settings for bench/load.py: the production settings, unchanged, plus the bare view of
bench/urls.py at /bench/bare/ (a small template, no database), so the load script measures it in
the same run, through the same nginx, gunicorn and middleware, as the reference."""

from portal.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]  # noqa: F405
# collectstatic without pre-compressing every file (WhiteNoise's gzip and Brotli copies take most of
# its time on 2 cores); the hashed names, which pages use, are the same. The load script fetches
# no static file: nginx serves them without Django.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}  # noqa: F405
