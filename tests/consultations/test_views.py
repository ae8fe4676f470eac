import re
from datetime import date

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse

from consultations import selectors
from consultations.models import (
    EXPLANATION_MAX_LENGTH,
    Consultation,
    NotificationPreferences,
    Priority,
    PriorityStatus,
    Report,
    Vote,
)
from tests.factories.accounts import user_with_roles
from tests.factories.consultations import (
    ConsultationFactory,
    InRoomTallyFactory,
    PriorityFactory,
    ThemeFactory,
    VoteFactory,
)

pytestmark = pytest.mark.django_db


def detail_url(consultation):
    return reverse("consultations:detail", args=[consultation.pk])


def post_url(consultation):
    return reverse("consultations:priority_create", args=[consultation.pk])


def vote_url(priority):
    return reverse("consultations:vote", args=[priority.pk])


GOOD_POST = {
    "title": "Evening opening at the hub",
    "explanation": "People who work could come.",
    "show_name": "no",
}


@pytest.fixture
def signed_in(client, member):
    client.force_login(member)
    return client


def test_list_shows_open_and_closed(signed_in):
    open_one, closed_one = ConsultationFactory(), ConsultationFactory(closed=True)
    hidden = ConsultationFactory(eligible_group=Group.objects.create(name="Other"))
    response = signed_in.get(reverse("consultations:list"))
    assert open_one.question in response.text and closed_one.question in response.text
    assert hidden.question not in response.text


def test_detail_shows_display_name_or_anonymous_never_the_account(signed_in, consultation):
    named = PriorityFactory(
        consultation=consultation, show_name=True, author__profile__display_name="Quiet Heron"
    )
    anonymous = PriorityFactory(
        consultation=consultation, show_name=False, author__profile__display_name="Secret Otter"
    )
    gone = PriorityFactory(consultation=consultation, show_name=True)
    gone.author.delete()
    response = signed_in.get(detail_url(consultation))
    assert "Quiet Heron" in response.text
    assert "Secret Otter" not in response.text
    assert "Anonymous to other members" in response.text
    assert "A former member" in response.text
    assert named.author.email not in response.text and anonymous.author.email not in response.text


def test_post_a_priority(signed_in, member, consultation):
    theme = ThemeFactory(consultation=consultation)
    response = signed_in.post(post_url(consultation), {**GOOD_POST, "theme": theme.pk}, follow=True)
    assert "A facilitator will check your priority soon" in response.text
    priority = Priority.objects.get()
    assert (priority.author, priority.theme, priority.show_name, priority.status) == (
        member,
        theme,
        False,
        PriorityStatus.SUBMITTED,
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({**GOOD_POST, "title": ""}, "Write your priority in a few words."),
        ({**GOOD_POST, "title": "   "}, "Write your priority in a few words."),
        ({**GOOD_POST, "explanation": ""}, "Tell us a little about why it matters."),
        ({**GOOD_POST, "title": "x" * 121}, "120 characters or fewer"),
        ({**GOOD_POST, "explanation": "x" * (EXPLANATION_MAX_LENGTH + 1)}, "1000 characters or fewer"),
        ({**GOOD_POST, "show_name": "maybe"}, "Choose one of the options."),
        ({**GOOD_POST, "theme": "999999"}, "Choose one of the themes in the list."),
        ({**GOOD_POST, "theme": "not-a-number"}, "Choose one of the themes in the list."),
        ({**GOOD_POST, "title": "nul\x00byte"}, "Null characters are not allowed."),
    ],
)
def test_bad_priority_input_is_explained(signed_in, consultation, data, message):
    ThemeFactory(consultation=consultation)
    response = signed_in.post(post_url(consultation), data)
    assert response.status_code == 200
    assert message in response.text
    assert "There is a problem" in response.text
    assert not Priority.objects.exists()


def test_theme_from_another_consultation_is_refused(signed_in, consultation):
    ThemeFactory(consultation=consultation)
    response = signed_in.post(post_url(consultation), {**GOOD_POST, "theme": ThemeFactory().pk})
    assert "Choose one of the themes in the list." in response.text
    assert not Priority.objects.exists()


