"""The group sessions a facilitator may have counted dot votes at, offered to consultations through
its `register_in_room_sources` hook (network/wagtail_hooks.py): network never imports consultations."""

from django.utils import timezone

from portal import times

from .models import GroupSession

SOURCE_PREFIX = "group-session:"


def sessions_for_in_room_votes(starts, ends):
    """(source key, name, day) for each session that went ahead and ended between `starts` and `ends`."""
    sessions = (
        GroupSession.objects.filter(cancelled=False, ends_at__gt=starts, ends_at__lte=ends)
        .select_related("group")
        .order_by("-starts_at")
    )
    return [
        (
            f"{SOURCE_PREFIX}{session.pk}",
            f"{session.group.title}, {times.clock(session.starts_at)}",
            timezone.localdate(session.starts_at),
        )
        for session in sessions
    ]
