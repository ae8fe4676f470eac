import pytest
from django.core import mail
from django.urls import reverse

from consultations.models import (
    InRoomTally,
    ModerationLog,
    Priority,
    PriorityRevision,
    PriorityStatus,
    Report,
    Vote,
)
from tests.factories.accounts import user_with_roles
from tests.factories.consultations import (
    ConsultationFactory,
    InRoomGatheringFactory,
    PriorityFactory,
    ReturnReasonFactory,
    ThemeFactory,
    VoteFactory,
)

pytestmark = pytest.mark.django_db
QUEUE = reverse("consultations:moderation_queue")


def moderate_url(priority):
    return reverse("consultations:moderate", args=[priority.pk])


@pytest.fixture
def waiting(consultation):
    return PriorityFactory(
        consultation=consultation, status=PriorityStatus.SUBMITTED, approved_at=None, title="Waiting one"
    )


def test_members_cannot_moderate(client, member, waiting):
    client.force_login(member)
    assert client.get(QUEUE).status_code == 403
    assert client.post(moderate_url(waiting), {"action": "approve", "version": "1"}).status_code == 403
    waiting.refresh_from_db()
    assert waiting.status == PriorityStatus.SUBMITTED


def test_queue_puts_urgent_first_then_reported(as_facilitator, consultation):
    PriorityFactory(
        consultation=consultation, status=PriorityStatus.SUBMITTED, approved_at=None, title="Oldest"
    )
    reported = PriorityFactory(consultation=consultation, title="Reported")
    Report.objects.create(priority=reported, reporter=user_with_roles(), reason="Unkind")
    PriorityFactory(
        consultation=consultation,
        status=PriorityStatus.SUBMITTED,
        approved_at=None,
        title="Urgent",
        is_urgent=True,
    )
    PriorityFactory(consultation=consultation, title="Fine and published")
    html = as_facilitator.get(QUEUE).text
    assert html.index("Urgent") < html.index("Reported") < html.index("Oldest")
    assert "Fine and published" not in html
    assert "May need help now" in html


def test_queue_counts_only_open_reports(as_facilitator, consultation):
    """A report someone has dealt with takes a published priority out of the queue; more open
    reports come first."""
    from django.utils import timezone

    dealt_with = PriorityFactory(consultation=consultation, title="Dealt with")
    Report.objects.create(
        priority=dealt_with, reporter=user_with_roles(), reason="Unkind", resolved_at=timezone.now()
    )
    once = PriorityFactory(consultation=consultation, title="Reported once")
    twice = PriorityFactory(consultation=consultation, title="Reported twice")
    for priority in (once, twice, twice):
        Report.objects.create(priority=priority, reporter=user_with_roles(), reason="Unkind")
    html = as_facilitator.get(QUEUE).text
    assert "Dealt with" not in html
    assert html.index("Reported twice") < html.index("Reported once")


def test_queue_says_who_posted_each_and_where(as_facilitator, consultation):
    """Each row names the consultation and the poster's display name (whether or not the post shows
    it to other members), a former member, or the group where it was gathered; and the queue read
    again shows what changed since (its SQL is put together once, portal/prepared.py)."""
    from datetime import date

    named = PriorityFactory(
        consultation=consultation, status=PriorityStatus.SUBMITTED, approved_at=None, title="Named"
    )
    named.author.profile.display_name = "Robin from Leith"
    named.author.profile.save()
    PriorityFactory(
        consultation=consultation, status=PriorityStatus.SUBMITTED, approved_at=None, title="Left",
        author=None,
    )  # fmt: skip
    PriorityFactory(
        consultation=consultation, status=PriorityStatus.SUBMITTED, approved_at=None, title="Gathered",
        author=None, gathered_place="Tuesday women's group", gathered_on=date(2026, 11, 3),
    )  # fmt: skip
    html = as_facilitator.get(QUEUE).text
    assert "Robin from Leith" in html
    assert "A former member" in html
    assert "Gathered at Tuesday women&#x27;s group on" in html
    assert html.count(consultation.question) == 3
    assert "Later one" not in html
    PriorityFactory(
        consultation=consultation, status=PriorityStatus.SUBMITTED, approved_at=None, title="Later one"
    )
    Priority.objects.filter(pk=named.pk).update(
        status=PriorityStatus.APPROVED, approved_at=named.submitted_at
    )
    html = as_facilitator.get(QUEUE).text
    assert "Later one" in html
    assert "Robin from Leith" not in html


def test_facilitator_sees_the_account_for_safeguarding(as_facilitator, waiting):
    waiting.show_name = False
    waiting.save()
    html = as_facilitator.get(moderate_url(waiting)).text
    assert waiting.author.email in html
    assert "Anonymous to other members" in html


def test_approve(as_facilitator, waiting, facilitator):
    response = as_facilitator.post(moderate_url(waiting), {"action": "approve", "version": "1"}, follow=True)
    assert "Published." in response.text
    waiting.refresh_from_db()
    assert waiting.status == PriorityStatus.APPROVED
    assert ModerationLog.objects.get().actor == facilitator
    assert mail.outbox[0].subject == "An update on your post"


