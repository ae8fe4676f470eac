"""The moderation page as a facilitator meets it: errors at the top, ready-written reasons shown in
full before they are sent, editing and publishing in one step, the "posted at" column, and no
moderating of one's own post (issue 13)."""

import re
from datetime import date

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import FACILITATORS, MEMBERS
from consultations import services
from consultations.forms.moderation import TAKE_DOWN_REASONS
from consultations.models import ModerationLog, PriorityRevision, PriorityStatus, Report
from portal import times
from tests.factories.accounts import user_with_roles
from tests.factories.consultations import PriorityFactory, ReturnReasonFactory

pytestmark = pytest.mark.django_db
QUEUE = reverse("consultations:moderation_queue")


def moderate_url(priority):
    return reverse("consultations:moderate", args=[priority.pk])


@pytest.fixture
def waiting(consultation):
    return PriorityFactory(
        consultation=consultation, status=PriorityStatus.SUBMITTED, approved_at=None, title="Waiting one"
    )


def summary_of(html):
    """The error summary's HTML, which must come before the page's heading."""
    match = re.search(r'<div class="govuk-error-summary".*?</ul>', html, re.S)
    assert match, "no error summary on the page"
    assert html.index("govuk-error-summary") < html.index('<h1 class="govuk-heading-l">')
    return match.group(0)


def test_take_it_down_with_no_reason_shows_the_summary_first_focused_and_linked(as_facilitator, waiting):
    response = as_facilitator.post(moderate_url(waiting), {"action": "remove", "remove-reason": ""})
    assert response.status_code == 200
    html = response.text
    summary = summary_of(html)
    assert 'tabindex="-1"' in summary and "autofocus" in summary
    assert 'data-module="govuk-error-summary"' in summary
    assert '<a href="#id_remove-ready_0">Choose or write why it is being taken down.</a>' in summary
    assert 'id="id_remove-ready_0"' in html  # the link lands on the first reason
    assert "<title>Error: " in html
    assert html.count('class="govuk-error-summary"') == 1  # one summary, not one per form
    waiting.refresh_from_db()
    assert waiting.status == PriorityStatus.SUBMITTED
    assert not ModerationLog.objects.exists()


@pytest.mark.parametrize(
    ("data", "message", "anchor"),
    [
        ({"action": "remove", "remove-ready": "nonsense"}, "Choose one of the reasons in the list.", "#id_remove-ready_0"),
        ({"action": "remove", "remove-reason": "x" * 1001}, "1000 characters or fewer", "#id_remove-reason"),
        ({"action": "return", "return-template": "", "return-message": ""}, "Choose a reason or write a message", "#id_return-template_0"),
        ({"action": "return", "return-template": "abc"}, "Choose one of the reasons in the list.", "#id_return-template_0"),
        ({"action": "edit", "edit-title": "", "edit-explanation": "x", "edit-reason": "y"}, "Write the priority in a few words.", "#id_edit-title"),
        ({"action": "edit", "edit-title": "t", "edit-explanation": "", "edit-reason": "y"}, "Write a little about why it matters to them.", "#id_edit-explanation"),
        ({"action": "edit", "edit-title": "t" * 500, "edit-explanation": "x", "edit-reason": "y", "publish": "yes"}, "characters or fewer", "#id_edit-title"),
        ({"action": "merge", "merge-survivor": "-1"}, "Choose one of the priorities in the list.", "#id_merge-survivor"),
    ],
)  # fmt: skip
def test_every_bad_input_is_in_the_summary_linked_to_its_field(
    as_facilitator, waiting, data, message, anchor
):
    response = as_facilitator.post(moderate_url(waiting), data)
    assert response.status_code == 200
    summary = summary_of(response.text)
    assert f'<a href="{anchor}">' in summary and message in summary
    waiting.refresh_from_db()
    assert (waiting.status, waiting.title) == (PriorityStatus.SUBMITTED, "Waiting one")
    assert not ModerationLog.objects.exists()


def test_a_refused_action_comes_back_to_the_same_page_with_the_reason_at_the_top(as_facilitator, waiting):
    services.priority_remove(
        priority=waiting, moderator=user_with_roles(FACILITATORS), reason="Names someone"
    )
    response = as_facilitator.post(moderate_url(waiting), {"action": "remove", "remove-ready": "hurtful"})
    assert response.status_code == 200
    summary = summary_of(response.text)
    assert (
        '<a href="#take-down">This priority is not showing, so there is nothing to take down.</a>' in summary
    )
    assert ModerationLog.objects.count() == 1


def test_an_odd_button_is_explained_at_the_top(as_facilitator, waiting):
    response = as_facilitator.post(moderate_url(waiting), {"action": "explode"})
    assert "Something went wrong with that button" in summary_of(response.text)


