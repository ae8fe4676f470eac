"""Where the private sections are is read once and shared (portal/private_sections.py): a page is
known to be public without a query, and a change to a restriction, an alias or the tree shows
at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from tests.factories.network import NewsIndexPageFactory, NewsPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(home_page):
    index = NewsIndexPageFactory(parent=home_page, slug="news")
    NewsPageFactory(parent=index, title="Winter opening hours", slug="winter")
    NewsPageFactory(parent=index, title="Board meeting notes", slug="board-notes")
    return index


def restriction_reads(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, [q for q in captured.captured_queries if "wagtailcore_pageviewrestriction" in q["sql"]]


def test_a_public_page_is_served_without_reading_restrictions(client, home_page):
    StandardPageFactory(parent=home_page, slug="about", title="About us")
    client.get("/about/")
    response, reads = restriction_reads(client, "/about/")
    assert response.status_code == 200
    assert "About us" in response.text
    assert reads == []


def test_a_page_made_private_is_refused_at_once_and_public_again_once_freed(client, home_page):
    page = StandardPageFactory(parent=home_page, slug="about", title="About us")
    assert client.get("/about/").status_code == 200  # what is private is now read and kept

    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response, reads = restriction_reads(client, "/about/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert reads  # where a restriction may apply, it is read from the database

    restriction.delete()
    response = client.get("/about/")
    assert response.status_code == 200
    assert "About us" in response.text


def test_a_story_in_a_section_made_private_leaves_the_news_list_at_once(client, news):
    assert "Board meeting notes" in client.get("/news/").text

    story = Page.objects.get(slug="board-notes")
    PageViewRestriction.objects.create(
        page=story, restriction_type=PageViewRestriction.PASSWORD, password="x1"
    )
    html = client.get("/news/").text
    assert "Board meeting notes" not in html
    assert "Winter opening hours" in html
    assert client.get("/news/board-notes/").status_code == 200  # the password form
    assert "Board meeting notes" not in client.get("/news/board-notes/").text

    PageViewRestriction.objects.create(page=news, restriction_type=PageViewRestriction.LOGIN)
    assert client.get("/news/").status_code == 302
    assert client.get("/news/winter/").status_code == 302


def test_the_home_page_lists_news_without_reading_restrictions(client, news):
    client.get("/news/")  # where the private sections are is read and kept
    response, reads = restriction_reads(client, "/")
    assert response.status_code == 200
    assert "Board meeting notes" in response.text
    assert reads == []

    story = Page.objects.get(slug="board-notes")
    PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)
    html = client.get("/").text
    assert "Board meeting notes" not in html
    assert "Winter opening hours" in html


def test_an_alias_follows_its_source_page_made_private_later(client, home_page, news):
    """An alias has no restrictions of its own: Wagtail applies its source page's."""
    source = StandardPageFactory(parent=home_page, slug="members-only", title="For members")
    source.create_alias(parent=news, update_slug="members-copy")
    assert client.get("/news/members-copy/").status_code == 200

    PageViewRestriction.objects.create(page=source, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/news/members-copy/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_page_moved_under_a_private_section_is_refused_at_once(client, home_page, news):
    section = StandardPageFactory(parent=home_page, slug="staff", title="Staff")
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    assert client.get("/news/winter/").status_code == 200

    Page.objects.get(slug="winter").move(section, pos="last-child")
    assert client.get("/staff/winter/").status_code == 302
    assert "Winter opening hours" not in client.get("/news/").text
