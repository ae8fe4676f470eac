"""What facilitators and staff do to priorities. Every action is logged: who, when and why."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safeguarding.models import ActionKind, SourceKind
from safeguarding.services import cases_record

from .. import notifications
from ..models import InRoomTally, ModerationAction, Priority, PriorityRevision, PriorityStatus, Report, Vote
from .common import ConsultationError, log


def _record_on_cases(priority, moderator, kind, note=""):
    """What a moderator did goes into the history of any open safeguarding case about the post.
    It never closes the case: only a recorded follow-up does (safeguarding.services)."""
    cases_record(
        source_kinds=SourceKind.for_priorities(), source_id=priority.pk, actor=moderator, kind=kind, note=note
    )


def refuse_own_post(priority, moderator):
    """Nobody moderates, or closes reports about, their own post: another facilitator does."""
    if moderator is not None and priority.author_id is not None and priority.author_id == moderator.pk:
        raise ConsultationError(_("You posted this, so another facilitator needs to look at it."))


def _locked_for_moderation(priority, allowed_statuses, message, reviewed_version=None, moderator=None):
    """The priority, locked. With `reviewed_version`, refused if the author has changed the words
    since the moderator read them: a moderator publishes exactly what they read."""
    priority = Priority.objects.select_for_update().get(pk=priority.pk)
    refuse_own_post(priority, moderator)
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
            priority,
            (PriorityStatus.SUBMITTED,),
            _("This priority has already been looked at."),
            reviewed_version,
            moderator,
        )
        priority.status = PriorityStatus.APPROVED
        priority.approved_at = timezone.now()
        priority.is_urgent = False
        priority.save(update_fields=["status", "approved_at", "is_urgent", "updated_at"])
        log(priority, moderator, ModerationAction.APPROVE, reason)
        _record_on_cases(priority, moderator, ActionKind.POST_APPROVED, reason)
    notifications.notify_priority_update(priority)
    return priority


def priority_return(*, priority, moderator, message):
    if not message.strip():
        raise ConsultationError(_("Write a few kind words to say why."))
    with transaction.atomic():
        priority = _locked_for_moderation(
            priority,
            (PriorityStatus.SUBMITTED,),
            _("This priority has already been looked at."),
            None,
            moderator,
        )
        priority.status = PriorityStatus.RETURNED
        priority.return_message = message
        priority.is_urgent = False
        priority.save(update_fields=["status", "return_message", "is_urgent", "updated_at"])
        log(priority, moderator, ModerationAction.RETURN, message)
        _record_on_cases(priority, moderator, ActionKind.POST_RETURNED, message)
    notifications.notify_priority_update(priority)
    return priority


def priority_edit_details(
    *, priority, moderator, title, explanation, reason, reviewed_version=None, publish=False
):
    """Take personal details out. The words as they were are kept for safeguarding. With
    `publish`, a waiting priority is published in the same step, with the new words."""
    with transaction.atomic():
        priority = _locked_for_moderation(
            priority,
            (PriorityStatus.SUBMITTED, PriorityStatus.APPROVED),
            _("Only waiting or published priorities can be edited."),
            reviewed_version,
            moderator,
        )
        if publish and priority.status != PriorityStatus.SUBMITTED:
            raise ConsultationError(_("This priority has already been looked at."))
        PriorityRevision.objects.create(
            priority=priority, title=priority.title, explanation=priority.explanation, edited_by=moderator
        )
        priority.title = title
        priority.explanation = explanation
        priority.may_include_personal_details = False
        fields = ["title", "explanation", "may_include_personal_details", "updated_at"]
        if publish:
            priority.status = PriorityStatus.APPROVED
            priority.approved_at = timezone.now()
            priority.is_urgent = False
            fields += ["status", "approved_at", "is_urgent"]
        priority.save(update_fields=fields)
        log(priority, moderator, ModerationAction.EDIT, reason)
        _record_on_cases(priority, moderator, ActionKind.POST_EDITED, reason)
        if publish:
            log(priority, moderator, ModerationAction.APPROVE)
            _record_on_cases(priority, moderator, ActionKind.POST_APPROVED)
    notifications.notify_priority_moderated(priority, what="edited_and_published" if publish else "edited")
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
        if duplicate is not None:
            refuse_own_post(duplicate, moderator)
        if duplicate is None or survivor is None or duplicate.consultation_id != survivor.consultation_id:
            raise ConsultationError(_("Both priorities must be in the same consultation."))
        if (
            duplicate.status not in (PriorityStatus.SUBMITTED, PriorityStatus.APPROVED)
            or survivor.status != PriorityStatus.APPROVED
        ):
            raise ConsultationError(_("Join a waiting or published priority into a published one."))
        survivor_voters = Vote.objects.filter(priority=survivor).values("voter")
        returned = Vote.objects.filter(priority=duplicate, voter__in=survivor_voters).delete()[0]
        moved = Vote.objects.filter(priority=duplicate).update(priority=survivor)
        for tally in InRoomTally.objects.filter(priority=duplicate):
            existing = InRoomTally.objects.filter(priority=survivor, gathering=tally.gathering_id).first()
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
        duplicate.status = PriorityStatus.MERGED
        duplicate.merged_into = survivor
        duplicate.is_urgent = False
        duplicate.save(update_fields=["status", "merged_into", "is_urgent", "updated_at"])
        detail = _("Joined into “%(title)s”. %(moved)s votes moved, %(returned)s given back.") % {
            "title": survivor.title,
            "moved": moved,
            "returned": returned,
        }
        log(duplicate, moderator, ModerationAction.MERGE, f"{reason}\n{detail}".strip())
        log(survivor, moderator, ModerationAction.MERGE, f"{reason}\n{detail}".strip())
        _record_on_cases(duplicate, moderator, ActionKind.POST_MERGED, f"{reason}\n{detail}".strip())
    notifications.notify_priority_moderated(duplicate, what="merged", merged_into=survivor)
    return survivor


def priority_remove(*, priority, moderator, reason):
    """Take a priority down. Its votes go back to the members who gave them."""
    if not reason.strip():
        raise ConsultationError(_("Say why, for the record."))
    with transaction.atomic():
        priority = _locked_for_moderation(
            priority,
            (PriorityStatus.SUBMITTED, PriorityStatus.APPROVED),
            _("This priority is not showing, so there is nothing to take down."),
            None,
            moderator,
        )
        priority.votes.all().delete()
        priority.status = PriorityStatus.REMOVED
        priority.is_urgent = False
        priority.save(update_fields=["status", "is_urgent", "updated_at"])
        priority.reports.filter(resolved_at__isnull=True).update(
            resolved_at=timezone.now(), resolved_by=moderator
        )
        log(priority, moderator, ModerationAction.REMOVE, reason)
        _record_on_cases(priority, moderator, ActionKind.POST_TAKEN_DOWN, reason)
    notifications.notify_priority_moderated(priority, what="taken_down", reason=reason)
    return priority


def reports_dismiss(*, priority, moderator, reason=""):
    """Close the open reports about a priority with no change. Never about one's own post."""
    refuse_own_post(priority, moderator)
    with transaction.atomic():
        count = priority.reports.filter(resolved_at__isnull=True).update(
            resolved_at=timezone.now(), resolved_by=moderator
        )
        if not count:
            raise ConsultationError(_("There are no open reports on this priority."))
        log(priority, moderator, ModerationAction.DISMISS_REPORTS, reason)
