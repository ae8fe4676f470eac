"""A member's private calendar: their booked sessions, at an address only they know, for a
calendar app to subscribe to.

The address carries the member's id and a version number, signed with the site's secret key
(django.core.signing), so no secret is stored: the database holds only the version
(MemberCalendar). "Make a new link" moves the version on and the old address answers 404. (Changing
SECRET_KEY without keeping the old one in SECRET_KEY_FALLBACKS changes every address too.)

Calendar apps fetch it without signing in, often from their own servers (Google's, Apple's), so
the response is never stored by the page cache (not wrapped in cache_public_response) nor by
anything on the way (Cache-Control: private, no-store).
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core import signing
from django.db.models import F, OuterRef, Subquery
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from portal.mail import site_url

from .models import MemberCalendar, SessionRegistration, SessionReminder
from .session_ics import session_calendar, session_event

SALT = "network.member-calendar"
# Past sessions stay a while, so the calendar does not lose last week's as soon as it is over.
KEPT_FOR = timedelta(days=35)


def calendar_version(member):
    return MemberCalendar.objects.filter(member=member).values_list("version", flat=True).first() or 1


def calendar_path(member):
    token = signing.Signer(salt=SALT).sign(f"{member.pk}-{calendar_version(member)}")
    return reverse("network:member_calendar", args=[token])


def calendar_addresses(member):
    """The https address, and the same as webcal:// (which opens a calendar app to subscribe)."""
    address = f"{site_url()}{calendar_path(member)}"
    return address, "webcal://" + address.split("://", 1)[1]


def member_calendar_reset(*, member):
    """A new address; the old one stops working at once."""
    calendar, created = MemberCalendar.objects.get_or_create(member=member, defaults={"version": 2})
    if not created:
        MemberCalendar.objects.filter(pk=calendar.pk).update(version=F("version") + 1)
    return calendar


def member_for(token):
    try:
        member_id, version = signing.Signer(salt=SALT).unsign(token).split("-")
        member_id, version = int(member_id), int(version)
    except (signing.BadSignature, ValueError):
        raise Http404 from None
    active = get_user_model().objects.filter(pk=member_id, is_active=True).exists()
    if not active or version != calendar_version(member_id):
        raise Http404
    return member_id


@require_GET
def member_calendar(request, token):
    member_id = member_for(token)
    last_sequence = SessionReminder.objects.filter(
        session=OuterRef("session"), member=OuterRef("member")
    ).order_by("-sequence")
    registrations = (
        SessionRegistration.objects.booked()
        .filter(member_id=member_id, session__group__live=True)
        .filter(session__ends_at__gte=timezone.now() - KEPT_FOR)
        .select_related("session__group__venue")
        .annotate(last_sequence=Subquery(last_sequence.values("sequence")[:1]))
        .order_by("session__starts_at", "pk")
    )
    calendar = session_calendar("PUBLISH", name=_("Your sessions"))
    for registration in registrations:
        session = registration.session
        sequence = registration.last_sequence or 0
        # The online link is left out: this address is kept by calendar apps and their servers,
        # shared with a family calendar, and keeps working for every session to come, so a copy
        # of it would let anyone in. The link comes by email, to the member alone, the day before.
        event = session_event(
            session,
            sequence=sequence + 1 if session.cancelled else sequence,
            what_to_prepare=session.what_to_prepare_shown,
            stamp=registration.created_at,
        )
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="sessions.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