def test_return_with_a_template_reason(as_facilitator, waiting):
    reason = ReturnReasonFactory()
    as_facilitator.post(
        moderate_url(waiting), {"action": "return", "return-template": reason.pk, "return-message": ""}
    )
    waiting.refresh_from_db()
    assert (waiting.status, waiting.return_message) == (PriorityStatus.RETURNED, reason.message)
    assert reason.message in mail.outbox[0].body


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"action": "return", "return-template": "", "return-message": ""},
            "Choose a reason or write a message",
        ),
        (
            {"action": "return", "return-template": "999999", "return-message": ""},
            "Choose one of the reasons",
        ),
        ({"action": "return", "return-message": "x" * 1001}, "1000 characters or fewer"),
        (
            {"action": "edit", "edit-title": "", "edit-explanation": "x", "edit-reason": "y"},
            "Write the priority in a few words.",
        ),
        (
            {"action": "edit", "edit-title": "t", "edit-explanation": "x", "edit-reason": ""},
            "Write a few words",
        ),
        ({"action": "merge", "merge-survivor": ""}, "Choose the priority to keep."),
        ({"action": "merge", "merge-survivor": "999999"}, "Choose one of the priorities in the list."),
        ({"action": "merge", "merge-survivor": "abc"}, "Choose one of the priorities in the list."),
        ({"action": "remove", "remove-reason": ""}, "Choose or write why it is being taken down."),
    ],
)
def test_bad_moderation_input_is_explained(as_facilitator, waiting, data, message):
    response = as_facilitator.post(moderate_url(waiting), data)
    assert response.status_code == 200
    assert message in response.text
    waiting.refresh_from_db()
    assert waiting.status == PriorityStatus.SUBMITTED
    assert not ModerationLog.objects.exists()


def test_unknown_action_changes_nothing(as_facilitator, waiting):
    response = as_facilitator.post(moderate_url(waiting), {"action": "explode"})
    assert response.status_code == 200
    assert "Something went wrong" in response.text
    assert not ModerationLog.objects.exists()


def test_edit_out_personal_details(as_facilitator, consultation):
    priority = PriorityFactory(consultation=consultation, explanation="Ring Mrs Bell on 07700 900123")
    as_facilitator.post(
        moderate_url(priority),
        {
            "action": "edit",
            "version": "1",
            "edit-title": priority.title,
            "edit-explanation": "Ring the hub",
            "edit-reason": "Phone",
        },
    )
    priority.refresh_from_db()
    assert priority.explanation == "Ring the hub"
    assert PriorityRevision.objects.get().explanation == "Ring Mrs Bell on 07700 900123"


def test_merge_duplicates(as_facilitator, consultation, member):
    survivor = PriorityFactory(consultation=consultation)
    duplicate = PriorityFactory(consultation=consultation)
    VoteFactory(priority=survivor, voter=member)
    VoteFactory(priority=duplicate, voter=member)
    VoteFactory(priority=duplicate)
    as_facilitator.post(moderate_url(duplicate), {"action": "merge", "merge-survivor": survivor.pk})
    duplicate.refresh_from_db()
    assert duplicate.status == PriorityStatus.MERGED
    assert Vote.objects.filter(priority=survivor).count() == 2
    assert Vote.objects.filter(voter=member).count() == 1


def test_cannot_merge_into_another_consultations_priority(as_facilitator, waiting):
    elsewhere = PriorityFactory()
    response = as_facilitator.post(moderate_url(waiting), {"action": "merge", "merge-survivor": elsewhere.pk})
    assert response.status_code == 200
    waiting.refresh_from_db()
    assert waiting.status == PriorityStatus.SUBMITTED


def test_take_down_and_dismiss_reports(as_facilitator, consultation):
    reported = PriorityFactory(consultation=consultation)
    Report.objects.create(priority=reported, reporter=user_with_roles(), reason="Unkind")
    response = as_facilitator.post(
        moderate_url(reported), {"action": "dismiss", "dismiss-reason": "It is fine"}, follow=True
    )
    assert "Reports closed" in response.text
    assert not Report.objects.filter(resolved_at__isnull=True).exists()
    as_facilitator.post(moderate_url(reported), {"action": "remove", "remove-reason": "Names someone"})
    reported.refresh_from_db()
    assert reported.status == PriorityStatus.REMOVED


def test_approving_twice_says_so(as_facilitator, waiting):
    as_facilitator.post(moderate_url(waiting), {"action": "approve", "version": "1"})
    response = as_facilitator.post(moderate_url(waiting), {"action": "approve", "version": "1"}, follow=True)
    assert "already been looked at" in response.text


@pytest.mark.parametrize("count", [3, 30])
def test_queue_queries_do_not_grow(as_facilitator, consultation, django_assert_max_num_queries, count):
    PriorityFactory.create_batch(
        count,
        consultation=consultation,
        status=PriorityStatus.SUBMITTED,
        approved_at=None,
        theme=ThemeFactory(consultation=consultation),
    )
    # One more than before safeguarding cases: the count of open cases, however long the queue.
    with django_assert_max_num_queries(
        15
    ):  # +1 since the home page always has children (the section pages), so the menu asks once
        as_facilitator.get(QUEUE)