def test_personal_details_need_a_second_confirmation(signed_in, consultation):
    data = {**GOOD_POST, "explanation": "Ring me on 07700 900123"}
    response = signed_in.post(post_url(consultation), data)
    assert "We think this might include someone's details: a phone number" in response.text
    assert 'name="details_confirmed" value="True"' in response.text
    assert not Priority.objects.exists()
    # Taking the number out posts at once.
    signed_in.post(post_url(consultation), GOOD_POST)
    assert Priority.objects.count() == 1
    # Going ahead anyway posts it, flagged for the facilitator.
    signed_in.post(post_url(consultation), {**data, "details_confirmed": "True"})
    assert Priority.objects.filter(may_include_personal_details=True).count() == 1


def test_crisis_words_show_help_at_once(signed_in, consultation, network_settings):
    response = signed_in.post(
        post_url(consultation), {**GOOD_POST, "explanation": "I want to kill myself some days."}, follow=True
    )
    assert "You can talk to someone now" in response.text
    assert "Samaritans" in response.text and "116 123" in response.text
    assert Priority.objects.get().is_urgent


def test_crisis_help_also_shows_while_details_are_being_checked(signed_in, consultation, network_settings):
    data = {**GOOD_POST, "explanation": "I took an overdose. Call 07700 900123"}
    response = signed_in.post(post_url(consultation), data)
    assert "You can talk to someone now" in response.text and "Samaritans" in response.text


def test_html_is_shown_as_text(signed_in, consultation, member):
    PriorityFactory(
        consultation=consultation,
        title="<script>alert('x')</script>",
        explanation='<img src=x onerror="alert(1)"><b>bold</b>',
    )
    response = signed_in.get(detail_url(consultation))
    assert "<script>alert" not in response.text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in response.text
    assert "<img src=x" not in response.text and "<b>bold</b>" not in response.text


def test_edit_and_withdraw_own_priority(signed_in, member, consultation):
    priority = PriorityFactory(
        consultation=consultation, author=member, status=PriorityStatus.SUBMITTED, approved_at=None
    )
    edit = reverse("consultations:priority_edit", args=[priority.pk])
    assert priority.title in signed_in.get(edit).text
    signed_in.post(edit, GOOD_POST)
    priority.refresh_from_db()
    assert priority.title == GOOD_POST["title"]
    withdraw = reverse("consultations:priority_withdraw", args=[priority.pk])
    assert signed_in.get(withdraw).status_code == 200
    signed_in.post(withdraw)
    priority.refresh_from_db()
    assert priority.status == PriorityStatus.WITHDRAWN


@pytest.mark.parametrize("name", ["priority_edit", "priority_withdraw"])
def test_cannot_touch_someone_elses_or_a_published_priority(signed_in, member, consultation, name):
    others = PriorityFactory(consultation=consultation, status=PriorityStatus.SUBMITTED, approved_at=None)
    published = PriorityFactory(consultation=consultation, author=member)
    for priority in (others, published):
        assert signed_in.get(reverse(f"consultations:{name}", args=[priority.pk])).status_code == 403
        assert (
            signed_in.post(reverse(f"consultations:{name}", args=[priority.pk]), GOOD_POST).status_code == 403
        )
    assert Priority.objects.filter(title=GOOD_POST["title"]).count() == 0


def test_vote_without_javascript(signed_in, member, consultation):
    priority = PriorityFactory(consultation=consultation)
    response = signed_in.post(
        vote_url(priority), {"action": "add", "next": detail_url(consultation)}, follow=True
    )
    assert "You have <strong data-votes-left-count>2</strong> of 3 votes left." in response.text
    assert "Thank you. You support" in response.text
    response = signed_in.post(vote_url(priority), {"action": "remove"}, follow=True)
    assert "You took your vote back" in response.text
    assert not Vote.objects.exists()


