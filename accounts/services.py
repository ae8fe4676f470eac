"""Writes for accounts: keyword-only functions named <entity>_<action>."""

import logging

from django.db import transaction

from portal import mail

from .signals import account_deleting

logger = logging.getLogger(__name__)

# Neutral on purpose: a subject shows on a lock screen or a shared inbox.
SUBJECT_ACCOUNT_DELETED = "Your account has been deleted"


def account_delete(*, user, remove_posts=False, reason=""):
    """Delete a member's account and everything that is theirs alone.

    What they published, their votes and their reports stay without them (their foreign keys are
    SET_NULL), so pages show "A former member" and counts do not change; the profile, email
    addresses, sessions, ballots and email choices go with the account, and each app deletes
    what was only ever theirs (unpublished posts) as the user row goes (pre_delete receivers).

    With `remove_posts`, what they published is taken down as well and votes on it go back to
    the people who gave them. Either way, the apps are told first (signals.account_deleting), so
    a post that opened a safeguarding case leaves public view and stays only in the case record,
    and a reason with crisis words opens a case.

    Returns where to send the person next, if an app asked (else None).
    """
    email = user.email
    with transaction.atomic():
        answers = account_deleting.send(
            sender=type(user), user=user, remove_posts=remove_posts, reason=reason
        )
        user.delete()
    if email:
        _send_account_deleted(email)
    return next((answer for _receiver, answer in answers if isinstance(answer, str)), None)


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
