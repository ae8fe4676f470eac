""" "Have your say" and "You said, we did" are pages editors can title, introduce and take out of the
menu; consultations' views draw them at their usual addresses."""

import re

import pytest
from django.test import RequestFactory
from django.urls import reverse

from accounts.roles import EDITORS
from consultations.models import HaveYourSayPage, YouSaidWeDidPage
from tests.factories.accounts import user_with_roles

pytestmark = pytest.mark.django_db

LIST_URL = "/consultations/"
RESPONSES_URL = "/consultations/you-said-we-did/"


def menu(html):
    nav = re.search(r'<nav aria-label="Main sections".*?</nav>', html, re.S).group()
    return [
        (label, href, "aria-current" in attributes)
        for href, attributes, label in re.findall(
            r'<a class="govuk-service-navigation__link" href="([^"]+)"([^>]*)>(?:<strong[^>]*>)?([^<]+)', nav
        )
    ]


def publish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


def test_both_pages_are_in_the_tree_under_the_home_page_and_link_to_their_views(home_page):
    have_your_say = HaveYourSayPage.objects.get()
    responses = YouSaidWeDidPage.objects.get()
    assert have_your_say.get_parent().specific == home_page
    assert responses.get_parent().specific == home_page
    assert (have_your_say.url, responses.url) == (LIST_URL, RESPONSES_URL)
    assert reverse("consultations:list") == LIST_URL


def test_the_menu_shows_them_after_the_other_pages_and_marks_only_the_one_you_are_on(client, home_page):
    html = client.get(RESPONSES_URL).text
    assert menu(html)[-2:] == [
        ("Have your say", LIST_URL, False),
        ("You said, we did", RESPONSES_URL, True),
    ]


def test_an_editor_retitles_and_introduces_the_page_and_everyone_sees_it(client, home_page):
    publish(
        YouSaidWeDidPage.objects.get(),
        title="What changed",
        introduction="What the board did with what you told it.",
        search_description="The board's answers to network members.",
    )
    html = client.get(RESPONSES_URL).text
    assert '<h1 class="govuk-heading-l">What changed</h1>' in html
    assert '<p class="govuk-body">What the board did with what you told it.</p>' in html
    assert "<title>What changed - " in html
    assert '<meta name="description" content="The board&#x27;s answers to network members.">' in html
    assert ("What changed", RESPONSES_URL, True) in menu(html)


def test_have_your_say_takes_the_title_its_editor_gave_it(client, member, home_page):
    publish(HaveYourSayPage.objects.get(), title="Tell us what matters", introduction="")
    client.force_login(member)
    html = client.get(LIST_URL).text
    assert '<h1 class="govuk-heading-l">Tell us what matters</h1>' in html
    assert "govuk-body-l" not in html.split("<h1", 1)[1].split("</h1>", 1)[1].split("<h2", 1)[0]
    assert ("Tell us what matters", LIST_URL, True) in menu(html)


def test_a_page_taken_out_of_the_menu_leaves_the_menu_but_still_works(client, home_page):
    publish(YouSaidWeDidPage.objects.get(), show_in_menus=False)
    html = client.get(RESPONSES_URL).text
    assert [label for label, _href, _current in menu(html)][-1] == "Have your say"
    assert '<h1 class="govuk-heading-l">You said, we did</h1>' in html


def test_an_unpublished_page_leaves_the_menu_and_the_view_keeps_its_plain_title(client, home_page):
    YouSaidWeDidPage.objects.get().unpublish()
    html = client.get(RESPONSES_URL).text
    assert "You said, we did" not in [label for label, _href, _current in menu(html)]
    assert '<h1 class="govuk-heading-l">You said, we did</h1>' in html


def test_the_sitemap_lists_the_public_page_only(client, home_page, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://network.example.org"
    xml = client.get("/sitemap.xml").text
    assert "<loc>https://network.example.org/consultations/you-said-we-did/</loc>" in xml
    assert "<loc>https://network.example.org/consultations/</loc>" not in xml


def test_the_pages_own_tree_address_sends_people_to_the_view(client, home_page):
    response = client.get("/have-your-say/")
    assert (response.status_code, response["Location"]) == (301, LIST_URL)


def test_an_editor_previews_a_draft_title_in_the_view(home_page):
    page = YouSaidWeDidPage.objects.get()
    page.title = "A draft title"
    request = RequestFactory().get(page.url)
    request.user = user_with_roles(EDITORS)
    html = page.serve_preview(request, "").content.decode()
    assert '<h1 class="govuk-heading-l">A draft title</h1>' in html
    assert YouSaidWeDidPage.objects.get().title == "You said, we did"


def test_editors_cannot_add_a_second_one(home_page):
    assert not YouSaidWeDidPage.can_create_at(home_page)
    assert not HaveYourSayPage.can_create_at(home_page)
