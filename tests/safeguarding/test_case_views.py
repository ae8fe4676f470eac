import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultations import services
from safeguarding.models import ActionKind, Case, CaseStatus
from tests.checks import assert_valid_html
from tests.factories import MemberFactory
from tests.factories.consultations import PriorityFactory
from tests.safeguarding.conftest import CRISIS_WORDS

pytestmark = pytest.mark.django_db
CASES = reverse("safeguarding:cases")


@pytest.fixture
def case(consultation, member, safeguarding_settings):
    priority = services.priority_submit(
        consultation=consultation, author=member, title="Evenings", explanation=CRISIS_WORDS
    )
    return Case.objects.get(source_id=priority.pk)


def case_url(case):
    return reverse("safeguarding:case", args=[case.pk])


def test_members_cannot_see_cases(client, member, case):
    client.force_login(member)
    assert client.get(CASES).status_code == 403
    assert client.get(case_url(case)).status_code == 403
    assert client.post(case_url(case), {"action": "follow_up", "note": "x"}).status_code == 403
    case.refresh_from_db()
    assert case.is_open


def test_a_facilitator_sees_the_case_but_not_how_to_reach_the_member(client, facilitator, case, member):
    client.force_login(facilitator)
    page = client.get(CASES).content.decode()
    assert f"Case {case.pk}" in page and member.profile.display_name in page
    page = client.get(case_url(case)).content.decode()
    assert CRISIS_WORDS in page
    assert member.profile.display_name in page
    assert member.email not in page
    assert "https://example.org/safeguarding-procedure" in page
    assert reverse("consultations:moderate", args=[case.source_id]) in page
    assert "Opened by the safety check" in page


@pytest.mark.parametrize("who", ["staff", "lead_user"])
def test_staff_and_the_lead_see_how_to_reach_the_member(client, request, case, member, who):
    client.force_login(request.getfixturevalue(who))
    assert f"mailto:{member.email}" in client.get(case_url(case)).content.decode()


@pytest.mark.parametrize("note", ["", "   ", "x" * 2001])
def test_a_follow_up_without_a_sensible_note_is_refused_kindly(client, facilitator, case, note):
    client.force_login(facilitator)
    response = client.post(case_url(case), {"action": "follow_up", "note": note})
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("There is a problem") == 1
    assert ("Write a short note to say what was done." in page) or ("up to 2000 characters" in page)
    case.refresh_from_db()
    assert case.is_open


def test_an_unknown_button_changes_nothing(client, facilitator, case):
    client.force_login(facilitator)
    response = client.post(case_url(case), {"action": "close-everything", "note": "hello"})
    assert response.status_code == 200
    assert "Something went wrong with that button" in response.content.decode()
    case.refresh_from_db()
    assert case.is_open


def test_a_note_keeps_the_case_open_and_a_follow_up_closes_it(client, facilitator, case):
    client.force_login(facilitator)
    response = client.post(case_url(case), {"action": "note", "note": "Left a message."}, follow=True)
    assert "Note added." in response.content.decode()
    case.refresh_from_db()
    assert case.is_open
    response = client.post(
        case_url(case), {"action": "follow_up", "note": "Spoke to them; safe."}, follow=True
    )
    page = response.content.decode()
    assert "Followed up. The case is closed." in page
    assert "Spoke to them; safe." in page
    case.refresh_from_db()
    assert case.status == CaseStatus.FOLLOWED_UP
    assert case.actions.get(kind=ActionKind.FOLLOWED_UP).actor == facilitator


def test_the_moderation_pages_link_to_the_case(client, facilitator, case):
    client.force_login(facilitator)
    queue = client.get(reverse("consultations:moderation_queue")).content.decode()
    assert case_url(case) in queue
    page = client.get(reverse("consultations:moderate", args=[case.source_id])).content.decode()
    assert case_url(case) in page
    assert "Please follow the safeguarding steps" in page


def test_after_approving_the_moderation_page_still_links_to_the_open_case(client, facilitator, case):
    client.force_login(facilitator)
    client.post(
        reverse("consultations:moderate", args=[case.source_id]), {"action": "approve", "version": "1"}
    )
    page = client.get(reverse("consultations:moderate", args=[case.source_id])).content.decode()
    assert case_url(case) in page


@pytest.mark.xdist_group("html")  # one HTML checker run: tests/test_html_checker.py
def test_case_pages_are_valid_html(client, facilitator, case, member, consultation):
    client.force_login(facilitator)
    pages = {
        "case list": client.get(CASES).content.decode(),
        "case": client.get(case_url(case)).content.decode(),
        "case, with errors": client.post(
            case_url(case), {"action": "follow_up", "note": ""}
        ).content.decode(),
        "help now": client.get(reverse("safeguarding:help_now"), {"next": "/"}).content.decode(),
    }
    client.force_login(member)
    reported = PriorityFactory(consultation=consultation)
    pages["check step"] = client.post(
        reverse("consultations:report", args=[reported.pk]), {"reason": "Ask Jamie MacLeod, the junkies know"}
    ).content.decode()
    assert "Check again" in pages["check step"]
    assert_valid_html(pages)


def queries_for(client, url):
    """After a first visit has filled the caches every page shares (menu, footer)."""
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_case_pages_ask_the_database_a_fixed_number_of_times(
    client, facilitator, consultation, safeguarding_settings, django_assert_max_num_queries
):
    def open_cases(count):
        for number in range(count):
            services.priority_submit(
                consultation=consultation,
                author=MemberFactory(),
                title=f"Evenings {number}",
                explanation=CRISIS_WORDS,
            )

    client.force_login(facilitator)
    open_cases(2)
    queries_for(client, CASES)  # the first page reads the site and its settings for everyone
    queries_with_two = queries_for(client, CASES)
    open_cases(8)
    assert queries_for(client, CASES) == queries_with_two
    with django_assert_max_num_queries(11):
        client.get(CASES)
    case = Case.objects.first()
    for kind in ("note", "note", "note"):
        client.post(case_url(case), {"action": kind, "note": "Rang them, no answer yet."})
    with django_assert_max_num_queries(13):
        client.get(case_url(case))
