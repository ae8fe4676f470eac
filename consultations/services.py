"""Every write in consultations. Each function validates and saves inside one transaction.

Locking order, the same everywhere so two requests never wait on each other in a circle:
the member's Ballot row first, then Priority rows (lowest id first), then Vote rows.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from . import notifications
from .models import (
    ACTION_APPROVE,
    ACTION_DISMISS_REPORTS,
    ACTION_EDIT,
    ACTION_GATHERED,
    ACTION_MERGE,
    ACTION_REMOVE,
    ACTION_RETURN,
    ACTION_TALLY,
    AGENDA_TITLE_MAX_LENGTH,
    APPROVED,
    CLOSED,
    EDITABLE_BY_AUTHOR,
    EXPORT_DELETED,
    MEETING_HELD,
    MEETING_PLANNED,
    MERGED,
    OPEN,
    REMOVED,
    RESPONSE_STATUS_CHOICES,
    RETURNED,
    SUBMITTED,
    WITHDRAWN,
    AgendaItem,
    AgendaItemPriority,
    Ballot,
    BoardMeeting,
    BoardResponse,
    ExportLog,
    InRoomTally,
    ModerationLog,
    Priority,
    PriorityRevision,
    Report,
    ResponseUpdate,
    Vote,
)
from .rules import is_eligible_participant
from .safety import check_text


class ConsultationError(ValidationError):
    """A request the rules do not allow, with a kind message to show the person."""


@dataclass
class VoteOutcome:
    priority_id: int
    dots: int
    remaining: int
    budget: int


def _log(priority, actor, action, reason=""):
    ModerationLog.objects.create(priority=priority, actor=actor, action=action, reason=reason)


def _require_open(consultation, message):
    if consultation.state_at(timezone.now()) != OPEN:
        raise ConsultationError(message)


def _clean_theme(consultation, theme):
    if theme is not None and theme.consultation_id != consultation.pk:
        raise ConsultationError(_("Choose one of this consultation's themes."))
    return theme


# Priorities, by members


def priority_submit(*, consultation, author, title, explanation, theme=None, show_name=False):
    if not is_eligible_participant(author, consultation):
        raise ConsultationError(_("This consultation is for a different group."))
    check = check_text(title, explanation)
    with transaction.atomic():
        _require_open(consultation, _("This consultation is not taking new priorities now."))
        needs_a_look = consultation.needs_approval or check.crisis or check.has_personal_details
        now = timezone.now()
        priority = Priority.objects.create(
            consultation=consultation,
            author=author,
            title=title,
            explanation=explanation,
            theme=_clean_theme(consultation, theme),
            show_name=show_name,
            is_urgent=check.crisis,
            may_include_personal_details=check.has_personal_details,
            status=SUBMITTED if needs_a_look else APPROVED,
            submitted_at=now,
            approved_at=None if needs_a_look else now,
        )
    if check.crisis:
        notifications.notify_needs_a_look(priority)
    return priority


def priority_update(*, priority, author, title, explanation, theme=None, show_name=False):
    check = check_text(title, explanation)
    with transaction.atomic():
        priority = Priority.objects.select_for_update().select_related("consultation").get(pk=priority.pk)
        if priority.author_id != author.pk or priority.status not in EDITABLE_BY_AUTHOR:
            raise ConsultationError(_("This priority can no longer be changed."))
        _require_open(
            priority.consultation, _("This consultation has closed, so priorities cannot be changed.")
        )
        priority.title = title
        priority.explanation = explanation
        priority.theme = _clean_theme(priority.consultation, theme)
        priority.show_name = show_name
        priority.is_urgent = priority.is_urgent or check.crisis
        priority.may_include_personal_details = check.has_personal_details
        priority.status = SUBMITTED
        priority.version += 1
        priority.save()
    if check.crisis:
        notifications.notify_needs_a_look(priority)
    return priority


def priority_withdraw(*, priority, author):
    with transaction.atomic():
        priority = Priority.objects.select_for_update().get(pk=priority.pk)
        if priority.author_id != author.pk or priority.status not in EDITABLE_BY_AUTHOR:
            raise ConsultationError(_("This priority can no longer be withdrawn."))
        priority.status = WITHDRAWN
        priority.save(update_fields=["status", "updated_at"])
    return priority


def report_submit(*, priority, reporter, reason):
    with transaction.atomic():
        if priority.status != APPROVED:
            raise ConsultationError(_("This priority is not published, so it cannot be reported."))
        try:
            with transaction.atomic():
                return Report.objects.create(priority=priority, reporter=reporter, reason=reason)
        except IntegrityError:
            raise ConsultationError(
                _("You have already told us about this. A facilitator will look at it.")
            ) from None


# Moderation, by facilitators and staff


def _locked_for_moderation(priority, allowed_statuses, message, reviewed_version=None):
    """The priority, locked. With `reviewed_version`, refused if the author has changed the words
    since the moderator read them: a moderator publishes exactly what they read."""
    priority = Priority.objects.select_for_update().get(pk=priority.pk)
    if priority.status not in allowed_statuses:
        raise ConsultationError(message)
    if reviewed_version is not None and reviewed_version != priority.version:
        raise ConsultationError(
            _("The member changed this priority after you opened it. Please read it again before you act.")
        )
    return priority


def priority_approve(*, priority, moderator, reason="", reviewed_version=None):
    with transaction.atomic():
        priority = _locked_for_moderation(
            priority, (SUBMITTED,), _("This priority has already been looked at."), reviewed_version
        )
        priority.status = APPROVED
        priority.approved_at = timezone.now()
        priority.is_urgent = False
        priority.save(update_fields=["status", "approved_at", "is_urgent", "updated_at"])
        _log(priority, moderator, ACTION_APPROVE, reason)
    notifications.notify_priority_update(priority)
    return priority


def priority_return(*, priority, moderator, message):
    if not message.strip():
        raise ConsultationError(_("Write a few kind words to say why."))
    with transaction.atomic():
        priority = _locked_for_moderation(
            priority, (SUBMITTED,), _("This priority has already been looked at.")
        )
        priority.status = RETURNED
        priority.return_message = message
        priority.is_urgent = False
        priority.save(update_fields=["status", "return_message", "is_urgent", "updated_at"])
        _log(priority, moderator, ACTION_RETURN, message)
    notifications.notify_priority_update(priority)
    return priority


def priority_edit_details(*, priority, moderator, title, explanation, reason, reviewed_version=None):
    """Take personal details out. The words as they were are kept for safeguarding."""
    with transaction.atomic():
        priority = _locked_for_moderation(
            priority,
            (SUBMITTED, APPROVED),
            _("Only waiting or published priorities can be edited."),
            reviewed_version,
        )
        PriorityRevision.objects.create(
            priority=priority, title=priority.title, explanation=priority.explanation, edited_by=moderator
        )
        priority.title = title
        priority.explanation = explanation
        priority.may_include_personal_details = False
        priority.save(update_fields=["title", "explanation", "may_include_personal_details", "updated_at"])
        _log(priority, moderator, ACTION_EDIT, reason)
    return priority


def priority_merge(*, duplicate, survivor, moderator, reason=""):
    """Join a duplicate into the priority that stays. Its votes move across; a member who voted for
    both keeps their vote on the survivor and gets the other back to use again. In-room tallies move
    too: they were counted by different people in different rooms."""
    if duplicate.pk == survivor.pk:
        raise ConsultationError(_("Choose a different priority to join this one with."))
    with transaction.atomic():
        first, second = sorted([duplicate.pk, survivor.pk])
        locked = {
            p.pk: p
            for p in Priority.objects.select_for_update().filter(pk__in=[first, second]).order_by("pk")
        }
        duplicate, survivor = locked.get(duplicate.pk), locked.get(survivor.pk)
        if duplicate is None or survivor is None or duplicate.consultation_id != survivor.consultation_id:
            raise ConsultationError(_("Both priorities must be in the same consultation."))
        if duplicate.status not in (SUBMITTED, APPROVED) or survivor.status != APPROVED:
            raise ConsultationError(_("Join a waiting or published priority into a published one."))
        survivor_voters = Vote.objects.filter(priority=survivor).values("voter")
        returned = Vote.objects.filter(priority=duplicate, voter__in=survivor_voters).delete()[0]
        moved = Vote.objects.filter(priority=duplicate).update(priority=survivor)
        for tally in InRoomTally.objects.filter(priority=duplicate):
            existing = InRoomTally.objects.filter(
                priority=survivor, place=tally.place, held_on=tally.held_on
            ).first()
            if existing is None:
                tally.priority = survivor
                tally.save(update_fields=["priority"])
            else:
                existing.votes += tally.votes
                existing.save(update_fields=["votes"])
                tally.delete()
        Report.objects.filter(priority=duplicate, resolved_at__isnull=True).update(
            resolved_at=timezone.now(), resolved_by=moderator
        )
        duplicate.status = MERGED
        duplicate.merged_into = survivor
        duplicate.is_urgent = False
        duplicate.save(update_fields=["status", "merged_into", "is_urgent", "updated_at"])
        detail = _("Joined into “%(title)s”. %(moved)s votes moved, %(returned)s given back.") % {
            "title": survivor.title,
            "moved": moved,
            "returned": returned,
        }
        _log(duplicate, moderator, ACTION_MERGE, f"{reason}\n{detail}".strip())
        _log(survivor, moderator, ACTION_MERGE, f"{reason}\n{detail}".strip())
    return survivor


def priority_remove(*, priority, moderator, reason):
    """Take a priority down. Its votes go back to the members who gave them."""
    if not reason.strip():
        raise ConsultationError(_("Say why, for the record."))
    with transaction.atomic():
        priority = _locked_for_moderation(
            priority,
            (SUBMITTED, APPROVED),
            _("This priority is not showing, so there is nothing to take down."),
        )
        priority.votes.all().delete()
        priority.status = REMOVED
        priority.is_urgent = False
        priority.save(update_fields=["status", "is_urgent", "updated_at"])
        priority.reports.filter(resolved_at__isnull=True).update(
            resolved_at=timezone.now(), resolved_by=moderator
        )
        _log(priority, moderator, ACTION_REMOVE, reason)
    return priority


def reports_dismiss(*, priority, moderator, reason=""):
    with transaction.atomic():
        count = priority.reports.filter(resolved_at__isnull=True).update(
            resolved_at=timezone.now(), resolved_by=moderator
        )
        if not count:
            raise ConsultationError(_("There are no open reports on this priority."))
        _log(priority, moderator, ACTION_DISMISS_REPORTS, reason)


# Assisted participation


def priority_gather(*, consultation, facilitator, title, explanation, place, held_on, theme=None):
    """A priority gathered at a group for someone who is not online: no account, published at once."""
    with transaction.atomic():
        _require_open(consultation, _("This consultation is not taking new priorities now."))
        now = timezone.now()
        priority = Priority.objects.create(
            consultation=consultation,
            title=title,
            explanation=explanation,
            theme=_clean_theme(consultation, theme),
            gathered_place=place,
            gathered_on=held_on,
            entered_by=facilitator,
            status=APPROVED,
            submitted_at=now,
            approved_at=now,
        )
        _log(
            priority,
            facilitator,
            ACTION_GATHERED,
            _("Gathered at %(place)s on %(day)s")
            % {
                "place": place,
                "day": held_on.isoformat(),
            },
        )
    return priority


def tallies_record(*, consultation, facilitator, place, held_on, counts):
    """Record the dot votes counted at a group: `counts` maps priority id to votes. Entering the
    same place and day again replaces those counts, so a sheet is never counted twice."""
    with transaction.atomic():
        _require_open(consultation, _("In-room votes can be entered while the consultation is open."))
        priorities = {
            p.pk: p
            for p in Priority.objects.select_for_update().filter(
                consultation=consultation, status=APPROVED, pk__in=list(counts)
            )
        }
        if set(counts) - set(priorities):
            raise ConsultationError(_("Some of those priorities are not open for votes. Please try again."))
        for priority_id, votes in counts.items():
            if votes:
                InRoomTally.objects.update_or_create(
                    priority=priorities[priority_id],
                    place=place,
                    held_on=held_on,
                    defaults={"votes": votes, "entered_by": facilitator},
                )
                _log(
                    priorities[priority_id],
                    facilitator,
                    ACTION_TALLY,
                    f"{votes} at {place} on {held_on.isoformat()}",
                )
            else:
                InRoomTally.objects.filter(priority_id=priority_id, place=place, held_on=held_on).delete()


# Votes


def _locked_ballot(consultation, voter):
    ballot, _created = Ballot.objects.get_or_create(consultation=consultation, voter=voter)
    return Ballot.objects.select_for_update().get(pk=ballot.pk)


def _votes_used(consultation, voter):
    used = Vote.objects.filter(voter=voter, priority__consultation=consultation).aggregate(total=Sum("dots"))
    return used["total"] or 0


def vote_cast(*, priority, voter):
    consultation = priority.consultation
    if not is_eligible_participant(voter, consultation):
        raise ConsultationError(_("This consultation is for a different group."))
    with transaction.atomic():
        _locked_ballot(consultation, voter)
        priority = Priority.objects.select_for_update(no_key=True).get(pk=priority.pk)
        # Checked after the locks, so a vote that arrives a moment after closing is refused.
        _require_open(consultation, _("Voting has closed. Thank you for taking part."))
        if priority.status != APPROVED:
            raise ConsultationError(_("This priority is not open for votes."))
        used = _votes_used(consultation, voter)
        if used >= consultation.votes_per_member:
            raise ConsultationError(
                _("You have used all your votes. To support this one, take a vote back from another.")
            )
        vote = Vote.objects.filter(priority=priority, voter=voter).first()
        if vote is None:
            vote = Vote.objects.create(priority=priority, voter=voter, dots=1)
        elif consultation.several_votes_per_priority:
            vote.dots += 1
            vote.save(update_fields=["dots"])
        else:
            raise ConsultationError(_("You already support this priority."))
        return VoteOutcome(
            priority.pk, vote.dots, consultation.votes_per_member - used - 1, consultation.votes_per_member
        )


def vote_withdraw(*, priority, voter):
    consultation = priority.consultation
    with transaction.atomic():
        _locked_ballot(consultation, voter)
        priority = Priority.objects.select_for_update(no_key=True).get(pk=priority.pk)
        _require_open(consultation, _("Voting has closed, so votes can no longer be changed."))
        if not consultation.votes_can_be_moved:
            raise ConsultationError(_("In this consultation, votes cannot be taken back once given."))
        vote = Vote.objects.filter(priority=priority, voter=voter).first()
        if vote is None:
            raise ConsultationError(_("You do not have a vote on this priority."))
        if vote.dots > 1:
            vote.dots -= 1
            vote.save(update_fields=["dots"])
            dots = vote.dots
        else:
            vote.delete()
            dots = 0
        used = _votes_used(consultation, voter)
        return VoteOutcome(
            priority.pk, dots, consultation.votes_per_member - used, consultation.votes_per_member
        )


# The partnership board, by its representatives and staff

AGENDA_MAX_POSITION = 1000


def _locked_meeting(meeting):
    return BoardMeeting.objects.select_for_update().get(pk=meeting.pk)


def _require_planned(meeting):
    if meeting.status != MEETING_PLANNED:
        raise ConsultationError(
            _("This meeting has already happened or was cancelled, so its agenda cannot change.")
        )


def _clean_text(value, message):
    value = (value or "").strip()
    if not value:
        raise ConsultationError(message)
    return value


def agenda_item_create(*, meeting, priority_ids, title, summary):
    """Shortlist published priorities from this board's closed consultations onto one agenda item."""
    summary = _clean_text(summary, _("Write a short summary for the board."))
    priority_ids = sorted({int(pk) for pk in priority_ids})
    if not priority_ids:
        raise ConsultationError(_("Choose at least one priority to put on the agenda."))
    with transaction.atomic():
        meeting = _locked_meeting(meeting)
        _require_planned(meeting)
        priorities = list(
            Priority.objects.select_related("consultation").filter(pk__in=priority_ids).order_by("pk")
        )
        if len(priorities) != len(priority_ids):
            raise ConsultationError(_("One of those priorities could not be found. Please choose again."))
        now = timezone.now()
        for priority in priorities:
            consultation = priority.consultation
            if (
                priority.status != APPROVED
                or consultation.board_id != meeting.board_id
                or consultation.state_at(now) != CLOSED
            ):
                raise ConsultationError(
                    _("Only published priorities from this board's closed consultations can be shortlisted.")
                )
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
            AgendaItemPriority(agenda_item=item, meeting=meeting, priority=priority, shortlisted_at=now)
            for priority in priorities
        )
    return item


