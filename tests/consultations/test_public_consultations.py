"""Visitors who are not signed in read open consultations and results, read-only, where the site
setting allows it (consultations/visitors.py); a network can keep them for members only."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from consultations.models import PriorityStatus
from tests.checks import assert_valid_html
from tests.factories.accounts import user_with_roles
from tests.factories.consultations import (
    ConsultationFactory,
    InRoomTallyFactory,
    PriorityFactory,
    VoteFactory,
)

pytestmark = pytest.mark.django_db


def detail_url(consultation):
    return reverse("consultations:detail", args=[consultation.pk])


def results_url(consultation):
    return reverse("consultations:results", args=[consultation.pk])


def sent_to_sign_in(response):
    return response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.fixture
def open_consultation(network_settings):
    consultation = ConsultationFactory(question="What would make the drop-in better?")
    named = user_with_roles(profile__display_name="Kestrel")
    PriorityFactory(consultation=consultation, title="Longer hours", author=named, show_name=True)
    PriorityFactory(consultation=consultation, title="A quiet room", show_name=False)
    PriorityFactory(
        consultation=consultation,
        title="Waiting for a check",
        status=PriorityStatus.SUBMITTED,
        approved_at=None,
    )
    return consultation


def test_a_visitor_reads_an_open_consultation_without_names_or_buttons(client, open_consultation):
    response = client.get(detail_url(open_consultation))
    assert response.status_code == 200
    html = response.content.decode()
    assert "What would make the drop-in better?" in html
    assert "Longer hours" in html and "A quiet room" in html
    assert "Waiting for a check" not in html
    # A name only where the member chose to show it.
    assert "Kestrel" in html
    assert html.count("Anonymous to other members") == 1
    assert 'action="/consultations/priorities/' not in html
    assert "Support this" not in html and "Report this" not in html and "Post a priority" not in html
    assert (
        f'href="/accounts/login/?next={detail_url(open_consultation)}&amp;reason=vote">Sign in to vote'
        in html
    )
    # Counts show only once members may see them too.
    assert "Online votes" not in html
    assert "csrfmiddlewaretoken" not in html


def test_a_visitor_sees_the_list_of_consultations_open_to_everyone(client, open_consultation):
    for_a_group = ConsultationFactory(question="Only for the women's group?")
    for_a_group.eligible_group = Group.objects.create(name="Women's group")
    for_a_group.save()
    ConsultationFactory(upcoming=True, question="Not open yet?")
    closed = ConsultationFactory(closed=True, question="What did we need last year?")
    html = client.get(reverse("consultations:list")).content.decode()
    assert "What would make the drop-in better?" in html
    assert closed.question in html
    assert "Only for the women" not in html and "Not open yet?" not in html
    assert "Your contributions" not in html.split("<main", 1)[1]
    assert "Sign in to have your say" in html


def test_group_and_upcoming_consultations_stay_with_members(client, network_settings):
    for_a_group = ConsultationFactory(eligible_group=Group.objects.create(name="Women's group"))
    upcoming = ConsultationFactory(upcoming=True)
    for consultation in (for_a_group, upcoming):
        assert sent_to_sign_in(client.get(detail_url(consultation)))
        assert sent_to_sign_in(client.get(results_url(consultation)))


def test_closed_results_show_visitors_the_same_protected_counts_as_members(client, network_settings):
    consultation = ConsultationFactory(closed=True)
    popular = PriorityFactory(consultation=consultation, title="Popular")
    VoteFactory.create_batch(6, priority=popular)
    small = PriorityFactory(consultation=consultation, title="Two votes")
    VoteFactory.create_batch(2, priority=small)
    InRoomTallyFactory(priority=small, votes=7)
    visitor = client.get(results_url(consultation)).content.decode()
    client.force_login(user_with_roles())
    member = client.get(results_url(consultation)).content.decode()

    def table(html):
        return re.findall(r'<th scope="row" class="govuk-table__header">([^<]+)</th>(.*?)</tr>', html, re.S)

    assert table(visitor) == table(member)
    assert "hidden" in dict(table(visitor))["Two votes"]
    assert "We hide numbers from 1 to 4" in visitor


def test_open_results_stay_with_members_unless_the_consultation_shows_counts(client, open_consultation):
    assert sent_to_sign_in(client.get(results_url(open_consultation)))
    showing = ConsultationFactory(show_counts_while_open=True)
    assert client.get(results_url(showing)).status_code == 200


def test_the_closed_consultation_page_offers_nothing_to_change(client, network_settings):
    consultation = ConsultationFactory(closed=True)
    author = user_with_roles()
    PriorityFactory(consultation=consultation, title="Someone else's")
    PriorityFactory(
        consultation=consultation, author=author, title="Mine, never checked",
        status=PriorityStatus.SUBMITTED, approved_at=None,
    )  # fmt: skip
    client.force_login(author)
    html = client.get(detail_url(consultation)).content.decode()
    assert "Voting has closed" in html
    assert "Mine, never checked" in html
    assert ">Change<" not in html
    assert "Report this" not in html
    assert "so far" not in html
    assert "Online votes: 0. In the room: 0. In all: 0." in html


def test_a_network_can_keep_consultations_for_members(client, open_consultation, network_settings):
    network_settings.consultations_public = False
    network_settings.save()
    closed = ConsultationFactory(closed=True)
    for url in (reverse("consultations:list"), detail_url(open_consultation), results_url(closed)):
        assert sent_to_sign_in(client.get(url))


def test_signed_in_people_are_checked_as_before(client, open_consultation):
    editor = user_with_roles()
    editor.groups.clear()  # signed in, but not a member
    client.force_login(editor)
    assert client.get(detail_url(open_consultation)).status_code == 403


def test_a_missing_consultation_is_not_found_for_visitors(client, network_settings):
    assert client.get("/consultations/999999/").status_code == 404
    assert client.get("/consultations/999999/results/").status_code == 404


class TestPageCache:
    @pytest.fixture(autouse=True)
    def _cache_on(self, settings):
        settings.PAGE_CACHE_SECONDS = 60

    def test_visitors_pages_come_from_the_cache(self, client, open_consultation, django_assert_num_queries):
        url = detail_url(open_consultation)
        assert client.get(url)["X-Page-Cache"] == "miss"
        with django_assert_num_queries(0):
            assert client.get(url)["X-Page-Cache"] == "hit"
        assert client.get(reverse("consultations:list"))["X-Page-Cache"] == "miss"

    def test_members_never_get_or_leave_a_cached_page(self, client, open_consultation):
        url = detail_url(open_consultation)
        client.get(url)
        member = user_with_roles()
        client.force_login(member)
        response = client.get(url)
        assert "X-Page-Cache" not in response
        assert "Support this" in response.content.decode()
        client.logout()
        client.cookies.clear()
        html = client.get(url).content.decode()
        assert "Support this" not in html and "csrfmiddlewaretoken" not in html

    def test_a_priority_taken_down_leaves_the_cached_page_at_once(
        self, client, open_consultation, django_capture_on_commit_callbacks
    ):
        url = detail_url(open_consultation)
        assert "A quiet room" in client.get(url).content.decode()
        priority = open_consultation.priorities.get(title="A quiet room")
        with django_capture_on_commit_callbacks(execute=True):
            priority.status = PriorityStatus.REMOVED
            priority.save()
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss"
        assert "A quiet room" not in response.content.decode()

    def test_turning_public_reading_off_empties_the_cache(self, client, open_consultation, network_settings):
        url = detail_url(open_consultation)
        client.get(url)
        network_settings.consultations_public = False
        network_settings.save()
        assert sent_to_sign_in(client.get(url))


@pytest.mark.xdist_group("html")  # one HTML checker run: tests/test_html_checker.py
def test_the_new_page_states_are_valid_html(client, open_consultation, home_page):
    from consultations.models import Report
    from network.models.choices import Format
    from tests.factories.network import (
        GroupIndexPageFactory,
        GroupPageFactory,
        GroupSessionFactory,
        SessionRegistrationFactory,
        facilitator_of,
    )

    closed = ConsultationFactory(closed=True)
    closed_priority = PriorityFactory(consultation=closed, title="Warm coats")
    pages = {
        "consultation, visitor": client.get(detail_url(open_consultation)),
        "list, visitor": client.get(reverse("consultations:list")),
        "results, visitor": client.get(results_url(closed)),
        "closed consultation, visitor": client.get(detail_url(closed)),
        "sign in with a reason": client.get("/accounts/login/?next=/consultations/&reason=vote"),
    }
    group = GroupPageFactory(
        parent=GroupIndexPageFactory(parent=home_page, slug="groups"),
        format=Format.HYBRID,
        online_link="https://v.example/r",
    )
    member = user_with_roles()
    SessionRegistrationFactory(session=GroupSessionFactory(group=group), member=member)
    VoteFactory(priority=closed_priority, voter=member)
    Report.objects.create(priority=closed_priority, reporter=member, reason="Please look.")
    client.force_login(member)
    pages["your contributions"] = client.get(reverse("consultations:my_contributions"))
    pages["your sessions"] = client.get(reverse("network:my_sessions"))
    pages["your account"] = client.get(reverse("accounts:profile"))
    client.force_login(facilitator_of(group))
    pages["your groups"] = client.get(reverse("network:my_groups"))
    assert all(response.status_code == 200 for response in pages.values())
    assert_valid_html({name: response.content.decode() for name, response in pages.items()})