def test_ready_written_reasons_show_the_words_the_member_will_read(as_facilitator, waiting):
    reason = ReturnReasonFactory(title="Too personal", message="Please take out the name of the worker.")
    html = as_facilitator.get(moderate_url(waiting)).text
    assert 'type="radio"' in html
    assert "Too personal: Please take out the name of the worker." in html
    for _value, words in TAKE_DOWN_REASONS:
        assert str(words) in html
    assert "The member reads these words exactly as they are shown here" in html
    as_facilitator.post(moderate_url(waiting), {"action": "return", "return-template": reason.pk})
    waiting.refresh_from_db()
    assert waiting.return_message == "Please take out the name of the worker."


def test_a_ready_written_take_down_reason_is_what_the_member_is_told(as_facilitator, waiting):
    response = as_facilitator.post(moderate_url(waiting), {"action": "remove", "remove-ready": "identifies"})
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == PriorityStatus.REMOVED
    words = str(dict(TAKE_DOWN_REASONS)["identifies"])
    assert ModerationLog.objects.get().reason == words
    assert words in mail.outbox[-1].body


def test_own_words_win_over_a_ready_written_reason(as_facilitator, waiting):
    as_facilitator.post(
        moderate_url(waiting),
        {"action": "remove", "remove-ready": "hurtful", "remove-reason": "It names Bob."},
    )
    assert ModerationLog.objects.get().reason == "It names Bob."


def test_the_edit_form_speaks_to_the_facilitator(as_facilitator, waiting):
    html = as_facilitator.get(moderate_url(waiting)).text
    assert "Change the words the member wrote" in html
    assert "Their priority, in a few words" in html
    assert "Your priority" not in html


def test_save_and_publish_in_one_step(as_facilitator, waiting, facilitator):
    data = {
        "action": "edit", "version": "1", "publish": "yes", "edit-title": "Evening opening",
        "edit-explanation": "After work would help.", "edit-reason": "Took out a phone number",
    }  # fmt: skip
    response = as_facilitator.post(moderate_url(waiting), data, follow=True)
    assert "Saved and published." in response.text
    waiting.refresh_from_db()
    assert (waiting.status, waiting.title) == (PriorityStatus.APPROVED, "Evening opening")
    assert waiting.approved_at is not None
    assert PriorityRevision.objects.get().title == "Waiting one"
    assert sorted(ModerationLog.objects.values_list("action", flat=True)) == ["approve", "edit"]
    [email] = mail.outbox
    assert "It is now showing for others to vote on." in email.body and "Evening opening" in email.body


def test_save_without_publishing_keeps_it_waiting(as_facilitator, waiting):
    html = as_facilitator.get(moderate_url(waiting)).text
    assert "Save and publish" in html and "Save and keep it waiting" in html
    data = {
        "action": "edit",
        "version": "1",
        "edit-title": "Tidy",
        "edit-explanation": "x",
        "edit-reason": "y",
    }
    as_facilitator.post(moderate_url(waiting), data)
    waiting.refresh_from_db()
    assert (waiting.status, waiting.title) == (PriorityStatus.SUBMITTED, "Tidy")


def test_a_published_priority_offers_save_only(as_facilitator, consultation):
    published = PriorityFactory(consultation=consultation)
    html = as_facilitator.get(moderate_url(published)).text
    assert "Save the changes" in html and "Save and publish" not in html
    data = {
        "action": "edit", "version": "1", "publish": "yes", "edit-title": "T", "edit-explanation": "x",
        "edit-reason": "y",
    }  # fmt: skip
    response = as_facilitator.post(moderate_url(published), data)
    assert "already been looked at" in summary_of(response.text)
    published.refresh_from_db()
    assert published.title != "T"


def test_the_queue_says_when_each_was_posted(as_facilitator, waiting):
    html = as_facilitator.get(QUEUE).text
    assert "Posted at" in html
    assert f"{times.moment(waiting.submitted_at, with_year=True)}</time>" in html


@pytest.fixture
def facilitator_who_posted(consultation):
    """A facilitator who is also a member, with a published post that has been reported."""
    person = user_with_roles(FACILITATORS, MEMBERS)
    post = PriorityFactory(consultation=consultation, author=person, title="My own idea")
    Report.objects.create(priority=post, reporter=user_with_roles(), reason="Unkind")
    return person, post