def agenda_item_update(*, item, title, summary):
    title = _clean_text(title, _("Give the agenda item a short title."))
    summary = _clean_text(summary, _("Write a short summary for the board."))
    with transaction.atomic():
        meeting = _locked_meeting(item.meeting)
        _require_planned(meeting)
        AgendaItem.objects.filter(pk=item.pk).update(title=title, summary=summary)
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
    if status not in dict(RESPONSE_STATUS_CHOICES):
        raise ConsultationError(_("Choose one of the statuses in the list."))
    explanation = _clean_text(explanation, _("Say in a few plain words what the board decided."))
    with transaction.atomic():
        meeting = _locked_meeting(item.meeting)
        if meeting.status != MEETING_HELD:
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


def export_log_create(*, user, role, subject, object_id, description, export_format, status):
    return ExportLog.objects.create(
        user=user,
        role=role,
        subject=subject,
        object_id=object_id,
        description=description[:250],
        format=export_format,
        status=status,
    )


def exports_purge(*, older_than):
    """Delete made export files asked for before `older_than`; keep each record for the audit log.

    Returns how many files were deleted. Safe to run again: a deleted file is not looked at twice.
    """
    deleted = 0
    for log in ExportLog.objects.filter(created_at__lt=older_than).exclude(file="").iterator():
        log.file.delete(save=False)
        log.status = EXPORT_DELETED
        log.save(update_fields=["file", "status"])
        deleted += 1
    return deleted