def test_vote_with_javascript_gets_json(signed_in, consultation):
    priority = PriorityFactory(consultation=consultation)
    response = signed_in.post(vote_url(priority), {"action": "add"}, HTTP_ACCEPT="application/json")
    assert response.json() == {
        "ok": True,
        "message": f"Thank you. You support “{priority.title}”.",
        "dots": 1,
        "remaining": 2,
        "budget": 3,
        "can_add": False,
        "can_remove": True,
    }
    response = signed_in.post(vote_url(priority), {"action": "add"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 409
    assert response.json()["message"] == "You already support this priority."


def test_running_count_in_json_only_when_shown(signed_in):
    priority = PriorityFactory(consultation=ConsultationFactory(show_counts_while_open=True))
    VoteFactory.create_batch(5, priority=priority)
    response = signed_in.post(vote_url(priority), {"action": "add"}, HTTP_ACCEPT="application/json")
    assert response.json()["online_votes"] == 6


def test_running_count_in_json_is_null_when_hidden(signed_in):
    priority = PriorityFactory(consultation=ConsultationFactory(show_counts_while_open=True))
    response = signed_in.post(vote_url(priority), {"action": "add"}, HTTP_ACCEPT="application/json")
    assert response.json()["online_votes"] is None


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("closed", "Voting has closed"),
        ("over_budget", "You have used all your votes"),
        ("twice", "You already support this priority"),
        ("withdrawn", "This priority is not open for votes"),
        ("bad_action", "Something went wrong with that button"),
    ],
)
def test_refused_votes_are_explained_kindly(signed_in, member, setup, message):
    consultation = ConsultationFactory(votes_per_member=1)
    priority = PriorityFactory(consultation=consultation)
    action = "add"
    if setup == "closed":
        Consultation.objects.filter(pk=consultation.pk).update(
            opens_at=consultation.opens_at.replace(year=2020),
            closes_at=consultation.opens_at.replace(year=2021),
        )
    elif setup == "over_budget":
        VoteFactory(priority=PriorityFactory(consultation=consultation), voter=member)
    elif setup == "twice":
        VoteFactory(priority=priority, voter=member, dots=1)
        consultation.votes_per_member = 3
        consultation.save()
    elif setup == "withdrawn":
        Priority.objects.filter(pk=priority.pk).update(status=PriorityStatus.WITHDRAWN)
    elif setup == "bad_action":
        action = "explode"
    before = Vote.objects.count()
    response = signed_in.post(vote_url(priority), {"action": action}, follow=True)
    assert response.status_code == 200
    assert message in response.text
    assert Vote.objects.count() == before


def test_vote_in_another_groups_consultation_is_forbidden(signed_in, peer_group):
    priority = PriorityFactory(consultation=ConsultationFactory(eligible_group=peer_group))
    assert signed_in.post(vote_url(priority), {"action": "add"}).status_code == 403
    assert not Vote.objects.exists()


def test_vote_redirect_never_leaves_the_site(signed_in, consultation):
    priority = PriorityFactory(consultation=consultation)
    response = signed_in.post(vote_url(priority), {"action": "add", "next": "https://elsewhere.example/"})
    assert response["Location"] == detail_url(consultation)


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/consultations/999999/"),
        ("get", "/consultations/999999/post/"),
        ("get", "/consultations/999999/results/"),
        ("post", "/consultations/priorities/999999/vote/"),
        ("get", "/consultations/priorities/999999/edit/"),
        ("get", "/consultations/priorities/999999/report/"),
        ("get", "/consultations/priorities/999999/posted/"),
        ("get", "/consultations/moderation/priorities/999999/"),
        ("get", "/consultations/999999/in-room-votes/"),
        ("get", "/consultations/abc/"),
    ],
)
def test_forged_ids_are_not_found(admin_client, method, url):
    assert getattr(admin_client, method)(url).status_code == 404


@pytest.mark.parametrize(
    ("method", "name"),
    [
        ("get", "vote"),
        ("put", "vote"),
        ("delete", "priority_withdraw"),
        ("put", "report"),
        ("patch", "priority_edit"),
    ],
)
def test_wrong_methods_are_refused(signed_in, member, consultation, method, name):
    priority = PriorityFactory(
        consultation=consultation, author=member, status=PriorityStatus.SUBMITTED, approved_at=None
    )
    response = getattr(signed_in, method)(reverse(f"consultations:{name}", args=[priority.pk]))
    assert response.status_code == 405


def test_someone_elses_posted_page_is_not_found(signed_in, consultation):
    priority = PriorityFactory(consultation=consultation, is_urgent=True)
    assert signed_in.get(reverse("consultations:priority_posted", args=[priority.pk])).status_code == 404


def test_report_a_priority(signed_in, consultation):
    priority = PriorityFactory(consultation=consultation)
    url = reverse("consultations:report", args=[priority.pk])
    assert signed_in.get(url).status_code == 200
    response = signed_in.post(url, {"reason": ""})
    assert "Tell us a little about what is wrong." in response.text
    response = signed_in.post(url, {"reason": "x" * 1001})
    assert "1000 characters or fewer" in response.text
    response = signed_in.post(url, {"reason": "It names someone"}, follow=True)
    assert "Thank you for telling us" in response.text
    response = signed_in.post(url, {"reason": "Again"}, follow=True)
    assert "already told us" in response.text
    assert Report.objects.count() == 1


