import pytest
from django.core import mail

from consultations import services
from consultations.models import (
    InRoomTally,
    ModerationAction,
    ModerationLog,
    Priority,
    PriorityRevision,
    PriorityStatus,
    Report,
    Vote,
)
from consultations.notifications import SUBJECT_NEEDS_A_LOOK, SUBJECT_POST_UPDATE
from consultations.selectors import consultation_tallies, member_votes, ranked_priorities
from tests.factories.accounts import user_with_roles
from tests.factories.consultations import (
    ConsultationFactory,
    InRoomGatheringFactory,
    InRoomTallyFactory,
    PriorityFactory,
    ThemeFactory,
    VoteFactory,
)

pytestmark = pytest.mark.django_db
ConsultationError = services.ConsultationError
FORBIDDEN_IN_SUBJECTS = ("drug", "alcohol", "recovery", "addict", "priority", "overdose")


def submit(consultation, author, **kwargs):
    fields = {"title": "Evening opening", "explanation": "It would help people who work.", "show_name": True}
    return services.priority_submit(consultation=consultation, author=author, **{**fields, **kwargs})


def assert_neutral(subject):
    assert not any(word in subject.lower() for word in FORBIDDEN_IN_SUBJECTS), subject


def test_submitted_priority_waits_for_a_check(member, consultation):
    priority = submit(consultation, member)
    assert priority.status == PriorityStatus.SUBMITTED
    assert priority.author == member
    assert not priority.is_urgent


def test_published_at_once_when_no_approval_needed(member):
    priority = submit(ConsultationFactory(needs_approval=False), member)
    assert priority.status == PriorityStatus.APPROVED and priority.approved_at


@pytest.mark.parametrize("explanation", ["I sometimes want to kill myself", "Call me on 07700 900123"])
def test_worrying_posts_wait_for_a_check_even_without_approval(member, explanation):
    priority = submit(ConsultationFactory(needs_approval=False), member, explanation=explanation)
    assert priority.status == PriorityStatus.SUBMITTED


def test_crisis_words_flag_the_post_and_tell_facilitators(member, consultation, facilitator):
    priority = submit(consultation, member, explanation="Some days I think about suicide.")
    assert priority.is_urgent
    assert [m.to for m in mail.outbox] == [[facilitator.email]]
    assert mail.outbox[0].subject == SUBJECT_NEEDS_A_LOOK
    assert "suicide" not in mail.outbox[0].body


def test_cannot_post_to_a_closed_consultation(member):
    with pytest.raises(ConsultationError, match="not taking new priorities"):
        submit(ConsultationFactory(closed=True), member)
    assert not Priority.objects.exists()


def test_cannot_use_another_consultations_theme(member, consultation):
    with pytest.raises(ConsultationError, match="themes"):
        submit(consultation, member, theme=ThemeFactory())


def test_author_edits_and_withdraws_before_approval(member, consultation):
    priority = submit(consultation, member)
    priority = services.priority_update(
        priority=priority, author=member, title="New title", explanation="New words", show_name=False
    )
    assert (priority.title, priority.show_name, priority.status) == (
        "New title",
        False,
        PriorityStatus.SUBMITTED,
    )
    services.priority_withdraw(priority=priority, author=member)
    assert Priority.objects.get().status == PriorityStatus.WITHDRAWN


def test_nobody_else_can_edit_or_withdraw(member, consultation):
    priority = submit(consultation, member)
    stranger = user_with_roles()
    with pytest.raises(ConsultationError):
        services.priority_update(priority=priority, author=stranger, title="x", explanation="y")
    with pytest.raises(ConsultationError):
        services.priority_withdraw(priority=priority, author=stranger)


def test_no_edits_after_approval(member, consultation, facilitator):
    priority = submit(consultation, member)
    services.priority_approve(priority=priority, moderator=facilitator)
    with pytest.raises(ConsultationError, match="no longer"):
        services.priority_update(priority=priority, author=member, title="x", explanation="y")


def test_approve_logs_and_emails_with_a_neutral_subject(member, consultation, facilitator):
    priority = submit(consultation, member)
    services.priority_approve(priority=priority, moderator=facilitator)
    priority.refresh_from_db()
    assert priority.status == PriorityStatus.APPROVED and priority.approved_at
    log = ModerationLog.objects.get()
    assert (log.actor, log.action) == (facilitator, ModerationAction.APPROVE)
    assert [m.subject for m in mail.outbox] == [SUBJECT_POST_UPDATE]
    assert_neutral(mail.outbox[0].subject)
    assert "now showing" in mail.outbox[0].body


