"""The online link sent again, for a member with a place who says it did not come. A write, like
those in services.py, kept in its own module beside the booking emails."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import GroupSession, SessionLinkSent, SessionRegistration
from .notifications import send_session_link
from .services import LINK_WINDOW, SessionError

# How long before someone can ask for the same link again: long enough for a slow email to arrive.
RESEND_LINK_EVERY = timedelta(minutes=10)


def _refusal(session, member, now):
    """Why the link cannot go (a kind sentence), or "" when it can."""
    group = session.group
    registration = SessionRegistration.objects.filter(session=session, member=member).first()
    if registration is None:
        return "You do not have a place at this session. Sign up first, then we send you the link."
    if not registration.is_booked:
        return (
            "You are on the waiting list for this session. If a place comes up, it is yours, and "
            "we email you the link."
        )
    if session.cancelled:
        return "This session is cancelled, so there is no link to send. Sorry."
    if session.ends_at <= now:
        return "This session has finished, so there is no link to send."
    if not group.meets_online:
        return "This session meets in person only, so it has no link."
    if not group.online_link:
        return "We do not have a link for this session yet. Please ask at the hub and we will sort it out."
    if session.starts_at > now + LINK_WINDOW:
        return (
            "We send the link by email the day before the session. If it has not come by then, "
            "you can ask for it again here."
        )
    return ""


def session_link_resend(*, session, member, now=None):
    """Email the link again: once the link window has opened, and at most once every
    RESEND_LINK_EVERY, however often the button is pressed. The link is never put in a page."""
    now = now or timezone.now()
    with transaction.atomic():
        session = GroupSession.objects.select_for_update().select_related("group").get(pk=session.pk)
        refusal = _refusal(session, member, now)
        if refusal:
            raise SessionError(refusal)
        sent = SessionLinkSent.objects.select_for_update().filter(session=session, member=member).first()
        if sent is not None and sent.sent_at > now - RESEND_LINK_EVERY:
            raise SessionError(
                "We sent the link a few minutes ago. Emails can take a little while to arrive, so "
                "please look in your junk or spam folder too. You can ask again after 10 minutes."
            )
        if sent is None:
            SessionLinkSent.objects.create(session=session, member=member)
        else:
            sent.sent_at = now
            sent.save(update_fields=["sent_at"])
        send_session_link(session=session, member=member)
    return session
