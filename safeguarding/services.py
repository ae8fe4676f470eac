"""Writes for safeguarding cases: keyword-only functions named <entity>_<action>.

The leads' emails say nothing about the member or their words (a subject shows on a lock screen,
and a body can be forwarded): only that a case needs them, and the link to sign in and read it.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import MemberProfile
from portal import mail
from portal.errors import ServiceError

from .checks import has_crisis_words
from .models import ActionKind, Case, CaseAction, CaseStatus, SafeguardingSettings, SourceKind
from .sources import copy_addresses

SUBJECT_CASE_OPENED = "Something needs a look from you today"
SUBJECT_CASE_STILL_OPEN = "A reminder: something still needs a look from you"
FOLLOW_UP_NOTE_MAX_LENGTH = 2000


class SafeguardingError(ServiceError):
    pass


def _display_name(member):
    if member is None:
        return ""
    return MemberProfile.objects.filter(user=member).values_list("display_name", flat=True).first() or ""


def _tell_leads(case, subject, template):
    """The leads, and anyone an app adds for the case's source (sources.copy_addresses), each once."""
    leads = SafeguardingSettings.current().lead_emails
    for address in dict.fromkeys([*leads, *copy_addresses(case)]):
        # A copy says why it came: the person supports a volunteer facilitator, not a lead.
        context = {"case": case, "copy": address not in leads}
        mail.send(to=address, subject=subject, template=template, context=context)


def case_open_if_crisis(*, source_kind, source_id, member, texts, now=None):
    """Open a case when any of `texts` has crisis words, and tell the leads once it is saved.
    Returns the case, or None when there were no crisis words."""
    if not has_crisis_words(*texts):
        return None
    now = now or timezone.now()
    with transaction.atomic():
        case = Case.objects.create(
            source_kind=source_kind,
            source_id=source_id,
            words="\n\n".join(text for text in texts if text),
            opened_at=now,
            member=member,
            display_name=_display_name(member),
        )
        CaseAction.objects.create(case=case, at=now, kind=ActionKind.OPENED)
        if SafeguardingSettings.current().lead_emails:
            CaseAction.objects.create(case=case, at=now, kind=ActionKind.LEAD_TOLD)
        transaction.on_commit(
            lambda: _tell_leads(case, SUBJECT_CASE_OPENED, "safeguarding/email/case_opened.txt")
        )
    return case


def cases_record(*, source_kinds, source_id, actor, kind, note="", now=None):
    """Add what was done to a case's source (a moderator edited, approved, merged or took the
    post down) to the history of every open case about it. It never closes a case."""
    now = now or timezone.now()
    cases = list(Case.objects.open().for_source(source_kinds, source_id).values_list("pk", flat=True))
    CaseAction.objects.bulk_create(
        CaseAction(case_id=pk, actor=actor, at=now, kind=kind, note=note) for pk in cases
    )
    return len(cases)


def cases_record_for_member(*, member, kind, note="", now=None):
    """Add a line to every open case about this member."""
    now = now or timezone.now()
    cases = list(Case.objects.open().filter(member=member).values_list("pk", flat=True))
    CaseAction.objects.bulk_create(CaseAction(case_id=pk, at=now, kind=kind, note=note) for pk in cases)
    return len(cases)


def priority_ids_with_cases(member):
    """The priorities of this member that ever opened a case (open or followed up)."""
    return set(
        Case.objects.filter(member=member, source_kind__in=SourceKind.for_priorities()).values_list(
            "source_id", flat=True
        )
    )


def _clean_note(note):
    note = (note or "").strip()
    if not note:
        raise SafeguardingError(_("Write a short note to say what was done."))
    if len(note) > FOLLOW_UP_NOTE_MAX_LENGTH:
        raise SafeguardingError(_("The note can be up to 2000 characters."))
    return note


def case_add_note(*, case, actor, note, now=None):
    note = _clean_note(note)
    return CaseAction.objects.create(
        case=case, actor=actor, at=now or timezone.now(), kind=ActionKind.NOTE, note=note
    )


def case_follow_up(*, case, actor, note, now=None):
    """Close a case: the only way one closes, with a note of what was done."""
    note = _clean_note(note)
    now = now or timezone.now()
    with transaction.atomic():
        closed = Case.objects.filter(pk=case.pk, status=CaseStatus.OPEN).update(
            status=CaseStatus.FOLLOWED_UP, closed_at=now
        )
        if not closed:
            raise SafeguardingError(_("This case has already been followed up."))
        CaseAction.objects.create(case=case, actor=actor, at=now, kind=ActionKind.FOLLOWED_UP, note=note)
    case.refresh_from_db()
    return case


def cases_escalate(*, now=None):
    """Email the leads about each case still open past the configured time, once per that time:
    the next reminder waits until the time has passed again since the last one. The conditional
    update makes two runs at once send one reminder."""
    now = now or timezone.now()
    config = SafeguardingSettings.current()
    after = timedelta(hours=config.escalate_after_hours)
    due = (
        Case.objects.open()
        .filter(opened_at__lte=now - after)
        .filter(Q(last_escalated_at__isnull=True) | Q(last_escalated_at__lte=now - after))
    )
    sent = 0
    for case in due:
        with transaction.atomic():
            claimed = Case.objects.filter(
                pk=case.pk, status=CaseStatus.OPEN, last_escalated_at=case.last_escalated_at
            ).update(last_escalated_at=now)
            if not claimed:
                continue
            CaseAction.objects.create(case=case, at=now, kind=ActionKind.ESCALATED)
            transaction.on_commit(
                lambda case=case: _tell_leads(
                    case, SUBJECT_CASE_STILL_OPEN, "safeguarding/email/case_still_open.txt"
                )
            )
        sent += 1
    return sent


def cases_anonymise(*, now=None):
    """Remove the member, their name, their words and the notes from cases followed up longer ago
    than the configured time. What was done, and when, stays."""
    now = now or timezone.now()
    keep = timedelta(days=SafeguardingSettings.current().keep_closed_cases_days)
    with transaction.atomic():
        due = list(
            Case.objects.filter(
                status=CaseStatus.FOLLOWED_UP, closed_at__lte=now - keep, anonymised_at__isnull=True
            ).values_list("pk", flat=True)
        )
        Case.objects.filter(pk__in=due).update(member=None, display_name="", words="", anonymised_at=now)
        CaseAction.objects.filter(case_id__in=due).update(note="")
        CaseAction.objects.bulk_create(
            CaseAction(case_id=pk, at=now, kind=ActionKind.ANONYMISED) for pk in due
        )
    return len(due)