def test_approving_twice_is_refused(member, consultation, facilitator):
    priority = submit(consultation, member)
    services.priority_approve(priority=priority, moderator=facilitator)
    with pytest.raises(ConsultationError, match="already"):
        services.priority_approve(priority=priority, moderator=facilitator)
    assert ModerationLog.objects.count() == 1


def test_return_with_a_kind_reason(member, consultation, facilitator):
    priority = submit(consultation, member)
    services.priority_return(priority=priority, moderator=facilitator, message="Could you take the name out?")
    priority.refresh_from_db()
    assert priority.status == PriorityStatus.RETURNED
    assert "Could you take the name out?" in mail.outbox[0].body
    assert_neutral(mail.outbox[0].subject)
    # The member can change it and send it again.
    services.priority_update(priority=priority, author=member, title="Fixed", explanation="No names now")
    assert Priority.objects.get().status == PriorityStatus.SUBMITTED


def test_no_email_when_the_member_says_no(member, consultation, facilitator):
    from consultations.models import NotificationPreferences

    NotificationPreferences.objects.create(user=member, post_updates=False)
    services.priority_approve(priority=submit(consultation, member), moderator=facilitator)
    assert mail.outbox == []


def test_edit_out_details_keeps_the_original(member, consultation, facilitator):
    priority = submit(consultation, member, explanation="Ask Mrs Bell on 07700 900123", title="Lifts")
    services.priority_edit_details(
        priority=priority,
        moderator=facilitator,
        title="Lifts",
        explanation="Ask at the hub",
        reason="Phone number",
    )
    priority.refresh_from_db()
    assert priority.explanation == "Ask at the hub"
    assert not priority.may_include_personal_details
    revision = PriorityRevision.objects.get()
    assert revision.explanation == "Ask Mrs Bell on 07700 900123"
    assert revision.edited_by == facilitator
    assert ModerationLog.objects.get().action == ModerationAction.EDIT


def test_merge_moves_votes_without_counting_anyone_twice(consultation, facilitator):
    survivor = PriorityFactory(consultation=consultation)
    duplicate = PriorityFactory(consultation=consultation)
    both, only_duplicate, only_survivor = user_with_roles(), user_with_roles(), user_with_roles()
    for voter, priorities in (
        (both, [survivor, duplicate]),
        (only_duplicate, [duplicate]),
        (only_survivor, [survivor]),
    ):
        for priority in priorities:
            services.vote_cast(priority=priority, voter=voter)
    InRoomTallyFactory(priority=duplicate, votes=4)
    InRoomTallyFactory(priority=survivor, votes=3)
    InRoomTallyFactory(priority=duplicate, votes=2, place="Women's group")

    services.priority_merge(duplicate=duplicate, survivor=survivor, moderator=facilitator, reason="Same idea")

    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.merged_into) == (PriorityStatus.MERGED, survivor)
    assert set(Vote.objects.filter(priority=survivor).values_list("voter", flat=True)) == {
        both.pk,
        only_duplicate.pk,
        only_survivor.pk,
    }
    assert not Vote.objects.filter(priority=duplicate).exists()
    # The member who voted for both got one vote back.
    assert member_votes(consultation, both) == {survivor.pk: 1}
    assert sum(InRoomTally.objects.filter(priority=survivor).values_list("votes", flat=True)) == 9
    assert ModerationLog.objects.filter(action=ModerationAction.MERGE).count() == 2
    ranked = list(ranked_priorities(consultation))
    assert [(p.pk, p.online_votes, p.in_room_votes) for p in ranked] == [(survivor.pk, 3, 9)]


def test_merge_refuses_other_consultations_and_itself(consultation, facilitator):
    priority = PriorityFactory(consultation=consultation)
    with pytest.raises(ConsultationError):
        services.priority_merge(duplicate=priority, survivor=priority, moderator=facilitator)
    with pytest.raises(ConsultationError, match="same consultation"):
        services.priority_merge(duplicate=priority, survivor=PriorityFactory(), moderator=facilitator)


