"""Settings shared by every environment. Everything that differs comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

from portal.logging import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal",
    "accounts",
    "safeguarding",
    "home",
    "network",
    "consultations",
    "demo",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.wagtail_users_app.PortalUsersAppConfig",  # Wagtail's users app, with our list
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "portal.request_log.RequestLogMiddleware",
    # Compresses pages, feeds and calendars for browsers that accept it (portal/compression.py).
    "portal.compression.TextCompressionMiddleware",
    "portal.middleware.JsonErrorResponsesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions and users: a stored public page is served without touching either.
    "portal.page_cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # After CommonMiddleware has refused hosts that are not allowed.
    "portal.shared_reads.SiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.middleware.PrivacyHeadersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Listed after the CSP middleware so its response hook runs first and can
    # hand the Wagtail admin its own, looser policy.
    "portal.middleware.AdminContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.two_factor.TwoFactorRequiredMiddleware",
    "portal.middleware.AdminAccessMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"

# How long a public page may be served from the cache. Publishing clears it at once; the limit
# is for what changes with the clock ("open now", next sessions). 0 turns the cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Django's form renderer, with the widgets nearly every form uses drawn in Python.
FORM_RENDERER = "portal.form_renderer.FormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        # A kept connection that the database has closed (a restart) is replaced before use.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Wagtail's database search backend uses PostgreSQL's full-text search fields there.
    INSTALLED_APPS.append("django.contrib.postgres")
    # PostgreSQL compiles a query to machine code first (JIT) when it guesses the query is costly.
    # The ranked results and the exports (a count per priority) are guessed costly but run in
    # milliseconds: compiling took longer than running (a 1,000-priority CSV: 430 ms, 122 without).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
    # Planning a query can take longer than running it: 0.5 ms to plan reading a priority with its
    # consultation, theme and author, 0.1 ms to run it. With the parameters sent apart from the
    # SQL (server-side binding), psycopg prepares a statement the fifth time a connection runs it,
    # and the database plans it once, not on every request. Persistent connections (production's
    # CONN_MAX_AGE) keep the prepared statements; PgBouncer needs max_prepared_statements set
    # (docs/scaling.md). PREPARE_THRESHOLD=0 in the environment turns it off.
    DATABASES["default"]["OPTIONS"]["server_side_binding"] = True
    DATABASES["default"]["OPTIONS"]["prepare_threshold"] = (
        int(os.environ.get("PREPARE_THRESHOLD", "5")) or None
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while a vote is being written.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            # Django's Redis cache, carrying on (as an empty cache) while Redis is away.
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal"),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Rules first; then allauth's sign-in with Django's model permissions (accounts/backends.py).
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "accounts.backends.AccountBackend",
]
# Django's rules, in the portal's words (accounts/passwords.py).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "accounts.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "accounts.passwords.CommonPasswordValidator"},
    {"NAME": "accounts.passwords.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# Accounts (django-allauth): email only, verified before first sign-in; no real names.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.MemberSignupForm"
# allauth's forms in the portal's words: labels, and messages that name the field (accounts/allauth_forms.py).
ACCOUNT_FORMS = {
    "login": "accounts.allauth_forms.MemberLoginForm",
    "signup": "accounts.allauth_forms.PortalSignupForm",
    "add_email": "accounts.allauth_forms.AddEmailForm",
    "change_email": "accounts.allauth_forms.ChangeEmailForm",
    "change_password": "accounts.allauth_forms.ChangePasswordForm",
    "set_password": "accounts.allauth_forms.SetPasswordForm",
    "reset_password": "accounts.allauth_forms.ResetPasswordForm",
    "reset_password_from_key": "accounts.allauth_forms.ResetPasswordKeyForm",
    "request_login_code": "accounts.allauth_forms.RequestLoginCodeForm",
    "confirm_login_code": "accounts.allauth_forms.ConfirmLoginCodeForm",
    "confirm_email_verification_code": "accounts.allauth_forms.ConfirmEmailVerificationCodeForm",
    "reauthenticate": "accounts.allauth_forms.ReauthenticateForm",
}
ACCOUNT_ADAPTER = "accounts.adapters.MemberAccountAdapter"
ACCOUNT_USER_DISPLAY = "accounts.adapters.display_name"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# Tell people when their password, email address or two-step sign-in changes, so someone who got
# into their account is noticed (templates/account/email/base_notification.txt).
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_RATE_LIMITS = {
    "signup": "10/h/ip",
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "request_login_code": "20/m/ip,3/m/key",
    "change_password": "5/m/user",
    # Wagtail's page passwords (portal/sign_in_paths.py): per visitor, and per protected page.
    "page_password": "5/m/ip,50/h/key",
}

# Behind a reverse proxy every request seems to come from the proxy: say how many proxies put the
# visitor's address in X-Forwarded-For, so sign-in limits count each visitor, not everyone at once.
# Only set it when the app servers cannot be reached except through the proxy.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Two-step sign-in (allauth.mfa): an authenticator app, with recovery codes to fall back on.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_ADAPTER = "accounts.two_factor.PortalMFAAdapter"
MFA_FORMS = {
    "authenticate": "accounts.allauth_forms.AuthenticateForm",
    "reauthenticate": "accounts.allauth_forms.MFAReauthenticateForm",
    "activate_totp": "accounts.allauth_forms.ActivateTOTPForm",
}
# Keys that encrypt authenticator secrets in the database (accounts/secret_encryption.py): the first
# encrypts, every one decrypts, so a new key goes first and an old one stays until
# `manage.py rotate_mfa_keys` has run. Production requires them; elsewhere one comes from SECRET_KEY.
MFA_ENCRYPTION_KEYS = env_list("MFA_ENCRYPTION_KEYS")
# The name people see in their authenticator app. Neutral, because others may see their phone.
MFA_TOTP_ISSUER = os.environ.get("MFA_TOTP_ISSUER", "Network portal")
# Also accept the code just before or after: phone clocks drift and people type slowly.
MFA_TOTP_TOLERANCE = 1
# Facilitators, board representatives, editors and staff can see who posted what, so they must
# use two-step sign-in (accounts/two_factor.py). Members may turn it on if they like.
TWO_FACTOR_REQUIRED_FOR_ROLES = env_bool("TWO_FACTOR_REQUIRED_FOR_ROLES", True)
# The Wagtail admin and Wagtail's private pages sign people in through the same pages, so rate
# limits, email checks and two-step sign-in apply there too (portal/sign_in_paths.py).
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
WAGTAIL_PASSWORD_RESET_ENABLED = False

# Mail through Django 6.1's MAILERS. The default prints to the console; set EMAIL_HOST to send.
if os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["EMAIL_HOST"],
                "port": int(os.environ.get("EMAIL_PORT", "587")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Network portal <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: Django's tasks framework. Production uses the database queue and `db_worker`.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend")
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Files only the portal hands out, after a permission check (board packs and spreadsheets).
# Keep this outside MEDIA_ROOT and never let the web server serve it.
PRIVATE_FILES_ROOT = Path(os.environ.get("PRIVATE_FILES_ROOT", BASE_DIR / "private"))
# Made export files are deleted this many days after they were asked for (purge_old_exports);
# the record of who exported what stays.
EXPORT_RETENTION_DAYS = int(os.environ.get("EXPORT_RETENTION_DAYS", "30"))
# How long the portal keeps other things before `manage.py apply_retention` removes them. The
# privacy notice (/privacy/) reads these same settings.
# An account whose email address was never confirmed, after sign-up.
UNVERIFIED_ACCOUNT_RETENTION_DAYS = int(os.environ.get("UNVERIFIED_ACCOUNT_RETENTION_DAYS", "14"))
# The record of a sign-in (and the session itself), after signing in. Longer than a session lasts.
SIGNED_IN_SESSION_RETENTION_DAYS = int(os.environ.get("SIGNED_IN_SESSION_RETENTION_DAYS", "30"))
# Which facilitator entered a priority or a tally gathered in the room, after it was entered.
IN_ROOM_DETAILS_RETENTION_DAYS = int(os.environ.get("IN_ROOM_DETAILS_RETENTION_DAYS", "365"))
# The words of a priority as they were before a moderator edited them, after the edit.
MODERATION_ORIGINALS_RETENTION_DAYS = int(os.environ.get("MODERATION_ORIGINALS_RETENTION_DAYS", "365"))
# A referral's contact details (name, email, phone, reason), after a facilitator answered it.
REFERRAL_DETAILS_RETENTION_DAYS = int(os.environ.get("REFERRAL_DETAILS_RETENTION_DAYS", "90"))
# An invitation (it holds an email address), after it was used, withdrawn or stopped working.
INVITATION_RETENTION_DAYS = int(os.environ.get("INVITATION_RETENTION_DAYS", "90"))
# How long an invitation link works for.
INVITATION_VALID_DAYS = int(os.environ.get("INVITATION_VALID_DAYS", "14"))
# How many referrals one partner team's link takes in an hour, so a leaked link cannot flood facilitators.
REFERRALS_PER_TEAM_PER_HOUR = int(os.environ.get("REFERRALS_PER_TEAM_PER_HOUR", "10"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Content-Security-Policy. Public pages carry no inline script or style, so the nonce
# only enters the header on a page that asks for it (Django's nonce is lazy).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.NONE],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# The Wagtail admin's page editor uses inline scripts and styles.
ADMIN_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
}
ADMIN_PATH_PREFIXES = ("/admin/",)
# Nothing leaks to other sites; "no-referrer" would make browsers send "Origin: null" and fail CSRF.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No page needs any of these (portal.middleware.PrivacyHeadersMiddleware).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "browsing-topics", "camera", "display-capture", "geolocation", "gyroscope",
        "magnetometer", "microphone", "midi", "payment", "usb", "serial", "xr-spatial-tracking",
    )
)  # fmt: skip
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Django's database sessions, read with their SQL compiled once (accounts/sessions.py).
SESSION_ENGINE = "accounts.sessions"
CSRF_COOKIE_HTTPONLY = True

# Wagtail: no third-party requests (no Gravatar, no update check), no search query log.
WAGTAIL_SITE_NAME = "Recovery network portal"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILEMBEDS_FINDERS = []
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt"]
WAGTAIL_I18N_ENABLED = False
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"

# /health/ says the task queue is behind when a task has waited longer than this.
HEALTH_TASK_QUEUE_MAX_AGE_SECONDS = int(os.environ.get("HEALTH_TASK_QUEUE_MAX_AGE_SECONDS", "600"))

LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOGGING = logging_config(level=os.environ.get("LOG_LEVEL", "WARNING"), log_format=LOG_FORMAT)
