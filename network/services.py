"""Writes for the network app: keyword-only functions named <entity>_<action>."""

import logging
from datetime import time, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from portal.errors import ServiceError
from safeguarding.models import SourceKind
from safeguarding.services import case_open_if_crisis

from . import notifications, places
from .booking_notifications import send_place_booked, send_place_came_up
from .cancellation_notes import personal_details_in_note, personal_details_message
from .group_schedule import meeting_dates, meeting_times
from .models import GroupPage, GroupSession, JoinRequest, SessionRegistration
from .models.choices import JoinRequestStatus
from .models.groups import PLACES_MAX, WALK_INS_MAX
from .models.sessions import JOIN_MESSAGE_MAX_LENGTH
from .opening_hours import at_london_time
from .reminders import reminder_due_at, session_reminder_send

logger = logging.getLogger(__name__)

# How far ahead sessions exist as rows: enough for "next sessions" and for people to plan.
SESSIONS_AHEAD = timedelta(weeks=13)


class SessionError(ServiceError):
    """Something a member or facilitator asked for cannot be done. The message (`.message`) is
    kind and plain."""


class SessionFull(SessionError):
    """No place is free: the member is offered the waiting list, and joins it only if they choose."""


class PlacesNumberRefused(SessionError):
    """The number of places asked for cannot be (fewer than the people who have one): the
    facilitator puts it right on the form."""


@transaction.atomic
def group_sessions_sync(*, group, today=None):
    """Make the group's future sessions match its schedule.

    Sessions before today are history and are never touched. A session from today on, on a date
    that is still a meeting date, keeps its row (and so its cancellation) and takes the current
    times; one on a date the schedule no longer has is removed. Sessions that follow the group's
    number of places take it (never fewer than the places already given); more places go to
    the people waiting, who are emailed.
    """
    now = timezone.now()
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
            to_create.append(
                GroupSession(group=group, starts_at=starts_at, ends_at=ends_at, places=group.places)
            )
            continue
        if (session.starts_at, session.ends_at) != (starts_at, ends_at):
            session.starts_at, session.ends_at = starts_at, ends_at
            session.save(update_fields=["starts_at", "ends_at"])
        following = places.places_following_group(group=group, session=session)
        if session.places_from_group and session.places != following:
            session.places = following
            session.save(update_fields=["places"])
            _promoted_tell(session, places.waiting_promote(session=session, now=now), now)
    GroupSession.objects.filter(pk__in=[session.pk for session in existing.values()]).delete()
    GroupSession.objects.bulk_create(to_create)


def group_sessions_sync_all(*, today=None):
    for group in GroupPage.objects.all():
        group_sessions_sync(group=group, today=today)


# Group sessions


def _session_locked(session):
    return GroupSession.objects.select_for_update().select_related("group").get(pk=session.pk)


def session_register(*, session, member, now=None, wait_if_full=False):
    """Give the member a place. When the session is full, SessionFull is raised, unless they chose
    the waiting list (`wait_if_full`): then they join it. Signing up twice keeps one place (or
    one turn). A place at a session that meets in person is confirmed by email (when, where, how
    to cancel). Once the reminder is due (the day before, network/reminders.py) it goes at once
    instead, since the scheduled sending may already have run. Nobody waiting gets either."""
    now = now or timezone.now()
    with transaction.atomic():
        session = _session_locked(session)
        if session.cancelled:
            raise SessionError("Sorry, this session is cancelled, so you cannot sign up for it.")
        if session.starts_at <= now:
            raise SessionError("This session has already started, so you cannot sign up for it now.")
        registration = SessionRegistration.objects.filter(session=session, member=member).first()
        created = registration is None
        if created:
            registration = places.place_take(session=session, member=member)
        if registration is None and not wait_if_full:
            raise SessionFull(
                "Sorry, this session is full. You can join the waiting list, and we will email you "
                "if a place comes up."
            )
        if registration is None:
            registration = places.waiting_list_join(session=session, member=member)
    if registration.is_booked:
        # Once the reminder is due it goes at once, and says all the confirmation would: one email.
        # (Before then there is nothing to send: changes go to people already reminded, by the run.)
        due = now >= reminder_due_at(session)
        reminded = due and session_reminder_send(session=session, member=member, now=now)
        if created and not reminded:
            send_place_booked(session=session, member=member)
    return registration, created


@transaction.atomic
def session_unregister(*, session, member, now=None):
    """Give up a place, or leave the waiting list. A place given up goes to the first person
    waiting, who is emailed. Returns what was given up (a registration status), or None."""
    now = now or timezone.now()
    session = _session_locked(session)
    if session.starts_at <= now:
        raise SessionError("This session has already started, so your place cannot be cancelled now.")
    registration = SessionRegistration.objects.filter(session=session, member=member).first()
    if registration is None:
        return None
    promoted = places.registration_remove(session=session, registration=registration, now=now)
    _promoted_tell(session, promoted, now)
    return registration.status