def test_remove_gives_votes_back(consultation, facilitator, member):
    priority = PriorityFactory(consultation=consultation)
    services.vote_cast(priority=priority, voter=member)
    Report.objects.create(priority=priority, reporter=user_with_roles(), reason="Unkind")
    services.priority_remove(priority=priority, moderator=facilitator, reason="Unkind to someone")
    priority.refresh_from_db()
    assert priority.status == PriorityStatus.REMOVED
    assert member_votes(consultation, member) == {}
    assert not Report.objects.filter(resolved_at__isnull=True).exists()
    with pytest.raises(ConsultationError):
        services.priority_remove(priority=priority, moderator=facilitator, reason="again")


def test_reports(member, consultation, facilitator):
    priority = PriorityFactory(consultation=consultation)
    services.report_submit(priority=priority, reporter=member, reason="It names someone")
    with pytest.raises(ConsultationError, match="already told us"):
        services.report_submit(priority=priority, reporter=member, reason="Again")
    services.reports_dismiss(priority=priority, moderator=facilitator, reason="Checked, fine")
    with pytest.raises(ConsultationError):
        services.reports_dismiss(priority=priority, moderator=facilitator)
    # After the first report is closed, the member can report it again.
    services.report_submit(priority=priority, reporter=member, reason="Still worried")
    assert Report.objects.count() == 2


def test_gathered_priority_has_no_account(consultation, facilitator):
    from datetime import date

    priority = services.priority_gather(
        consultation=consultation,
        facilitator=facilitator,
        title="Lifts to appointments",
        explanation="The bus is rare",
        gathering=InRoomGatheringFactory(consultation=consultation, held_on=date(2026, 3, 3)),
    )
    assert priority.author is None and priority.status == PriorityStatus.APPROVED
    assert priority.entered_by == facilitator


def test_tallies_replace_rather_than_add(consultation, facilitator):
    from datetime import date

    first, second = PriorityFactory.create_batch(2, consultation=consultation)
    gathering = InRoomGatheringFactory(consultation=consultation, name="Peer group", held_on=date(2026, 3, 3))
    for _ in range(2):
        services.tallies_record(
            gathering=gathering, facilitator=facilitator, counts={first.pk: 5, second.pk: 2}
        )
    assert InRoomTally.objects.filter(priority=first).get().votes == 5
    services.tallies_record(gathering=gathering, facilitator=facilitator, counts={second.pk: 0})
    assert not InRoomTally.objects.filter(priority=second).exists()


def test_tallies_refuse_priorities_from_elsewhere(consultation, facilitator):
    from datetime import date

    with pytest.raises(ConsultationError):
        services.tallies_record(
            gathering=InRoomGatheringFactory(consultation=consultation, name="x", held_on=date(2026, 1, 1)),
            facilitator=facilitator,
            counts={PriorityFactory().pk: 3},
        )
    assert not InRoomTally.objects.exists()


def test_results_rank_and_break_ties_as_documented(consultation):
    early = PriorityFactory(consultation=consultation, title="Early")
    late = PriorityFactory(consultation=consultation, title="Late")
    broad = PriorityFactory(consultation=consultation, title="Broad")
    top = PriorityFactory(consultation=consultation, title="Top")
    VoteFactory(priority=early)
    VoteFactory(priority=late)
    InRoomTallyFactory(priority=broad, votes=0)
    VoteFactory(priority=broad)
    VoteFactory(priority=top)
    InRoomTallyFactory(priority=top, votes=4)
    # Same total as "top" but fewer different people online.
    tied_narrow = PriorityFactory(consultation=consultation, title="Narrow")
    InRoomTallyFactory(priority=tied_narrow, votes=5)
    PriorityFactory(
        consultation=consultation, status=PriorityStatus.SUBMITTED, approved_at=None, title="Not shown"
    )
    assert [p.title for p in ranked_priorities(consultation)] == ["Top", "Narrow", "Early", "Late", "Broad"]
    tally = consultation_tallies([consultation.pk])[consultation.pk]
    online = sum(p.online_votes for p in tally.priorities)
    in_room = sum(p.in_room_votes for p in tally.priorities)
    assert (online, in_room, tally.online_voters) == (4, 9, 4)
    assert online + in_room == 13
