"""Places at a session and its waiting list, kept right under the session's row lock.

Each function here takes the session row its caller has locked (select_for_update inside a
transaction, as services.py does): `places_taken` is only read and written there, so two people
never take the last place, and each place given up goes to exactly one person waiting. The
database refuses the rest (GroupSession's constraints). Emails are the caller's.
"""

from django.db.models import F

from .models import GroupSession, SessionRegistration
from .models.choices import RegistrationStatus


def places_following_group(*, group, session):
    """The number a session that follows its group takes: the group's, but never fewer than the
    places already given, since nobody loses a place they have."""
    if group.places is None:
        return None
    return max(group.places, session.places_taken)


def _count_taken(session, change):
    # An update, not save(): the counter alone, without the signals a save sends.
    GroupSession.objects.filter(pk=session.pk).update(places_taken=F("places_taken") + change)
    session.places_taken += change


def place_take(*, session, member):
    """A place for the member, or None when the session is full."""
    if session.is_full:
        return None
    registration = SessionRegistration.objects.create(
        session=session, member=member, status=RegistrationStatus.BOOKED
    )
    _count_taken(session, +1)
    return registration


def waiting_list_join(*, session, member):
    return SessionRegistration.objects.create(
        session=session, member=member, status=RegistrationStatus.WAITING
    )


def registration_remove(*, session, registration, now):
    """Give up a place (or leave the waiting list). Returns who was promoted into the place."""
    registration.delete()
    if not registration.is_booked:
        return []
    _count_taken(session, -1)
    return waiting_promote(session=session, now=now)


def waiting_promote(*, session, now):
    """Give each free place to the next person waiting, first come first served. Returns their
    registrations, now places. Nobody is promoted into a session that is cancelled or has begun."""
    if session.cancelled or session.starts_at <= now:
        return []
    waiting = session.registrations.waiting().select_related("member")
    if session.places is not None:
        waiting = waiting[: max(session.places_left, 0)]
    promoted = list(waiting)
    if not promoted:
        return []
    SessionRegistration.objects.filter(pk__in=[r.pk for r in promoted]).update(
        status=RegistrationStatus.BOOKED
    )
    for registration in promoted:
        registration.status = RegistrationStatus.BOOKED
    _count_taken(session, len(promoted))
    return promoted