def test_cannot_report_an_unpublished_priority(signed_in, consultation):
    priority = PriorityFactory(consultation=consultation, status=PriorityStatus.SUBMITTED, approved_at=None)
    assert signed_in.get(reverse("consultations:report", args=[priority.pk])).status_code == 403


def test_results_page(signed_in):
    consultation = ConsultationFactory(closed=True)
    priority = PriorityFactory(consultation=consultation, title="A quiet room")
    VoteFactory.create_batch(6, priority=priority)
    response = signed_in.get(reverse("consultations:results", args=[consultation.pk]))
    assert "A quiet room" in response.text
    assert "If two have the same total" in response.text
    assert summary_list(response.text)["People who voted online"] == "6"


def test_my_contributions_show_the_journey(signed_in, member, consultation):
    PriorityFactory(consultation=consultation, author=member, title="Mine, published")
    PriorityFactory(
        consultation=consultation,
        author=member,
        title="Mine, waiting",
        status=PriorityStatus.SUBMITTED,
        approved_at=None,
    )
    PriorityFactory(consultation=consultation, title="Not mine")
    response = signed_in.get(reverse("consultations:my_contributions"))
    assert "Mine, published" in response.text and "Mine, waiting" in response.text
    assert "Not mine" not in response.text
    assert "Shortlisted for the partnership board" in response.text
    assert "Waiting for a check" in response.text


def test_authors_see_no_counts_on_their_own_priorities_while_counts_are_hidden(signed_in, member):
    consultation = ConsultationFactory(show_counts_while_open=False)
    mine = PriorityFactory(consultation=consultation, author=member, title="Mine, still open")
    VoteFactory.create_batch(6, priority=mine)
    InRoomTallyFactory(priority=mine, votes=7)
    page = signed_in.get(reverse("consultations:my_contributions")).text
    assert "Mine, still open" in page
    assert "online vote" not in page.lower() and "in the room" not in page.lower()


def test_authors_see_the_protected_counts_once_results_show(signed_in, member):
    consultation = ConsultationFactory(closed=True)
    popular = PriorityFactory(consultation=consultation, author=member, title="Popular")
    quiet = PriorityFactory(consultation=consultation, author=member, title="Quiet")
    # Hiding Quiet's 2 needs one more online count hidden: the smallest, someone else's 5.
    VoteFactory.create_batch(5, priority=PriorityFactory(consultation=consultation, title="Someone else's"))
    VoteFactory.create_batch(9, priority=popular)
    VoteFactory.create_batch(2, priority=quiet)
    page = signed_in.get(reverse("consultations:my_contributions")).text
    counts = dict(re.findall(r'id="mine-\d+">([^<]+)</h2>.*?Online votes: (\w+)\.', page, re.S))
    assert counts == {"Popular": "9", "Quiet": "hidden"}
    assert "We hide numbers from 1 to 4" in page


def test_authors_counts_cost_two_queries_however_many_consultations(member, django_assert_num_queries):
    for _ in range(3):
        VoteFactory.create_batch(5, priority=PriorityFactory(consultation__closed=True, author=member))
    priorities = list(selectors.member_contributions(member))
    member.has_perm("consultations.see_results", priorities[0].consultation)  # reads the roles once
    with django_assert_num_queries(2):
        selectors.counts_for_author(priorities, member)
    assert [p.online_votes for p in priorities] == [5, 5, 5]


def test_notification_settings(signed_in, member):
    url = reverse("consultations:notification_settings")
    assert signed_in.get(url).status_code == 200
    signed_in.post(url, {"closing_soon": "on"})
    preferences = NotificationPreferences.objects.get(user=member)
    assert (preferences.post_updates, preferences.closing_soon, preferences.board_responses) == (
        False,
        True,
        False,
    )


def test_header_links(signed_in, client, facilitator):
    response = signed_in.get(reverse("consultations:list"))
    assert "Your contributions" in response.text and ">Moderation<" not in response.text
    client.force_login(facilitator)
    assert ">Moderation<" in client.get(reverse("consultations:list")).text


