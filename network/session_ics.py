"""Calendar files about one member's own sessions: the invitation that comes with each reminder
email (METHOD:REQUEST), the cancellation (METHOD:CANCEL) and the member's private calendar
(network/member_calendar.py).

Every file about a session gives it the same UID, so a calendar app updates the one event it
already has: SEQUENCE goes up with each change the member is told about (RFC 5546). Times carry
TZID=Europe/London with a VTIMEZONE every app reads (feeds/timezones.py), so a session at 6pm is
at 6pm on both sides of a clock change.
"""

from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress

from portal.mail import site_url

from .feeds.calendars import uid
from .feeds.shared import CALENDAR_TIMEZONE
from .feeds.timezones import vtimezone
from .opening_hours import LONDON

FILENAME = "session.ics"
MIMETYPE = "text/calendar"


def session_calendar(method, name=""):
    calendar = Calendar()
    calendar.add("prodid", "-//Network portal//Sessions//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", CALENDAR_TIMEZONE)
    calendar.add_component(vtimezone(CALENDAR_TIMEZONE))
    return calendar


def session_uid(session):
    return uid(f"session-{session.pk}")


def place_of(session):
    group = session.group
    if group.meets_in_person and group.venue:
        return f"{group.venue.name}, {group.venue.one_line_address}"
    return _("Online")


def session_event(session, *, sequence, link="", what_to_prepare="", stamp=None):
    """One session as an event. `link` only in files that go to the member alone."""
    event = Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", stamp or timezone.now())
    event.add("sequence", sequence)
    event.add("summary", session.group.title)
    event.add("dtstart", timezone.localtime(session.starts_at, LONDON))
    event.add("dtend", timezone.localtime(session.ends_at, LONDON))
    event.add("location", place_of(session))
    event.add("status", "CANCELLED" if session.cancelled else "CONFIRMED")
    lines = []
    if link:
        lines.append(_("Join online: %(link)s") % {"link": link})
    if what_to_prepare:
        lines.append(_("What to get ready: %(list)s") % {"list": what_to_prepare})
    lines.append(
        _("To cancel your place, sign in here: %(url)s") % {"url": f"{site_url()}/accounts/sessions/"}
    )
    event.add("description", "\n\n".join(lines))
    return event


def addressed(event, member):
    """Organizer and attendee, which an invitation or a cancellation needs (RFC 5546)."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{address}")
    if name:
        organizer.params["CN"] = name
    event.add("organizer", organizer)
    attendee = vCalAddress(f"mailto:{member.email}")
    attendee.params.update({"ROLE": "REQ-PARTICIPANT", "PARTSTAT": "ACCEPTED", "RSVP": "FALSE"})
    event.add("attendee", attendee)
    return event


def invitation_file(session, member, details, sequence):
    """The .ics that comes with a reminder: what the email says, to add to a calendar."""
    calendar = session_calendar("REQUEST")
    event = session_event(
        session, sequence=sequence, link=details.link, what_to_prepare=details.what_to_prepare
    )
    calendar.add_component(addressed(event, member))
    return FILENAME, calendar.to_ical().decode(), MIMETYPE


def cancellation_file(session, member, sequence):
    calendar = session_calendar("CANCEL")
    calendar.add_component(addressed(session_event(session, sequence=sequence), member))
    return FILENAME, calendar.to_ical().decode(), MIMETYPE
