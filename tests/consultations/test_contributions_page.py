""" "Your contributions" lists the member's own votes and reports, in a fixed number of queries;
the email choices are reachable from the account page as well."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consultations.models import NotificationPreferences, PriorityStatus, Report
from portal import times
from tests.factories.accounts import user_with_roles
from tests.factories.consultations import ConsultationFactory, PriorityFactory, VoteFactory

pytestmark = pytest.mark.django_db
CONTRIBUTIONS = reverse("consultations:my_contributions")


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


def section(html, heading_id):
    """The page from one h2 to the next."""
    start = html.index(f'id="{heading_id}"')
    end = html.find("<h2", start)
    return html[start : end if end != -1 else None]


def test_votes_show_the_priority_the_question_and_whether_voting_is_still_open(member_client, member):
    still_open = ConsultationFactory(question="What would help at the drop-in?")
    closed = ConsultationFactory(closed=True, question="What did we need last winter?")
    VoteFactory(priority=PriorityFactory(consultation=still_open, title="Longer hours"), voter=member)
    VoteFactory(priority=PriorityFactory(consultation=closed, title="Warm coats"), voter=member)
    taken_down = PriorityFactory(consultation=still_open, title="Something taken down")
    VoteFactory(priority=taken_down, voter=member)
    type(taken_down).objects.filter(pk=taken_down.pk).update(status=PriorityStatus.REMOVED)
    VoteFactory(priority=PriorityFactory(consultation=still_open, title="Someone else's vote"))

    votes = section(member_client.get(CONTRIBUTIONS).content.decode(), "your-votes")
    rows = re.findall(r'<th scope="row" class="govuk-table__header">([^<]+)</th>(.*?)</tr>', votes, re.S)
    by_title = {title.strip(): rest for title, rest in rows}
    assert set(by_title) == {"Longer hours", "Warm coats"}
    assert "What would help at the drop-in?" in by_title["Longer hours"]
    assert "Still open, until" in by_title["Longer hours"]
    assert "What did we need last winter?" in by_title["Warm coats"]
    assert ">Closed<" in by_title["Warm coats"]


def test_reports_show_what_when_and_what_happened(member_client, member):
    consultation = ConsultationFactory()
    waiting = PriorityFactory(consultation=consultation, title="A priority with a phone number")
    Report.objects.create(priority=waiting, reporter=member, reason="It has someone's phone number.")
    looked_at = PriorityFactory(consultation=consultation, title="Rude words", status=PriorityStatus.REMOVED)
    Report.objects.create(
        priority=looked_at, reporter=member, reason="It is unkind.", resolved_at=timezone.now()
    )
    Report.objects.create(
        priority=PriorityFactory(consultation=consultation, title="Not mine to see"),
        reporter=user_with_roles(),
        reason="Someone else's report.",
    )

    reports = section(member_client.get(CONTRIBUTIONS).content.decode(), "your-reports")
    assert "“A priority with a phone number”" in reports
    assert "You said: It has someone&#x27;s phone number." in reports
    assert "A facilitator will look at it soon." in reports
    assert "Rude words" not in reports
    assert "A priority that has since been taken down" in reports
    assert "A facilitator looked at it on" in reports and "It was taken down." in reports
    assert "Not mine to see" not in reports and "Someone else" not in reports
    assert f"You reported it on {times.day(timezone.now(), with_year=True)}." in reports


def test_nothing_yet_is_said_kindly(member_client):
    html = member_client.get(CONTRIBUTIONS).content.decode()
    assert "You have not voted for anything yet." in html
    assert "You have not reported anything." in html


def test_the_page_costs_the_same_queries_however_many_votes_and_reports(member_client, member):
    def queries():
        member_client.get(CONTRIBUTIONS)  # the menu and the like, read once
        with CaptureQueriesContext(connection) as captured:
            assert member_client.get(CONTRIBUTIONS).status_code == 200
        return len(captured)

    def add(n):
        for _ in range(n):
            consultation = ConsultationFactory()
            priority = PriorityFactory(consultation=consultation)
            VoteFactory(priority=priority, voter=member, dots=1)
            Report.objects.create(priority=priority, reporter=member, reason="Please look at this.")

    add(1)
    few = queries()
    add(12)
    assert queries() == few


def test_the_account_page_links_to_email_choices(member_client):
    html = member_client.get(reverse("accounts:profile")).content.decode()
    assert f'href="{reverse("consultations:notification_settings")}">Choose which emails you get' in html
    assert "Choose which emails you get" in member_client.get(CONTRIBUTIONS).content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"post_updates": "not-a-boolean", "closing_soon": "<script>", "board_responses": "9" * 500},
        {"post_updates": ["on", "off"], "unknown_field": "x"},
        {},
    ],
)
def test_odd_email_choices_never_break_the_page(member_client, member, data):
    response = member_client.post(reverse("consultations:notification_settings"), data, follow=True)
    assert response.status_code == 200
    assert "Your email choices are saved." in response.content.decode()
    preferences = NotificationPreferences.objects.get(user=member)
    assert {preferences.post_updates, preferences.closing_soon, preferences.board_responses} <= {True, False}
