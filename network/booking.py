"""The reminder (with the online link) sent again, for a member with a place who says it did
not come. A write, like those in services.py, kept in its own module beside the booking emails."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import GroupSession, SessionRegistration, SessionReminder
from .reminder_emails import send_session_reminder
from .reminders import reminder_details, reminder_due_at, session_reminder_send
from .services import SessionError

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
    if now < reminder_due_at(session):
        return (
            "We send the link by email the day before the session. If it has not come by then, "
            "you can ask for it again here."
        )
    return ""


def session_link_resend(*, session, member, now=None):
    """Email the reminder with the link again: once it is due, and at most once every
    RESEND_LINK_EVERY, however often the button is pressed. The link is never put in a page."""
    now = now or timezone.now()
    with transaction.atomic():
        session = (
            GroupSession.objects.select_for_update(of=("self",))
            .select_related("group__venue")
            .get(pk=session.pk)
        )
        refusal = _refusal(session, member, now)
        if refusal:
            raise SessionError(refusal)
        last = (
            SessionReminder.objects.select_for_update()
            .filter(session=session, member=member)
            .order_by("-sequence")
            .first()
        )
        if last is not None and last.sent_at > now - RESEND_LINK_EVERY:
            raise SessionError(
                "We sent the link a few minutes ago. Emails can take a little while to arrive, so "
                "please look in your junk or spam folder too. You can ask again after 10 minutes."
            )
        details = reminder_details(session)
        if last is None or last.details_key != details.key:
            # Never sent, or sent before something changed: the ordinary reminder, as the run would.
            session_reminder_send(session=session, member=member, now=now)
        else:
            last.sent_at = now
            last.save(update_fields=["sent_at"])
            send_session_reminder(session=session, member=member, details=details, sequence=last.sequence)
    return session