@transaction.atomic
def session_places_set(*, session, places_wanted=None, from_group=False, now=None):
    """A facilitator sets the session's own number of places (None: no limit), or has it follow
    the group's again. Never fewer than the places already given. More places go to the people
    waiting, who are emailed. Returns the session."""
    now = now or timezone.now()
    session = _session_locked(session)
    if session.cancelled:
        raise SessionError("This session is cancelled, so its places cannot change.")
    if session.starts_at <= now:
        raise SessionError("This session has already started, so its places cannot change now.")
    if from_group:
        places_wanted = places.places_following_group(group=session.group, session=session)
    if places_wanted is not None and not 1 <= places_wanted <= PLACES_MAX:
        raise PlacesNumberRefused(f"The number of places must be from 1 to {PLACES_MAX}.")
    taken = session.places_taken
    if places_wanted is not None and places_wanted < taken:
        people = "1 person already has a place" if taken == 1 else f"{taken} people already have a place"
        raise PlacesNumberRefused(
            f"{people}, so there need to be at least {taken} places. Nobody loses a place they "
            "have. If someone cannot come, they can cancel their place, and it goes to the next "
            "person waiting."
        )
    session.places, session.places_from_group = places_wanted, from_group
    session.save(update_fields=["places", "places_from_group"])
    _promoted_tell(session, places.waiting_promote(session=session, now=now), now)
    return session


def member_places_give_up(*, member, now=None):
    """Before an account goes: each place it had is given up as if cancelled, so the counts stay
    right and a place at a session still to come goes to the first person waiting. Turns on
    waiting lists simply go with the account. Sessions are locked one at a time, in id order."""
    now = now or timezone.now()
    session_ids = (
        SessionRegistration.objects.booked().filter(member=member).values_list("session_id", flat=True)
    )
    for session in GroupSession.objects.filter(pk__in=list(session_ids)).order_by("pk"):
        with transaction.atomic():
            session = _session_locked(session)
            registration = SessionRegistration.objects.filter(session=session, member=member).first()
            if registration is not None:
                promoted = places.registration_remove(session=session, registration=registration, now=now)
                _promoted_tell(session, promoted, now)


def _promoted_tell(session, promoted, now):
    """Email each person promoted from the waiting list; once the reminder is due (the day
    before) it follows at once, with the time, the place or link and the calendar file. Queued
    inside the caller's transaction, so with the database queue an email goes only if the place
    was really given."""
    for registration in promoted:
        send_place_came_up(session=session, member=registration.member)
        session_reminder_send(session=session, member=registration.member, now=now)


@transaction.atomic
def attendance_record(*, session, attended_ids, walk_ins, now=None):
    """Record who came (ids of the session's registrations) and how many came without signing up."""
    now = now or timezone.now()
    session = _session_locked(session)
    if session.cancelled:
        raise SessionError("This session was cancelled, so there is no one to record.")
    if session.starts_at > now:
        raise SessionError("You can record who came once the session has started.")
    if not isinstance(walk_ins, int) or not 0 <= walk_ins <= WALK_INS_MAX:
        raise SessionError(f"The number of people who came without signing up must be 0 to {WALK_INS_MAX}.")
    attended_ids = set(attended_ids)
    registrations = session.registrations.booked()
    if not attended_ids <= set(registrations.values_list("pk", flat=True)):
        raise SessionError("Choose only people who signed up for this session.")
    registrations.filter(pk__in=attended_ids).update(attended=True)
    registrations.exclude(pk__in=attended_ids).update(attended=False)
    session.walk_ins = walk_ins
    session.save(update_fields=["walk_ins"])
    return session


@transaction.atomic
def session_cancel(*, session, reason, note="", now=None):
    """Cancel a session and tell everyone with a place. The neutral reason shows on the public
    group page; the optional note goes only to people with a place."""
    now = now or timezone.now()
    session = _session_locked(session)
    note = " ".join(note.split())
    if session.cancelled:
        raise SessionError("This session is already cancelled.")
    if session.starts_at <= now:
        raise SessionError("This session has already started, so it cannot be cancelled.")
    if reason not in GroupSession.CancellationReason.values:
        raise SessionError("Choose why the session is cancelled.")
    if len(note) > GroupSession._meta.get_field("cancellation_note").max_length:
        raise SessionError("The note can be up to 160 characters.")
    found = personal_details_in_note(note)
    if found:
        raise SessionError(personal_details_message(found))
    session.cancelled = True
    session.cancellation_reason = reason
    session.cancellation_note = note
    session.save(update_fields=["cancelled", "cancellation_reason", "cancellation_note"])
    notifications.send_session_cancelled(session=session)
    return session


def join_request_create(*, group, member, message=""):
    """Ask to join a group that needs an invite or a referral. One open request per member."""
    message = message.strip()
    if len(message) > JOIN_MESSAGE_MAX_LENGTH:
        raise SessionError(f"Your message can be up to {JOIN_MESSAGE_MAX_LENGTH} characters.")
    if not group.joins_by_asking:
        raise SessionError("You do not need to ask to join this group. You can sign up for a session.")
    try:
        with transaction.atomic():
            join_request = JoinRequest.objects.create(group=group, member=member, message=message)
            case_open_if_crisis(
                source_kind=SourceKind.JOIN_REQUEST, source_id=join_request.pk, member=member, texts=[message]
            )
    except IntegrityError:
        raise SessionError("You have already asked to join this group.") from None
    notifications.send_join_request_received(join_request=join_request)
    return join_request


@transaction.atomic
def join_request_decide(*, join_request, decided_by, accept, note="", now=None):
    """Say yes or no. A note (for a no) goes with the answer by email and is not kept."""
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if not join_request.is_waiting:
        raise SessionError("This request has already been answered.")
    join_request.status = JoinRequestStatus.ACCEPTED if accept else JoinRequestStatus.DECLINED
    join_request.decided_by = decided_by
    join_request.decided_at = now or timezone.now()
    join_request.save(update_fields=["status", "decided_by", "decided_at"])
    notifications.send_join_request_answered(join_request=join_request, note=note)
    return join_request
