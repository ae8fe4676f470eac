"""A crisis flag opens a case that only a recorded follow-up closes."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.data_rights import member_data
from consultations import services
from consultations.models import PriorityStatus
from safeguarding.models import ActionKind, Case, CaseStatus, SourceKind
from safeguarding.services import (
    SUBJECT_CASE_OPENED,
    SUBJECT_CASE_STILL_OPEN,
    SafeguardingError,
    case_follow_up,
    case_open_if_crisis,
    cases_anonymise,
    cases_escalate,
)
from tests.factories.accounts import MemberFactory
from tests.factories.consultations import PriorityFactory
from tests.safeguarding.conftest import CRISIS_WORDS, LEAD

pytestmark = pytest.mark.django_db


def post_crisis(consultation, author):
    return services.priority_submit(
        consultation=consultation, author=author, title="Evenings", explanation=CRISIS_WORDS
    )


def case_for(priority):
    return Case.objects.get(source_kind=SourceKind.PRIORITY, source_id=priority.pk)


def lead_emails(subject):
    return [m for m in mail.outbox if m.subject == subject]


def test_crisis_words_open_a_case_and_email_the_leads_without_the_words(
    consultation, member, safeguarding_settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        priority = post_crisis(consultation, member)
    case = case_for(priority)
    assert case.status == CaseStatus.OPEN
    assert case.member == member
    assert case.display_name == member.profile.display_name
    assert CRISIS_WORDS in case.words
    sent = lead_emails(SUBJECT_CASE_OPENED)
    assert sorted(m.to[0] for m in sent) == [LEAD, "second.lead@example.org"]
    for message in sent:
        assert "end it all" not in message.body
        assert member.profile.display_name not in message.body
        assert reverse("safeguarding:case", args=[case.pk]) in message.body
    assert [a.kind for a in case.actions.all()] == [ActionKind.OPENED, ActionKind.LEAD_TOLD]


def test_ordinary_words_open_no_case(
    consultation, member, safeguarding_settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.priority_submit(
            consultation=consultation, author=member, title="Tea", explanation="Better tea"
        )
    assert not Case.objects.exists()
    assert not lead_emails(SUBJECT_CASE_OPENED)


def test_a_changed_priority_with_crisis_words_opens_a_case(consultation, member, safeguarding_settings):
    priority = services.priority_submit(
        consultation=consultation, author=member, title="Tea", explanation="Tea"
    )
    priority.status = PriorityStatus.SUBMITTED
    priority.save()
    services.priority_update(priority=priority, author=member, title="Tea", explanation=CRISIS_WORDS)
    assert Case.objects.get(source_kind=SourceKind.PRIORITY_EDIT, source_id=priority.pk).is_open


# Every path that used to clear the urgent flag: the case stays open, with a line of history.
def _approve(priority, moderator):
    services.priority_approve(priority=priority, moderator=moderator)


def _edit(priority, moderator):
    services.priority_edit_details(
        priority=priority,
        moderator=moderator,
        title="Evenings",
        explanation="Evening hours.",
        reason="Kinder",
    )


def _edit_then_approve(priority, moderator):
    _edit(priority, moderator)
    _approve(priority, moderator)


def _merge(priority, moderator):
    survivor = PriorityFactory(consultation=priority.consultation)
    services.priority_merge(duplicate=priority, survivor=survivor, moderator=moderator)


def _remove(priority, moderator):
    services.priority_remove(priority=priority, moderator=moderator, reason="Not about the consultation")


def _return(priority, moderator):
    services.priority_return(priority=priority, moderator=moderator, message="Please say more")


@pytest.mark.parametrize(
    ("moderate", "recorded"),
    [
        (_approve, [ActionKind.POST_APPROVED]),
        (_edit, [ActionKind.POST_EDITED]),
        (_edit_then_approve, [ActionKind.POST_EDITED, ActionKind.POST_APPROVED]),
        (_merge, [ActionKind.POST_MERGED]),
        (_remove, [ActionKind.POST_TAKEN_DOWN]),
        (_return, [ActionKind.POST_RETURNED]),
    ],
)
def test_moderating_the_post_never_closes_the_case(consultation, member, facilitator, moderate, recorded):
    priority = post_crisis(consultation, member)
    moderate(priority, facilitator)
    case = case_for(priority)
    assert case.status == CaseStatus.OPEN
    assert case.closed_at is None
    assert [
        a.kind for a in case.actions.exclude(kind__in=[ActionKind.OPENED, ActionKind.LEAD_TOLD])
    ] == recorded
    assert CRISIS_WORDS in case.words


def test_only_a_follow_up_with_a_note_closes_a_case(consultation, member, facilitator):
    case = case_for(post_crisis(consultation, member))
    for empty in ("", "   "):
        with pytest.raises(SafeguardingError):
            case_follow_up(case=case, actor=facilitator, note=empty)
    case.refresh_from_db()
    assert case.is_open
    case_follow_up(case=case, actor=facilitator, note="Rang them; they are safe and seeing their GP.")
    case.refresh_from_db()
    assert case.status == CaseStatus.FOLLOWED_UP and case.closed_at is not None
    with pytest.raises(SafeguardingError):
        case_follow_up(case=case, actor=facilitator, note="Again")


def test_a_report_reason_opens_a_case(consultation, member, safeguarding_settings):
    priority = PriorityFactory(consultation=consultation)
    report = services.report_submit(priority=priority, reporter=member, reason="This made me feel suicidal")
    assert Case.objects.get(source_kind=SourceKind.REPORT, source_id=report.pk).member == member


def test_escalation_emails_the_leads_once_per_interval(
    consultation, member, safeguarding_settings, django_capture_on_commit_callbacks
):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        case = case_for(post_crisis(consultation, member))
    mail.outbox.clear()
    with time_machine.travel(start + timedelta(hours=23, minutes=59), tick=False):
        assert cases_escalate() == 0
    with time_machine.travel(start + timedelta(hours=24), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("escalate_safeguarding_cases", stdout=StringIO())
        assert len(lead_emails(SUBJECT_CASE_STILL_OPEN)) == 2
        assert cases_escalate() == 0
    with time_machine.travel(start + timedelta(hours=47), tick=False):
        assert cases_escalate() == 0
    with (
        time_machine.travel(start + timedelta(hours=48), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert cases_escalate() == 1
    case.refresh_from_db()
    assert case.last_escalated_at == start + timedelta(hours=48)
    assert case.actions.filter(kind=ActionKind.ESCALATED).count() == 2
    assert len(lead_emails(SUBJECT_CASE_STILL_OPEN)) == 4
    body = lead_emails(SUBJECT_CASE_STILL_OPEN)[0].body
    assert "end it all" not in body and member.profile.display_name not in body


def test_escalation_time_is_a_setting_and_closed_cases_are_left_alone(
    consultation, member, facilitator, safeguarding_settings
):
    safeguarding_settings.escalate_after_hours = 2
    safeguarding_settings.save()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        open_case = case_for(post_crisis(consultation, member))
        closed = case_for(post_crisis(consultation, MemberFactory()))
        case_follow_up(case=closed, actor=facilitator, note="Spoke to them at the hub.")
    with time_machine.travel(start + timedelta(hours=2), tick=False):
        assert cases_escalate() == 1
    open_case.refresh_from_db()
    closed.refresh_from_db()
    assert open_case.last_escalated_at is not None
    assert closed.last_escalated_at is None


def test_closed_cases_are_anonymised_after_the_configured_time(
    consultation, member, facilitator, safeguarding_settings
):
    safeguarding_settings.keep_closed_cases_days = 30
    safeguarding_settings.save()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        due = case_for(post_crisis(consultation, member))
        case_follow_up(case=due, actor=facilitator, note="Called them.")
        still_open = case_for(post_crisis(consultation, MemberFactory()))
    with time_machine.travel(start + timedelta(days=10), tick=False):
        not_yet = case_open_if_crisis(
            source_kind=SourceKind.JOIN_REQUEST, source_id=1, member=MemberFactory(), texts=[CRISIS_WORDS]
        )
        case_follow_up(case=not_yet, actor=facilitator, note="Met them.")
    with time_machine.travel(start + timedelta(days=30, seconds=1), tick=False):
        call_command("anonymise_safeguarding_cases", stdout=StringIO())
    due.refresh_from_db()
    assert (due.member, due.display_name, due.words) == (None, "", "")
    assert not due.actions.exclude(note="").exists()
    assert due.actions.filter(kind=ActionKind.FOLLOWED_UP).exists()
    for kept in (still_open, not_yet):
        kept.refresh_from_db()
        assert kept.member is not None and CRISIS_WORDS in kept.words
    with time_machine.travel(start + timedelta(days=40, seconds=1), tick=False):
        assert cases_anonymise() == 1


def test_a_members_data_file_has_their_case_words(client, consultation, member):
    post_crisis(consultation, member)
    data = member_data(member)
    assert data["safeguarding"][0]["words"].endswith(CRISIS_WORDS)


def test_apply_retention_anonymises_followed_up_cases_as_one_of_its_steps(
    consultation, member, facilitator, safeguarding_settings
):
    safeguarding_settings.keep_closed_cases_days = 30
    safeguarding_settings.save()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        due = case_for(post_crisis(consultation, member))
        case_follow_up(case=due, actor=facilitator, note="Called them.")
    out = StringIO()
    with time_machine.travel(start + timedelta(days=30, seconds=1), tick=False):
        call_command("apply_retention", "--only", "safeguarding-cases", stdout=out)
    due.refresh_from_db()
    assert (due.member, due.display_name, due.words) == (None, "", "")
    assert "safeguarding-cases" in out.getvalue()
