"""Writes for the network app: keyword-only functions named <entity>_<action>."""

import logging
from datetime import time, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .group_schedule import meeting_dates, meeting_times
from .models import GroupPage, GroupSession
from .opening_hours import at_london_time

logger = logging.getLogger(__name__)

# Neutral on purpose: a subject shows on a lock screen or a shared inbox.
SUBJECT_ACCOUNT_DELETED = "Your account has been deleted"

# How far ahead sessions exist as rows: enough for "next sessions" and for people to plan.
SESSIONS_AHEAD = timedelta(weeks=13)


@transaction.atomic
def group_sessions_sync(*, group, today=None):
    """Make the group's future sessions match its schedule.

    Sessions before today are history and are never touched. A session from today on, on a date
    that is still a meeting date, keeps its row (and so its cancellation) and takes the current
    times; one on a date the schedule no longer has is removed.
    """
    today = today or timezone.localdate()
    existing = {
        timezone.localdate(session.starts_at): session
        for session in GroupSession.objects.select_for_update().filter(
            group=group, starts_at__gte=at_london_time(today, time.min)
        )
    }
    wanted = []
    if group.live:
        wanted = list(meeting_dates(group, today, today + SESSIONS_AHEAD))
    to_create = []
    for day in wanted:
        starts_at, ends_at = meeting_times(group, day)
        session = existing.pop(day, None)
        if session is None:
            to_create.append(GroupSession(group=group, starts_at=starts_at, ends_at=ends_at))
        elif (session.starts_at, session.ends_at) != (starts_at, ends_at):
            session.starts_at, session.ends_at = starts_at, ends_at
            session.save(update_fields=["starts_at", "ends_at"])
    GroupSession.objects.filter(pk__in=[session.pk for session in existing.values()]).delete()
    GroupSession.objects.bulk_create(to_create)


def group_sessions_sync_all(*, today=None):
    for group in GroupPage.objects.all():
        group_sessions_sync(group=group, today=today)


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
    body = render_to_string("network/email/account_deleted.txt", {"site_url": site_url})
    try:
        EmailMessage(subject=SUBJECT_ACCOUNT_DELETED, body=body, to=[email]).send()
    except OSError:
        logger.warning("The email saying an account was deleted could not be sent.")
