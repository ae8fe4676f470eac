"""Writes for accounts: keyword-only functions named <entity>_<action>."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

# Neutral on purpose: a subject shows on a lock screen or a shared inbox.
SUBJECT_ACCOUNT_DELETED = "Your account has been deleted"


def account_delete(*, user):
    """Delete a member's account and everything that is theirs alone.

    What they posted, their votes and their reports stay without them (their foreign keys are
    SET_NULL), so pages show "A former member" and counts do not change; the profile, email
    addresses, ballots and email choices go with the account.
    """
    email = user.email
    with transaction.atomic():
        user.delete()
    if email:
        _send_account_deleted(email)


def _send_account_deleted(email):
    # Sent now, not as a background task: a queued task would keep the address after the account
    # has gone. The account is already deleted, so a mail server that is down must not look
    # like the deletion failed.
    site_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    body = render_to_string("accounts/email/account_deleted.txt", {"site_url": site_url})
    try:
        EmailMessage(subject=SUBJECT_ACCOUNT_DELETED, body=body, to=[email]).send()
    except OSError:
        logger.warning("The email saying an account was deleted could not be sent.")
