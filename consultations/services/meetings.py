"""Board meetings, made and run by the board's own representatives (and staff): add one, change
its day, time or place while it is planned, and mark it held or cancelled.

Every change is logged in the admin's history of the meeting (Wagtail's log, the same record that
staff's own changes in the admin go to), with who did it and what changed.
"""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log as admin_log

from ..models import BoardMeeting, MeetingStatus
from .common import ConsultationError, clean_text

logger = logging.getLogger("consultations.board")

PLACE_MAX_LENGTH = BoardMeeting._meta.get_field("place").max_length

# The names the admin's history shows these under (registered in wagtail_hooks.py).
MEETING_HELD = "consultations.meeting_held"
MEETING_CANCELLED = "consultations.meeting_cancelled"
AGENDA_PRIORITIES_CHANGED = "consultations.agenda_priorities_changed"


def log_board_action(meeting, user, action, **data):
    """One line in the meeting's history in the admin, and one in the server's log (ids only)."""
    admin_log(
        instance=meeting, action=action, user=user, data={key: str(value) for key, value in data.items()}
    )
    logger.info("board action %s on meeting %s by user %s", action, meeting.pk, getattr(user, "pk", None))


def _clean_meeting(starts_at, place):
    place = clean_text(place, _("Say where the meeting is."))
    if len(place) > PLACE_MAX_LENGTH:
        raise ConsultationError(
            _("Please keep the place to %(max)s characters or fewer.") % {"max": PLACE_MAX_LENGTH}
        )
    if starts_at is None or timezone.is_naive(starts_at):
        raise ConsultationError(_("Enter the day and time of the meeting."))
    return starts_at, place


def meeting_create(*, board, user, starts_at, place):
    starts_at, place = _clean_meeting(starts_at, place)
    with transaction.atomic():
        meeting = BoardMeeting.objects.create(board=board, starts_at=starts_at, place=place)
        log_board_action(meeting, user, "wagtail.create", starts_at=starts_at.isoformat(), place=place)
    return meeting


def _locked_planned(meeting, message):
    meeting = BoardMeeting.objects.select_for_update().select_related("board").get(pk=meeting.pk)
    if meeting.status != MeetingStatus.PLANNED:
        raise ConsultationError(message)
    return meeting


def meeting_update(*, meeting, user, starts_at, place):
    """Change the day, time or place of a meeting that has not happened yet."""
    starts_at, place = _clean_meeting(starts_at, place)
    with transaction.atomic():
        meeting = _locked_planned(
            meeting, _("This meeting has already happened or was cancelled, so it cannot be changed.")
        )
        before = {"starts_at": meeting.starts_at.isoformat(), "place": meeting.place}
        meeting.starts_at, meeting.place = starts_at, place
        meeting.save(update_fields=["starts_at", "place"])
        log_board_action(
            meeting,
            user,
            "wagtail.edit",
            before=before,
            after={"starts_at": starts_at.isoformat(), "place": place},
        )
    return meeting


def meeting_mark_held(*, meeting, user, now=None):
    """Held: the agenda is fixed, and the board's response to each item can be recorded."""
    now = now or timezone.now()
    with transaction.atomic():
        meeting = _locked_planned(
            meeting, _("This meeting is not planned any more, so it cannot be marked as held.")
        )
        if timezone.localdate(meeting.starts_at) > timezone.localdate(now):
            raise ConsultationError(_("You can mark the meeting as held on its day or after."))
        meeting.status = MeetingStatus.HELD
        meeting.save(update_fields=["status"])
        log_board_action(meeting, user, MEETING_HELD)
    return meeting


def meeting_cancel(*, meeting, user):
    with transaction.atomic():
        meeting = _locked_planned(
            meeting, _("This meeting is not planned any more, so it cannot be cancelled.")
        )
        meeting.status = MeetingStatus.CANCELLED
        meeting.save(update_fields=["status"])
        log_board_action(meeting, user, MEETING_CANCELLED)
    return meeting
