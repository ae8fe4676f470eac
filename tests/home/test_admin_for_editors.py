"""The Wagtail admin as editors meet it: where "Pages" opens, the dashboard's shortcuts, Publish
as the main button, no page made behind their back, plain words, and who is who in the list of
people."""

import json

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Site

from accounts.roles import EDITORS
from network.models import OpeningException
from tests.factories.accounts import user_with_roles
from tests.factories.network import OpeningExceptionFactory, public_site

pytestmark = pytest.mark.django_db

ROOT_PAGE_WORDS = "add new sites to your Wagtail installation"


@pytest.fixture
def site_pages(home_page):
    return public_site(home_page, groups=1, news=1)


@pytest.fixture
def superuser_editor(db):
    """As the demo makes its editor: staff, superuser and in the Editors role."""
    return user_with_roles(EDITORS, is_staff=True, is_superuser=True)


@pytest.fixture
def editor(db):
    """In the Editors role only: Wagtail gives the role its page permissions on the root."""
    return user_with_roles(EDITORS, is_staff=True)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def explorer_start_page_id(response):
    props = json.loads(soup(response).find(id="wagtail-sidebar-props").string)
    main_menu = next(module for module in props["modules"] if module["_type"].endswith("MainMenuModule"))
    pages = next(item for item in main_menu["_args"][0] if item["_args"][0]["name"] == "explorer")
    return pages["_args"][1]


# 1. "Pages" opens on the home page.


@pytest.mark.parametrize("who", ["superuser_editor", "editor"])
def test_pages_opens_on_the_home_page_not_on_the_root(client, request, site_pages, home_page, who):
    client.force_login(request.getfixturevalue(who))

    assert explorer_start_page_id(client.get("/admin/")) == home_page.pk
    response = client.get("/admin/pages/", follow=True)
    assert response.redirect_chain[-1][0] == f"/admin/pages/{home_page.pk}/"
    assert ROOT_PAGE_WORDS not in response.text
    listed = [link.get_text(strip=True) for link in soup(response).select("table.listing a")]
    assert "News" in listed and "Peer groups" in listed


def test_with_several_sites_pages_still_lists_them(client, site_pages, superuser_editor, home_page):
    Site.objects.create(hostname="other.example.org", root_page=site_pages.about, site_name="Other")
    client.force_login(superuser_editor)
    assert explorer_start_page_id(client.get("/admin/")) == home_page.get_parent().pk
    assert ROOT_PAGE_WORDS in client.get("/admin/pages/").text


# 3. Publish is the main button for whoever may publish.


def main_action(response):
    footer = soup(response).find("footer")
    return footer.find("button", attrs={"type": "submit"}).get_text(" ", strip=True)


def test_publish_is_the_main_button_for_people_who_may_publish(client, site_pages, superuser_editor):
    client.force_login(superuser_editor)
    assert main_action(client.get(f"/admin/pages/{site_pages.news[0].pk}/edit/")) == "Publish"
    add_news = f"/admin/pages/add/network/newspage/{site_pages.news_index.pk}/"
    assert main_action(client.get(add_news)) == "Publish"


def test_people_who_may_not_publish_keep_save_draft(client, site_pages, editor):
    client.force_login(editor)
    assert main_action(client.get(f"/admin/pages/{site_pages.news[0].pk}/edit/")) == "Save draft"


# 5. Plain words on the forms editors use.


def test_closures_are_in_plain_words(client, site_pages, superuser_editor):
    OpeningExceptionFactory(venue=site_pages.venue)
    client.force_login(superuser_editor)
    page = soup(client.get(f"/admin/snippets/network/venue/edit/{site_pages.venue.pk}/"))
    text = page.get_text(" ", strip=True)
    assert "Add closure day" in text
    assert "Add exception" not in text and "exception" not in text.lower()
    assert "Add opening time" in text
    assert "Add visiting service" in text
    labels = {label.get_text(" ", strip=True).rstrip("*").strip() for label in page.find_all("label")}
    assert {"First day", "Last day", "Opens at", "Closes at", "Day", "From", "Until"} <= labels
    assert OpeningException._meta.verbose_name == "closure day"


def test_group_form_is_in_plain_words(client, site_pages, superuser_editor):
    client.force_login(superuser_editor)
    page = soup(client.get(f"/admin/pages/{site_pages.groups[0].pk}/edit/"))
    labels = {label.get_text(" ", strip=True).rstrip("*").strip() for label in page.find_all("label")}
    assert {"In person or online", "How often", "Starts at", "Ends at", "First session"} <= labels
    assert not {"Format", "Frequency", "Start time", "First date", "Online link"} & labels
