import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from network.models import NewsPage
from tests.factories.network import NewsIndexPageFactory, NewsPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def news_index(home_page):
    index = NewsIndexPageFactory(parent=home_page, slug="news")
    for number in range(12):
        story = NewsPageFactory(parent=index, title=f"Story number {number}")
        if number % 3 == 0:
            story.tags.add("housing")
            story.save()
    return index


def test_news_is_paginated_newest_first(client, news_index):
    first = client.get("/news/")
    assert first.context["news_page"].paginator.num_pages == 2
    assert 'aria-current="page"' in first.text
    assert "Next" in first.text
    second = client.get("/news/", {"page": "2"})
    assert len(second.context["news_page"]) == 2


def test_the_news_list_reads_no_view_restrictions_while_nothing_is_private(client, news_index):
    """Where the private sections are is read once and shared (portal.private_sections): with
    none on the site, serving the news page and listing its stories and topics read no
    restrictions at all (Wagtail read them three times)."""
    client.get("/news/")  # the site, its settings and its private sections, kept between requests
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/news/")
    assert response.status_code == 200
    restrictions = [q for q in captured.captured_queries if "wagtailcore_pageviewrestriction" in q["sql"]]
    assert restrictions == []
    assert "housing" in response.text
    assert response.text.count("Story number") == 10


@pytest.mark.parametrize("page", ["0", "-1", "999", "abc", "1.5", "", "9" * 400, "%00"])
def test_bad_page_numbers_show_a_page_not_an_error(client, news_index, page):
    response = client.get("/news/", {"page": page})
    assert response.status_code == 200
    assert len(response.context["news_page"]) > 0


@pytest.mark.parametrize("tag", ["\x00", "housing\x00", "<b>housing</b>", "x" * 500, "%", "  "])
def test_a_tag_that_cannot_exist_is_ignored_kindly(client, news_index, tag):
    response = client.get("/news/", {"tag": tag})
    assert response.status_code == 200
    assert "We could not find that topic" in response.text
    assert response.context["news_page"].paginator.count == 12


def test_tag_filter_and_unknown_tags(client, news_index):
    response = client.get("/news/", {"tag": "housing"})
    assert len(response.context["news_page"]) == 4
    assert "About housing" in response.text
    response = client.get("/news/", {"tag": "no-such-topic"})
    assert response.status_code == 200
    assert "We could not find that topic" in response.text
    assert response.context["news_page"].paginator.count == 12


def test_news_page_shows_its_story_and_topics(client, news_index):
    story = NewsPage.objects.get(title="Story number 0")
    html = client.get(story.url).text
    assert "Thank you to everyone who came along." in html
    assert "?tag=housing" in html


def test_a_storys_topic_links_cost_the_same_queries_for_one_topic_or_five(client, news_index):
    story = NewsPage.objects.get(title="Story number 0")
    client.get(story.url)
    with CaptureQueriesContext(connection) as one_topic:
        html = client.get(story.url).text
    assert html.count('href="/news/?tag=') == 1
    story.tags.add("work", "money", "family", "health")
    story.save()
    client.get(story.url)
    with CaptureQueriesContext(connection) as five_topics:
        html = client.get(story.url).text
    for topic in ("housing", "work", "money", "family", "health"):
        assert f'href="/news/?tag={topic}"' in html
    assert len(five_topics.captured_queries) == len(one_topic.captured_queries)


def test_news_body_image_requires_alt_text():
    from network.blocks import CaptionedImageBlock

    assert CaptionedImageBlock.base_blocks["alt_text"].required
    assert "embed" not in NewsPage.body.field.stream_block.child_blocks


def test_search_finds_live_pages(client, home_page, news_index):
    StandardPageFactory(parent=home_page, title="Privacy notice", slug="privacy")
    response = client.get("/search/", {"q": "privacy"})
    assert response.status_code == 200
    assert "Privacy notice" in response.text
    assert '<meta name="robots" content="noindex">' in response.text


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"q": ""},
        {"q": "   "},
        {"q": "x" * 5000},
        {"q": "\x00"},
        {"q": 'AND OR NOT ( " * :'},
        {"q": "story", "page": "-4"},
        {"q": "story", "page": "zz"},
        {"q": ["a", "b"]},
    ],
)
def test_bad_search_input_never_errors(client, news_index, query):
    assert client.get("/search/", query).status_code == 200


def test_too_long_a_search_is_a_kind_message(client, news_index):
    response = client.get("/search/", {"q": "x" * 500})
    assert "Use 100 characters or fewer." in response.text


def test_search_terms_are_never_logged(client, news_index, caplog):
    with caplog.at_level(logging.DEBUG):
        client.get("/search/", {"q": "a-very-private-word"})
    assert "a-very-private-word" not in caplog.text
    from wagtail.search.models import IndexEntry

    assert not IndexEntry.objects.filter(title__icontains="a-very-private-word").exists()


def test_sitemap_lists_the_public_pages(client, news_index, home_page):
    StandardPageFactory(parent=home_page, title="About", slug="about")
    xml = client.get("/sitemap.xml").text
    assert "/news/</loc>" in xml
    assert "/news/story-number-3/</loc>" in xml
    assert "/about/</loc>" in xml