def test_a_facilitator_cannot_close_reports_about_their_own_post(client, facilitator_who_posted):
    person, post = facilitator_who_posted
    assert not person.has_perm("consultations.close_reports", post)
    assert not person.has_perm("consultations.moderate_priority", post)
    assert user_with_roles(FACILITATORS).has_perm("consultations.close_reports", post)
    client.force_login(person)
    response = client.post(moderate_url(post), {"action": "dismiss", "dismiss-reason": "Fine"})
    assert response.status_code == 403
    assert client.post(moderate_url(post), {"action": "remove", "remove-ready": "hurtful"}).status_code == 403
    assert Report.objects.get().resolved_at is None
    with pytest.raises(services.ConsultationError, match="another facilitator"):
        services.reports_dismiss(priority=post, moderator=person)
    assert Report.objects.get().resolved_at is None
    html = client.get(QUEUE).text
    assert "You posted this: another facilitator will check it" in html
    assert moderate_url(post) not in html


@pytest.mark.parametrize("action", ["approve", "return", "edit", "remove", "merge"])
def test_no_service_moderates_ones_own_post(consultation, action):
    person = user_with_roles(FACILITATORS, MEMBERS)
    post = PriorityFactory(
        consultation=consultation, author=person, status=PriorityStatus.SUBMITTED, approved_at=None
    )
    other = PriorityFactory(consultation=consultation)
    calls = {
        "approve": lambda: services.priority_approve(priority=post, moderator=person),
        "return": lambda: services.priority_return(priority=post, moderator=person, message="Why"),
        "edit": lambda: services.priority_edit_details(
            priority=post, moderator=person, title="T", explanation="E", reason="R"
        ),
        "remove": lambda: services.priority_remove(priority=post, moderator=person, reason="Why"),
        "merge": lambda: services.priority_merge(duplicate=post, survivor=other, moderator=person),
    }
    with pytest.raises(services.ConsultationError, match="another facilitator"):
        calls[action]()
    post.refresh_from_db()
    assert post.status == PriorityStatus.SUBMITTED
    assert not ModerationLog.objects.exists()


@pytest.mark.xdist_group("html")  # one HTML checker run: tests/test_html_checker.py
def test_the_moderation_page_with_errors_is_valid_html(as_facilitator, waiting, network_settings):
    from tests.checks import assert_valid_html

    ReturnReasonFactory(title="Too personal", message="Please take out the name of the worker.")
    Report.objects.create(
        priority=PriorityFactory(consultation=waiting.consultation), reporter=user_with_roles(), reason="x"
    )
    pages = {
        "take down with no reason": as_facilitator.post(moderate_url(waiting), {"action": "remove"}).text,
        "send back with no reason": as_facilitator.post(moderate_url(waiting), {"action": "return"}).text,
        "odd button": as_facilitator.post(moderate_url(waiting), {"action": "explode"}).text,
        "queue with posted at": as_facilitator.get(QUEUE).text,
    }
    assert_valid_html(pages)


def _one_of_each_kind(consultation, facilitator, n):
    """A member's waiting post, a waiting post gathered at a group, the facilitator's own waiting
    post and a reported published one: every kind of row the queue shows."""
    member_post = PriorityFactory(
        consultation=consultation, status=PriorityStatus.SUBMITTED, approved_at=None, title=f"Member post {n}"
    )
    PriorityFactory(
        consultation=consultation, status=PriorityStatus.SUBMITTED, approved_at=None, author=None,
        gathered_place="Tuesday peer group", gathered_on=date(2026, 11, 3), title=f"Gathered {n}",
    )  # fmt: skip
    PriorityFactory(
        consultation=consultation, status=PriorityStatus.SUBMITTED, approved_at=None, author=facilitator,
        title=f"Mine {n}",
    )  # fmt: skip
    reported = PriorityFactory(consultation=consultation, title=f"Reported {n}")
    Report.objects.create(priority=reported, reporter=member_post.author, reason="Names someone")
    return member_post


def test_the_queue_reads_the_same_queries_however_long_it_is(as_facilitator, facilitator, consultation):
    """Each row shows only what was read with it: nothing is fetched again per row."""
    first = _one_of_each_kind(consultation, facilitator, 0)
    as_facilitator.get(QUEUE)
    with CaptureQueriesContext(connection) as short:
        html = as_facilitator.get(QUEUE).text
    for n in range(1, 4):
        _one_of_each_kind(consultation, facilitator, n)
    as_facilitator.get(QUEUE)  # what is kept between requests is read again after the change
    with CaptureQueriesContext(connection) as long:
        longer = as_facilitator.get(QUEUE).text
    assert len(long.captured_queries) == len(short.captured_queries) <= 10
    assert f'<a class="govuk-link" href="{moderate_url(first)}">Member post 0</a>' in html
    assert first.author.profile.display_name in html
    assert "Gathered at Tuesday peer group on" in html
    assert "Mine 0 <strong" in html and "another facilitator will check it" in html
    assert "Reported (1)" in html
    assert consultation.question in html
    assert longer.count("Gathered at Tuesday peer group on") == 4
    assert longer.count("Reported (1)") == 4
