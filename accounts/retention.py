"""What accounts removes when it is past its time, for `manage.py apply_retention`."""

from importlib import import_module

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef

from portal.retention import RetentionStep, period

from .models import SignedInSession


def unverified_accounts_remove(now):
    """Accounts that never confirmed an email address and never signed in, past their time.
    Staff accounts made by hand are never removed here."""
    User = get_user_model()
    verified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
    due = User.objects.filter(
        date_joined__lt=now - period("UNVERIFIED_ACCOUNT_RETENTION_DAYS"),
        last_login__isnull=True,
        is_staff=False,
        is_superuser=False,
    ).exclude(Exists(verified))
    removed = 0
    for user in due.iterator():
        user.delete()
        removed += 1
    return removed


def old_sign_ins_remove(now):
    """Records of sign-ins past their time, and the sessions themselves, which have ended anyway."""
    due = SignedInSession.objects.filter(signed_in_at__lt=now - period("SIGNED_IN_SESSION_RETENTION_DAYS"))
    keys = list(due.values_list("session_key", flat=True))
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for key in keys:
        store(session_key=key).delete()
    SignedInSession.objects.filter(session_key__in=keys).delete()
    return len(keys)


def steps():
    return [
        RetentionStep(
            "unverified-accounts",
            "accounts whose email address was never confirmed, UNVERIFIED_ACCOUNT_RETENTION_DAYS after sign-up",
            unverified_accounts_remove,
        ),
        RetentionStep(
            "old-sign-ins",
            "sign-in records and their sessions, SIGNED_IN_SESSION_RETENTION_DAYS after signing in",
            old_sign_ins_remove,
        ),
    ]
