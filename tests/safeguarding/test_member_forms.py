"""Every free-text form a member can send: the crisis box, the check step, and a case."""

import pytest
from django.urls import reverse

from consultations.models import Priority, PriorityStatus, Report
from network.models import JoinRequest
from network.models.choices import HowToJoin
from safeguarding.models import Case, SourceKind
from tests.factories.consultations import PriorityFactory
from tests.factories.network import GroupIndexPageFactory, GroupPageFactory, facilitator_of

pytestmark = pytest.mark.django_db
GOOD_POST = {
    "title": "Evening opening at the hub",
    "explanation": "People who work could come.",
    "show_name": "no",
}


@pytest.fixture
def world(client, member, consultation, home_page, network_settings, safeguarding_settings):
    client.force_login(member)
    group = GroupPageFactory(
        parent=GroupIndexPageFactory(parent=home_page, slug="groups"), how_to_join=HowToJoin.INVITE
    )
    facilitator_of(group)
    waiting = PriorityFactory(
        consultation=consultation, author=member, status=PriorityStatus.SUBMITTED, approved_at=None
    )
    reported = PriorityFactory(consultation=consultation)
    made_here = [waiting.pk, reported.pk]
    return {
        "priority": (
            reverse("consultations:priority_create", args=[consultation.pk]),
            lambda words: {**GOOD_POST, "explanation": words},
            SourceKind.PRIORITY,
            lambda: Priority.objects.exclude(pk__in=made_here).get().pk,
        ),
        "priority edit": (
            reverse("consultations:priority_edit", args=[waiting.pk]),
            lambda words: {**GOOD_POST, "explanation": words},
            SourceKind.PRIORITY_EDIT,
            lambda: waiting.pk,
        ),
        "report reason": (
            reverse("consultations:report", args=[reported.pk]),
            lambda words: {"reason": words},
            SourceKind.REPORT,
            lambda: Report.objects.get().pk,
        ),
        "join request message": (
            reverse("network:join_request_create", args=[group.pk]),
            lambda words: {"message": words},
            SourceKind.JOIN_REQUEST,
            lambda: JoinRequest.objects.get().pk,
        ),
    }


FORMS = ["priority", "priority edit", "report reason", "join request message"]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("words", ["I want to end it all", "this made me feel suicidal"])
def test_the_same_crisis_words_in_every_form_open_a_case_and_show_help(client, world, member, form, words):
    url, data, kind, source_id = world[form]
    response = client.post(url, data(words), follow=True)
    page = response.content.decode()
    # The help box itself, not the footer's list of contacts that every page has.
    assert 'aria-labelledby="help-now-heading"' in page
    assert "It sounds like things may be really hard at the moment." in page
    case = Case.objects.get()
    assert (case.source_kind, case.source_id, case.member) == (kind, source_id(), member)
    assert words in case.words


@pytest.mark.parametrize("form", FORMS)
def test_ordinary_words_open_no_case(client, world, form):
    url, data, _kind, _source_id = world[form]
    client.post(url, data("Evenings would help people who work."), follow=True)
    assert not Case.objects.exists()


@pytest.mark.parametrize("form", FORMS)
def test_details_and_hurtful_words_get_two_buttons_and_check_again_checks_again(client, world, form):
    url, data, kind, _source_id = world[form]
    worrying = "Ask Jamie MacLeod, the junkies know him."
    response = client.post(url, data(worrying))
    page = response.content.decode()
    assert "details: someone&#x27;s name" in page
    assert "Instead of “junkies”, you could say “person who uses drugs”" in page
    assert ">Check again</button>" in page and ">Post it as it is</button>" in page
    # Checking again with the same words asks again: nothing is sent.
    page = client.post(url, data(worrying)).content.decode()
    assert ">Check again</button>" in page
    assert _nothing_sent(kind)
    # After editing, "Check again" checks the new words and sends them.
    client.post(url, data("Ask at the hub, people there know."), follow=True)
    assert not _nothing_sent(kind)


@pytest.mark.parametrize("form", ["priority", "report reason", "join request message"])
def test_post_it_as_it_is_sends_the_words_unchanged(client, world, form):
    url, data, kind, _source_id = world[form]
    client.post(url, {**data("Addicts who are not clean"), "details_confirmed": "True"}, follow=True)
    assert not _nothing_sent(kind)


def _nothing_sent(kind):
    if kind == SourceKind.PRIORITY:
        return Priority.objects.count() == 2  # only the two the fixture made
    if kind == SourceKind.PRIORITY_EDIT:
        return not Priority.objects.filter(version__gt=1).exists()
    if kind == SourceKind.REPORT:
        return not Report.objects.exists()
    return not JoinRequest.objects.exists()


def test_the_help_page_only_links_back_to_this_site(client):
    page = client.get(reverse("safeguarding:help_now"), {"next": "https://evil.example/"}).content.decode()
    assert "evil.example" not in page