def test_pages_have_no_inline_script_or_style(signed_in, consultation):
    PriorityFactory(consultation=consultation)
    for url in (detail_url(consultation), post_url(consultation), reverse("consultations:my_contributions")):
        html = signed_in.get(url).text
        assert "<script>" not in html and " style=" not in html and "<style" not in html


@pytest.mark.parametrize("count", [3, 30])
def test_consultation_page_queries_do_not_grow(signed_in, member, django_assert_max_num_queries, count):
    consultation = ConsultationFactory(show_counts_while_open=True)
    ThemeFactory(consultation=consultation)
    for priority in PriorityFactory.create_batch(count, consultation=consultation):
        VoteFactory(priority=priority)
    VoteFactory(priority=Priority.objects.filter(status=PriorityStatus.APPROVED).first(), voter=member)
    with django_assert_max_num_queries(
        21
    ):  # +1 since the home page always has children (the section pages), so the menu asks once
        signed_in.get(detail_url(consultation))


@pytest.mark.parametrize("count", [3, 30])
def test_results_queries_do_not_grow(signed_in, django_assert_max_num_queries, count):
    consultation = ConsultationFactory(closed=True)
    for priority in PriorityFactory.create_batch(
        count, consultation=consultation, theme=ThemeFactory(consultation=consultation)
    ):
        VoteFactory(priority=priority)
    with django_assert_max_num_queries(18):
        signed_in.get(reverse("consultations:results", args=[consultation.pk]))