def test_enter_a_gathered_priority(as_facilitator, consultation):
    url = reverse("consultations:gathered_create", args=[consultation.pk])
    assert as_facilitator.get(url).status_code == 200
    data = {
        "title": "Lifts",
        "explanation": "The bus is rare",
        "place": "Tuesday peer group",
        "held_on": "3/3/2026",
    }
    response = as_facilitator.post(url, data, follow=True)
    assert "Gathered at Tuesday peer group on Tuesday 3 March 2026" in response.text
    priority = Priority.objects.get()
    assert priority.author is None and priority.status == PriorityStatus.APPROVED


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"held_on": "31/2/2026"}, "Enter the day like 27/3/2026."),
        ({"held_on": "1/1/2999"}, "The day cannot be in the future."),
        ({"place": ""}, "Say where it was gathered."),
        ({"title": "<b>" * 100}, "120 characters or fewer"),
    ],
)
def test_bad_gathered_priority_input(as_facilitator, consultation, change, message):
    url = reverse("consultations:gathered_create", args=[consultation.pk])
    data = {
        "title": "Lifts",
        "explanation": "The bus is rare",
        "place": "Peer group",
        "held_on": "3/3/2026",
        **change,
    }
    response = as_facilitator.post(url, data)
    assert message in response.text
    assert not Priority.objects.exists()


def test_enter_in_room_votes(as_facilitator, consultation):
    first, second = PriorityFactory.create_batch(2, consultation=consultation)
    url = reverse("consultations:tallies", args=[consultation.pk])
    data = {"place": "Peer group", "held_on": "3/3/2026", f"votes_{first.pk}": "7", f"votes_{second.pk}": ""}
    for _ in range(2):
        sheet = as_facilitator.post(url, data)["Location"]
        as_facilitator.post(sheet, data)
    assert list(InRoomTally.objects.values_list("priority", "votes")) == [(first.pk, 7)]


@pytest.mark.parametrize(
    ("value", "message"), [("-1", "fewer than 0"), ("ten", "whole number"), ("99999999", "more votes")]
)
def test_bad_in_room_votes(as_facilitator, consultation, value, message):
    priority = PriorityFactory(consultation=consultation)
    gathering = InRoomGatheringFactory(consultation=consultation, name="Peer group")
    url = reverse("consultations:tally_sheet", args=[consultation.pk, gathering.pk])
    response = as_facilitator.post(url, {f"votes_{priority.pk}": value})
    assert message in response.text
    assert not InRoomTally.objects.exists()


def test_no_in_room_entry_after_closing(as_facilitator):
    consultation = ConsultationFactory(closed=True)
    assert as_facilitator.get(reverse("consultations:tallies", args=[consultation.pk])).status_code == 403


def test_a_moderator_publishes_exactly_the_words_they_read(as_facilitator, member, consultation):
    """The author changed the title between the moderator opening the page and pressing
    "Approve" (security review, item 8): nothing is published, and the moderator is told why."""
    from consultations import services

    priority = services.priority_submit(
        consultation=consultation, author=member, title="Evening opening", explanation="After work."
    )
    page = as_facilitator.get(moderate_url(priority))
    assert 'name="version" value="1"' in page.text

    services.priority_update(
        priority=priority, author=member, title="Something else entirely", explanation="Swapped."
    )
    response = as_facilitator.post(moderate_url(priority), {"action": "approve", "version": "1"}, follow=True)
    assert "changed this priority after you opened it" in response.text
    priority.refresh_from_db()
    assert priority.status == PriorityStatus.SUBMITTED
    assert priority.approved_at is None

    edit = as_facilitator.post(
        moderate_url(priority),
        {"action": "edit", "version": "1", "edit-title": "Evening opening", "edit-explanation": "x",
         "edit-reason": "tidy"},
        follow=True,
    )  # fmt: skip
    assert "changed this priority after you opened it" in edit.text
    priority.refresh_from_db()
    assert priority.title == "Something else entirely"

    page = as_facilitator.get(moderate_url(priority))
    assert 'name="version" value="2"' in page.text
    as_facilitator.post(moderate_url(priority), {"action": "approve", "version": "2"})
    priority.refresh_from_db()
    assert priority.status == PriorityStatus.APPROVED
    assert priority.title == "Something else entirely"


@pytest.mark.parametrize("version", ["", "abc", "-1", "99999999999999999999"])
def test_a_missing_or_odd_version_publishes_nothing(as_facilitator, waiting, version):
    response = as_facilitator.post(
        moderate_url(waiting), {"action": "approve", "version": version}, follow=True
    )
    assert response.status_code == 200
    assert "Please read it again" in response.text
    waiting.refresh_from_db()
    assert waiting.status == PriorityStatus.SUBMITTED
