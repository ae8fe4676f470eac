"""Local development: `make run`. Demo secret key, debug on, SQLite unless DATABASE_URL is set."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
INTERNAL_IPS = ["127.0.0.1"]

# Serve static files straight from static/ (no collectstatic) as whitenoise would in production.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The demo accounts are for trying the portal, so staff roles need no authenticator app here.
# Set TWO_FACTOR_REQUIRED_FOR_ROLES=true to try two-step sign-in locally.
TWO_FACTOR_REQUIRED_FOR_ROLES = env_bool("TWO_FACTOR_REQUIRED_FOR_ROLES", False)  # noqa: F405
