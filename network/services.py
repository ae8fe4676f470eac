"""Writes for the network app: keyword-only functions named <entity>_<action>."""

from datetime import time, timedelta

from django.db import transaction
from django.utils import timezone

from .group_schedule import meeting_dates, meeting_times
from .models import GroupPage, GroupSession
from .opening_hours import at_london_time

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