def test_anonymous_people_are_asked_to_sign_in_where_consultations_are_for_members_only(
    client, consultation, network_settings
):
    # Where visitors may read consultations: tests/consultations/test_public_consultations.py.
    network_settings.consultations_public = False
    network_settings.save()
    for url in (
        reverse("consultations:list"),
        detail_url(consultation),
        reverse("consultations:my_contributions"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    priority = PriorityFactory(consultation=consultation)
    assert client.post(vote_url(priority), {"action": "add"}).status_code == 302
    assert not Vote.objects.exists()


def test_non_member_staff_see_but_do_not_vote(client, staff, consultation):
    priority = PriorityFactory(consultation=consultation)
    client.force_login(staff)
    assert client.get(detail_url(consultation)).status_code == 200
    assert client.post(vote_url(priority), {"action": "add"}).status_code == 403
    assert user_with_roles().has_perm("consultations.vote_in_consultation", consultation)


def priority_titles(html):
    return re.findall(r'class="govuk-heading-s portal-priority__title"[^>]*>([^<]+)<', html)


def test_long_lists_of_priorities_come_in_pages(signed_in, consultation):
    PriorityFactory.create_batch(30, consultation=consultation)
    first = signed_in.get(detail_url(consultation))
    assert len(priority_titles(first.text)) == 25
    assert "Showing 1 to 25 of 30 priorities." in first.text
    assert 'aria-label="Pages of priorities"' in first.text
    assert '?page=2#priorities" rel="next"' in first.text

    second = signed_in.get(detail_url(consultation), {"page": 2})
    assert len(priority_titles(second.text)) == 5
    assert "Showing 26 to 30 of 30 priorities." in second.text
    assert set(priority_titles(first.text)).isdisjoint(priority_titles(second.text))


@pytest.mark.parametrize("page", ["abc", "-1", "0", "999", "", "1.5", "%00"])
def test_a_page_number_that_does_not_exist_still_shows_priorities(signed_in, consultation, page):
    PriorityFactory.create_batch(30, consultation=consultation)
    response = signed_in.get(detail_url(consultation), {"page": page})
    assert response.status_code == 200
    assert len(priority_titles(response.text)) in (25, 5)


def test_priorities_can_be_filtered_by_theme(signed_in, consultation):
    housing, hours = (
        ThemeFactory(consultation=consultation, name="Housing"),
        ThemeFactory(consultation=consultation, name="Opening times"),
    )
    PriorityFactory(consultation=consultation, theme=housing, title="Help with bidding for a flat")
    PriorityFactory(consultation=consultation, theme=hours, title="Open on Saturdays")
    response = signed_in.get(detail_url(consultation), {"theme": housing.pk})
    assert priority_titles(response.text) == ["Help with bidding for a flat"]
    assert "1 priority about Housing." in response.text
    assert f'<option value="{housing.pk}" selected>Housing</option>' in response.text


def test_a_theme_with_no_priorities_says_so_and_links_back(signed_in, consultation):
    ThemeFactory(consultation=consultation, name="Housing")
    quiet = ThemeFactory(consultation=consultation, name="Food")
    PriorityFactory.create_batch(2, consultation=consultation)
    response = signed_in.get(detail_url(consultation), {"theme": quiet.pk})
    assert priority_titles(response.text) == []
    assert "No priorities about Food yet." in response.text


@pytest.mark.parametrize("theme", ["abc", "999999", "<script>", "%00"])
def test_a_theme_we_do_not_know_is_dropped_kindly(signed_in, consultation, theme):
    ThemeFactory.create_batch(2, consultation=consultation)
    PriorityFactory.create_batch(3, consultation=consultation)
    response = signed_in.get(detail_url(consultation), {"theme": theme})
    assert response.status_code == 200
    assert "We could not find that theme, so here are all the priorities." in response.text
    assert len(priority_titles(response.text)) == 3
    assert "<script>" not in response.text.split('class="portal-filter"')[1].split("</form>")[0]


def test_another_consultations_theme_is_not_a_filter_here(signed_in, consultation):
    ThemeFactory.create_batch(2, consultation=consultation)
    elsewhere = ThemeFactory()
    PriorityFactory.create_batch(2, consultation=consultation)
    response = signed_in.get(detail_url(consultation), {"theme": elsewhere.pk})
    assert "We could not find that theme" in response.text
    assert len(priority_titles(response.text)) == 2


def test_the_theme_filter_only_shows_when_there_is_a_choice(signed_in, consultation):
    ThemeFactory(consultation=consultation)
    PriorityFactory(consultation=consultation)
    assert 'class="portal-filter"' not in signed_in.get(detail_url(consultation)).text


def test_voting_from_a_later_page_comes_back_to_that_page(signed_in, consultation):
    theme = ThemeFactory(consultation=consultation)
    ThemeFactory(consultation=consultation)
    PriorityFactory.create_batch(30, consultation=consultation, theme=theme)
    page_two = signed_in.get(detail_url(consultation), {"theme": theme.pk, "page": 2})
    last = Priority.objects.filter(consultation=consultation).order_by("submitted_at", "pk").last()
    next_value = f"{detail_url(consultation)}?theme={theme.pk}&amp;page=2#priority-{last.pk}"
    assert f'name="next" value="{next_value}"' in page_two.text

    response = signed_in.post(vote_url(last), {"action": "add", "next": next_value.replace("&amp;", "&")})
    assert response.status_code == 302
    assert response["Location"] == next_value.replace("&amp;", "&")
    assert Vote.objects.filter(priority=last).count() == 1


def test_page_of_priorities_queries_stay_flat_with_many_priorities(signed_in, django_assert_max_num_queries):
    consultation = ConsultationFactory(show_counts_while_open=True)
    ThemeFactory.create_batch(3, consultation=consultation)
    PriorityFactory.create_batch(120, consultation=consultation)
    with django_assert_max_num_queries(
        21
    ):  # +1 since the home page always has children (the section pages), so the menu asks once
        response = signed_in.get(detail_url(consultation), {"page": 3})
    assert len(priority_titles(response.text)) == 25


def summary_list(html):
    return dict(
        re.findall(
            r'<dt class="govuk-summary-list__key">([^<]+)</dt><dd class="govuk-summary-list__value">([^<]+)</dd>',
            html,
        )
    )


def test_a_member_may_report_what_others_posted_online_while_the_consultation_is_open(client, member):
    consultation = ConsultationFactory()
    others = PriorityFactory(consultation=consultation, title="Someone else's")
    mine = PriorityFactory(consultation=consultation, author=member, title="My own")
    gathered = PriorityFactory(
        consultation=consultation, author=None, gathered_place="Tuesday peer group",
        gathered_on=date(2026, 11, 3), title="Gathered in the room",
    )  # fmt: skip
    client.force_login(member)
    html = client.get(detail_url(consultation)).text
    report = reverse("consultations:report", args=[others.pk])
    assert f'<a class="govuk-link" href="{report}">Report this' in html
    assert html.count("Report this<span") == 1
    assert reverse("consultations:report", args=[mine.pk]) not in html
    assert reverse("consultations:report", args=[gathered.pk]) not in html
    with time_machine.travel(consultation.closes_at, tick=False):
        assert "Report this" not in client.get(detail_url(consultation)).text
