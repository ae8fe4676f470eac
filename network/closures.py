"""Closures that reach group sessions: when a venue is closed (or open shorter hours) on days a
group meets there, the sessions on those days cannot go ahead as planned. Editors are shown
them after saving the venue's closures and choose which to cancel (closure_admin.py); cancelling
goes through services.session_cancel, so everyone with a place is emailed as usual."""

from datetime import time, timedelta

from django.db.models import Q
from django.utils import timezone

from . import services
from .cancellation_notes import personal_details_in_note
from .models import GroupSession, booked_count
from .models.choices import CancellationReason, Format
from .opening_hours import at_london_time


def _closure_for(session, exceptions):
    """The closure or changed hours that stop this session going ahead, or None."""
    starts, ends = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    for exception in exceptions:
        if not exception.covers(starts.date()):
            continue
        if exception.closed:
            return exception
        if starts.time() < exception.opens or ends.date() != starts.date() or ends.time() > exception.closes:
            return exception
    return None


def sessions_hit_by_closures(venue, *, now=None):
    """Sessions still to come, not cancelled, of live groups meeting in person at `venue`, on a
    day it is closed (or at a time outside that day's changed hours), in time order. Each has
    `closure` (the exception) and `booked` (how many have a place). Two queries."""
    now = now or timezone.now()
    exceptions = list(
        venue.opening_exceptions.filter(end_date__gte=timezone.localdate(now)).order_by("start_date")
    )
    if not exceptions:
        return []
    on_those_days = Q()
    for exception in exceptions:
        on_those_days |= Q(
            starts_at__gte=at_london_time(exception.start_date, time.min),
            starts_at__lt=at_london_time(exception.end_date + timedelta(days=1), time.min),
        )
    candidates = (
        GroupSession.objects.filter(
            on_those_days,
            group__venue=venue,
            group__live=True,
            group__format__in=Format.meeting_in_person(),
            cancelled=False,
            starts_at__gt=now,
        )
        .select_related("group")
        .annotate(booked=booked_count())
        .order_by("starts_at", "group__title")
    )
    hit = []
    for session in candidates:
        session.closure = _closure_for(session, exceptions)
        if session.closure is not None:
            hit.append(session)
    return hit


def _note_for(closure):
    """The closure's reason ("Christmas holidays") goes to people with a place, when it passes
    the same check as a facilitator's note."""
    reason = " ".join(closure.reason.split())
    return reason if reason and not personal_details_in_note(reason) else ""


def sessions_cancel_for_closure(*, venue, session_ids, now=None):
    """Cancel the chosen sessions that the venue's closures reach, saying the venue is closed.
    Ids of any other session are ignored, so a changed or forged form cancels nothing else.
    Returns the sessions cancelled."""
    chosen = {int(pk) for pk in session_ids}
    if not chosen:
        raise services.SessionError("Choose at least one session to cancel.")
    hit = [session for session in sessions_hit_by_closures(venue, now=now) if session.pk in chosen]
    if not hit:
        raise services.SessionError(
            "None of those sessions is on a day the venue is closed any more. Nothing was cancelled."
        )
    cancelled = []
    for session in hit:
        try:
            services.session_cancel(
                session=session,
                reason=CancellationReason.VENUE_CLOSED,
                note=_note_for(session.closure),
                now=now,
            )
        except services.SessionError:
            continue  # cancelled or started meanwhile: nothing more to do for it
        cancelled.append(session)
    return cancelled
