"""The partnership board's agenda and responses, by its representatives and staff."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import notifications
from ..models import (
    AGENDA_TITLE_MAX_LENGTH,
    AgendaItem,
    AgendaItemPriority,
    BoardMeeting,
    BoardResponse,
    ConsultationState,
    MeetingStatus,
    Priority,
    PriorityStatus,
    ResponseStatus,
    ResponseUpdate,
)
from .common import ConsultationError, clean_text
from .meetings import AGENDA_PRIORITIES_CHANGED, log_board_action

AGENDA_MAX_POSITION = 1000


def _locked_meeting(meeting):
    return BoardMeeting.objects.select_for_update().get(pk=meeting.pk)


def _require_planned(meeting):
    if meeting.status != MeetingStatus.PLANNED:
        raise ConsultationError(
            _("This meeting has already happened or was cancelled, so its agenda cannot change.")
        )


def _shortlistable(meeting, priority_ids):
    """The priorities named, each published and from this board's closed consultations."""
    priorities = list(
        Priority.objects.select_related("consultation").filter(pk__in=priority_ids).order_by("pk")
    )
    if len(priorities) != len(priority_ids):
        raise ConsultationError(_("One of those priorities could not be found. Please choose again."))
    now = timezone.now()
    for priority in priorities:
        consultation = priority.consultation
        if (
            priority.status != PriorityStatus.APPROVED
            or consultation.board_id != meeting.board_id
            or consultation.state_at(now) != ConsultationState.CLOSED
        ):
            raise ConsultationError(
                _("Only published priorities from this board's closed consultations can be shortlisted.")
            )
    return priorities


def _priority_ids(raw):
    return sorted({int(pk) for pk in raw})


def agenda_item_create(*, meeting, priority_ids, title, summary):
    """Shortlist published priorities from this board's closed consultations onto one agenda item."""
    summary = clean_text(summary, _("Write a short summary for the board."))
    priority_ids = _priority_ids(priority_ids)
    if not priority_ids:
        raise ConsultationError(_("Choose at least one priority to put on the agenda."))
    with transaction.atomic():
        meeting = _locked_meeting(meeting)
        _require_planned(meeting)
        priorities = _shortlistable(meeting, priority_ids)
        if AgendaItemPriority.objects.filter(meeting=meeting, priority_id__in=priority_ids).exists():
            raise ConsultationError(_("One of those priorities is already on this meeting's agenda."))
        last = meeting.agenda_items.aggregate(last=Max("position"))["last"] or 0
        if last >= AGENDA_MAX_POSITION:
            raise ConsultationError(_("This agenda is full."))
        title = (title or "").strip() or priorities[0].title
        item = AgendaItem.objects.create(
            meeting=meeting, position=last + 1, title=title[:AGENDA_TITLE_MAX_LENGTH], summary=summary
        )
        AgendaItemPriority.objects.bulk_create(
            AgendaItemPriority(
                agenda_item=item, meeting=meeting, priority=priority, shortlisted_at=timezone.now()
            )
            for priority in priorities
        )
    return item


def _change_priorities(item, meeting, priority_ids, user):
    """Tick or untick the item's priorities while the meeting is planned; logged on the meeting."""
    priority_ids = _priority_ids(priority_ids)
    if not priority_ids:
        raise ConsultationError(
            _("Keep at least one priority on the agenda item, or take the item off the agenda.")
        )
    current = set(AgendaItemPriority.objects.filter(agenda_item=item).values_list("priority_id", flat=True))
    added, removed = sorted(set(priority_ids) - current), sorted(current - set(priority_ids))
    if not (added or removed):
        return
    priorities = _shortlistable(meeting, added) if added else []
    if AgendaItemPriority.objects.filter(meeting=meeting, priority_id__in=added).exists():
        raise ConsultationError(_("One of those priorities is already on this meeting's agenda."))
    AgendaItemPriority.objects.filter(agenda_item=item, priority_id__in=removed).delete()
    AgendaItemPriority.objects.bulk_create(
        AgendaItemPriority(
            agenda_item=item, meeting=meeting, priority=priority, shortlisted_at=timezone.now()
        )
        for priority in priorities
    )
    log_board_action(
        meeting, user, AGENDA_PRIORITIES_CHANGED, agenda_item=item.pk, added=added, removed=removed
    )


def agenda_item_update(*, item, title, summary, priority_ids=None, user=None):
    """Change an agenda item's title and summary and, given `priority_ids`, which priorities it
    carries. Only while the meeting is planned."""
    title = clean_text(title, _("Give the agenda item a short title."))
    summary = clean_text(summary, _("Write a short summary for the board."))
    with transaction.atomic():
        meeting = _locked_meeting(item.meeting)
        _require_planned(meeting)
        # Saved, not updated in bulk: the signal that says board records changed (signals.py)
        # must go, for the exports kept until they do (figures_cache.cached_file).
        item.title, item.summary = title, summary
        item.save(update_fields=["title", "summary"])
        if priority_ids is not None:
            _change_priorities(item, meeting, priority_ids, user)
    item.refresh_from_db()
    return item


def agenda_item_remove(*, item):
    with transaction.atomic():
        meeting = _locked_meeting(item.meeting)
        _require_planned(meeting)
        AgendaItem.objects.filter(pk=item.pk).delete()


def agenda_reorder(*, item, direction):
    """Swap an agenda item with its neighbour above ("up") or below ("down")."""
    if direction not in ("up", "down"):
        raise ConsultationError(_("Something went wrong with that button. Please try again."))
    with transaction.atomic():
        meeting = _locked_meeting(item.meeting)
        _require_planned(meeting)
        item = AgendaItem.objects.get(pk=item.pk)
        items = meeting.agenda_items.all()
        neighbour = (
            items.filter(position__lt=item.position).order_by("-position").first()
            if direction == "up"
            else items.filter(position__gt=item.position).order_by("position").first()
        )
        if neighbour is None:
            return item
        # Position 0 is never used otherwise, so the unique constraint holds at every step.
        mine, theirs = item.position, neighbour.position
        AgendaItem.objects.filter(pk=item.pk).update(position=0)
        AgendaItem.objects.filter(pk=neighbour.pk).update(position=mine)
        AgendaItem.objects.filter(pk=item.pk).update(position=theirs)
    item.refresh_from_db()
    return item


def board_response_record(*, item, user, status, explanation, responsible="", due_by=None):
    """Record the board's response to an agenda item, or a later update to it. Each call keeps a
    dated ResponseUpdate, so the history stays; members who took part are then told."""
    if status not in dict(ResponseStatus.choices):
        raise ConsultationError(_("Choose one of the statuses in the list."))
    explanation = clean_text(explanation, _("Say in a few plain words what the board decided."))
    with transaction.atomic():
        meeting = _locked_meeting(item.meeting)
        if meeting.status != MeetingStatus.HELD:
            raise ConsultationError(_("You can record the board's response once the meeting has been held."))
        now = timezone.now()
        response, created = BoardResponse.objects.select_for_update().get_or_create(
            agenda_item=item,
            defaults={
                "status": status,
                "explanation": explanation,
                "responsible": responsible,
                "due_by": due_by,
                "recorded_by": user,
                "recorded_at": now,
                "updated_at": now,
            },
        )
        if not created:
            response.status = status
            response.explanation = explanation
            response.responsible = responsible
            response.due_by = due_by
            response.updated_at = now
            response.save(update_fields=["status", "explanation", "responsible", "due_by", "updated_at"])
        ResponseUpdate.objects.create(
            response=response, status=status, note=explanation, written_at=now, recorded_by=user
        )
    notifications.notify_board_response(item)
    return response
