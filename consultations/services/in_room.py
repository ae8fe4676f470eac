"""Input gathered in the room, for people who are not online: priorities and dot-vote tallies."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import InRoomTally, ModerationAction, Priority, PriorityStatus
from .common import ConsultationError, clean_theme, log, require_open


def priority_gather(*, consultation, facilitator, title, explanation, place, held_on, theme=None):
    """A priority gathered at a group for someone who is not online: no account, published at once."""
    with transaction.atomic():
        require_open(consultation, _("This consultation is not taking new priorities now."))
        now = timezone.now()
        priority = Priority.objects.create(
            consultation=consultation,
            title=title,
            explanation=explanation,
            theme=clean_theme(consultation, theme),
            gathered_place=place,
            gathered_on=held_on,
            entered_by=facilitator,
            status=PriorityStatus.APPROVED,
            submitted_at=now,
            approved_at=now,
        )
        log(
            priority,
            facilitator,
            ModerationAction.GATHERED,
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
        require_open(consultation, _("In-room votes can be entered while the consultation is open."))
        priorities = {
            p.pk: p
            for p in Priority.objects.select_for_update().filter(
                consultation=consultation, status=PriorityStatus.APPROVED, pk__in=list(counts)
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
                log(
                    priorities[priority_id],
                    facilitator,
                    ModerationAction.TALLY,
                    f"{votes} at {place} on {held_on.isoformat()}",
                )
            else:
                InRoomTally.objects.filter(priority_id=priority_id, place=place, held_on=held_on).delete()
