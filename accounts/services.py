"""Writes for accounts: keyword-only functions named <entity>_<action>."""

import logging

from django.db import transaction

from portal import mail

logger = logging.getLogger(__name__)

# Neutral on purpose: a subject shows on a lock screen or a shared inbox.
SUBJECT_ACCOUNT_DELETED = "Your account has been deleted"


def account_delete(*, user):
    """Delete a member's account and everything that is theirs alone.

    What they published, their votes and their reports stay without them (their foreign keys are
    SET_NULL), so pages show "A former member" and counts do not change; the profile, email
    addresses, sessions, ballots and email choices go with the account, and each app deletes
    what was only ever theirs (unpublished posts) as the user row goes (pre_delete receivers).
    """
    email = user.email
    with transaction.atomic():
        user.delete()
    if email:
        _send_account_deleted(email)


def _send_account_deleted(email):
    # The account is already deleted, so a mail server that is down must not look like the
    # deletion failed.
    try:
        mail.send_now(
            to=email,
            subject=SUBJECT_ACCOUNT_DELETED,
            template="accounts/email/account_deleted.txt",
            context={},
        )
    except OSError:
        logger.warning("The email saying an account was deleted could not be sent.")
