"""Input gathered in the room, for people who are not online: priorities and dot-vote tallies.

Every tally belongs to a gathering (a group session or a named event). Writes lock the gathering's
row first, then priorities (lowest id first), then tallies, so two facilitators saving the same sheet
at once take turns, and the database holds one tally per gathering and priority whatever happens.
"""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    MAX_IN_ROOM_VOTES,
    PLACE_MAX_LENGTH,
    InRoomGathering,
    InRoomTally,
    ModerationAction,
    Priority,
    PriorityStatus,
    name_key,
    tidy_name,
)
from .common import ConsultationError, clean_theme, log, require_open

CLOSED_MESSAGE = _(
    "This consultation has closed, so its in-room votes cannot be changed now. "
    "The votes already entered are kept."
)


def _check_votes(votes):
    if not isinstance(votes, int) or isinstance(votes, bool) or votes < 0 or votes > MAX_IN_ROOM_VOTES:
        raise ConsultationError(
            _("Enter a whole number of votes from 0 to %(most)s.") % {"most": MAX_IN_ROOM_VOTES}
        )


def _where(gathering):
    return _("%(place)s on %(day)s") % {"place": gathering.name, "day": gathering.held_on.isoformat()}


def gathering_choose(*, consultation, facilitator, name, held_on, source=""):
    """The gathering with this name and day (or made from this source), made if it is new. Names are
    compared with their spaces collapsed and case ignored, so a second typing finds the first."""
    name = tidy_name(name)[:PLACE_MAX_LENGTH]  # a group's title may be longer than a place
    if not name:
        raise ConsultationError(_("Say where the votes were counted."))
    if held_on is None:
        raise ConsultationError(_("Enter the day."))
    if held_on > timezone.localdate():
        raise ConsultationError(_("The day cannot be in the future."))
    with transaction.atomic():
        require_open(consultation, CLOSED_MESSAGE)
        same = Q(name_key=name_key(name), held_on=held_on)
        if source:
            same |= Q(source=source)
        existing = consultation.gatherings.filter(same).order_by("-source").first()
        if existing is not None:
            return existing
        try:
            with transaction.atomic():
                return InRoomGathering.objects.create(
                    consultation=consultation,
                    name=name,
                    held_on=held_on,
                    source=source,
                    created_by=facilitator,
                )
        except IntegrityError:
            # Another facilitator made it a moment ago: theirs is the one.
            return consultation.gatherings.filter(same).order_by("-source").first()


def priority_gather(*, consultation, facilitator, title, explanation, gathering, theme=None):
    """A priority gathered at a group for someone who is not online: no account, published at once."""
    if gathering.consultation_id != consultation.pk:
        raise ConsultationError(_("Choose one of this consultation's sessions."))
    with transaction.atomic():
        require_open(consultation, _("This consultation is not taking new priorities now."))
        now = timezone.now()
        priority = Priority.objects.create(
            consultation=consultation,
            title=title,
            explanation=explanation,
            theme=clean_theme(consultation, theme),
            gathered_place=gathering.name,
            gathered_on=gathering.held_on,
            entered_by=facilitator,
            status=PriorityStatus.APPROVED,
            submitted_at=now,
            approved_at=now,
        )
        log(
            priority,
            facilitator,
            ModerationAction.GATHERED,
            _("Gathered at %(where)s") % {"where": _where(gathering)},
        )
    return priority


def _lock_gathering(gathering):
    gathering = (
        InRoomGathering.objects.select_for_update().select_related("consultation").get(pk=gathering.pk)
    )
    require_open(gathering.consultation, CLOSED_MESSAGE)
    return gathering


def tallies_record(*, gathering, facilitator, counts):
    """Record the dot votes counted at one gathering: `counts` maps priority id to votes.

    A priority missing from `counts`, or given None, was not entered on this sheet: what is saved for
    it stays as it is. A number replaces what was saved (so a sheet is never counted twice), and 0
    removes it. Returns how many counts changed."""
    entered = {pk: votes for pk, votes in counts.items() if votes is not None}
    for votes in entered.values():
        _check_votes(votes)
    with transaction.atomic():
        gathering = _lock_gathering(gathering)
        priorities = {
            p.pk: p
            for p in Priority.objects.select_for_update()
            .filter(consultation=gathering.consultation, status=PriorityStatus.APPROVED, pk__in=list(entered))
            .order_by("pk")
        }
        if set(entered) - set(priorities):
            raise ConsultationError(_("Some of those priorities are not open for votes. Please try again."))
        saved = {
            t.priority_id: t
            for t in InRoomTally.objects.select_for_update().filter(
                gathering=gathering, priority_id__in=list(entered)
            )
        }
        changed = 0
        for priority_id, votes in sorted(entered.items()):
            tally = saved.get(priority_id)
            if (tally is not None and tally.votes == votes) or (tally is None and votes == 0):
                continue
            changed += 1
            if votes == 0:
                _remove(tally, facilitator)
            else:
                _save(tally, gathering, priorities[priority_id], votes, facilitator)
    return changed


def _save(tally, gathering, priority, votes, facilitator):
    before = None if tally is None else tally.votes
    if tally is None:
        tally = InRoomTally(gathering=gathering, priority=priority)
    tally.votes = votes
    tally.entered_by = facilitator
    tally.save()
    detail = _("%(votes)s in-room votes at %(where)s") % {"votes": votes, "where": _where(gathering)}
    if before is not None:
        detail += " " + _("(was %(before)s)") % {"before": before}
    log(priority, facilitator, ModerationAction.TALLY, detail)
    return tally


def _remove(tally, facilitator):
    log(
        tally.priority,
        facilitator,
        ModerationAction.TALLY_REMOVED,
        _("%(votes)s in-room votes at %(where)s taken off")
        % {"votes": tally.votes, "where": _where(tally.gathering)},
    )
    tally.delete()


def _lock_tally(tally):
    gathering = _lock_gathering(tally.gathering)
    locked = InRoomTally.objects.select_for_update().select_related("priority").filter(pk=tally.pk).first()
    if locked is None:
        raise ConsultationError(_("Those votes were already taken off."))
    locked.gathering = gathering
    return locked


def tally_update(*, tally, facilitator, votes):
    """Change one saved count; 0 takes it off."""
    _check_votes(votes)
    with transaction.atomic():
        tally = _lock_tally(tally)
        if votes == 0:
            _remove(tally, facilitator)
            return None
        if votes != tally.votes:
            _save(tally, tally.gathering, tally.priority, votes, facilitator)
        return tally


def tally_remove(*, tally, facilitator):
    """Undo: take one saved count off, with the change logged."""
    with transaction.atomic():
        _remove(_lock_tally(tally), facilitator)
