"""Site search: linked from every page, results with what they are and a summary, services found."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.checks import assert_valid_html
from tests.factories.network import (
    GroupPageFactory,
    NewsPageFactory,
    ServiceVisitFactory,
    SupportServiceFactory,
    public_site,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub(home_page):
    """As in the demo: a drop-in page whose venue money advice, housing support and others visit."""
    site = public_site(home_page)
    ServiceVisitFactory(
        venue=site.venue,
        service=SupportServiceFactory(
            name="Housing support",
            description="A housing support worker who can help you find and keep a home.",
            helps_with="Rent arrears\nTalking to landlords",
        ),
        weekday=1,
    )
    return site


def results(html):
    """Each result as the words a person sees: title, kind, when, summary."""
    found = re.findall(r'<li class="portal-card">(.*?)</li>', html, re.DOTALL)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in found]


def test_money_finds_the_money_advice_service(client, hub):
    response = client.get("/search/", {"q": "money"})
    assert response.status_code == 200
    [money] = [result for result in results(response.text) if "Money advice" in result]
    assert money == (
        "Money advice Service at the drop-in Monday, 10am to 1pm at The Net Loft "
        "Free, private advice about money and benefits."
    )
    assert f'href="{hub.drop_in.url}#services"' in response.text


def test_what_a_service_helps_with_finds_it(client, hub):
    [found] = results(client.get("/search/", {"q": "landlords"}).text)
    assert found.startswith("Housing support Service at the drop-in")


def test_results_say_what_each_page_is_with_a_summary(client, hub):
    response = client.get("/search/", {"q": "story"})
    found = results(response.text)
    assert len(found) == 3
    assert all(re.match(r"News story \d+ News ", result) for result in found)
    assert all(result.endswith("Something good happened at the hub.") for result in found)


def test_a_group_is_found_by_its_summary(client, hub):
    GroupPageFactory(parent=hub.group_index, title="Breakfast club", summary="Toast and tea with friends.")
    found = results(client.get("/search/", {"q": "toast"}).text)
    assert found == ["Breakfast club Group Toast and tea with friends."]


def test_no_query_asks_kindly_for_words(client, hub):
    response = client.get("/search/")
    assert response.status_code == 200
    assert "Type a word or two about what you are looking for" in response.text
    assert "There is a problem" not in response.text


@pytest.mark.parametrize("query", ['%%% ( " * :', "\u2603\u2603", "-- ;; //"])
def test_symbols_alone_get_a_kind_message(client, hub, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "Search works with words. Try a word or two" in response.text


def test_a_search_with_no_match_suggests_other_words(client, hub):
    response = client.get("/search/", {"q": "xylophone"})
    assert response.status_code == 200
    assert "No results for “xylophone”" in response.text
    assert "ask the staff at the drop-in" in response.text


def test_a_very_long_search_is_a_kind_message_with_an_error_title(client, hub):
    response = client.get("/search/", {"q": "money " * 200})
    assert response.status_code == 200
    assert "<title>Error: Search" in response.text
    assert "Use 100 characters or fewer." in response.text
    assert results(response.text) == []


def test_the_search_page_is_linked_from_the_header_of_every_kind_of_page(client, hub, member):
    pages = ["/", hub.drop_in.url, hub.news[0].url, "/accounts/login/", "/search/", "/privacy/"]
    for url in pages:
        html = client.get(url).text
        header = html[html.index('<header class="portal-header">') : html.index("</header>")]
        assert 'href="/search/"' in header, url
    client.force_login(member)
    html = client.get("/accounts/profile/").text
    assert 'href="/search/"' in html[: html.index("</header>")]


def query_count(client, query):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/search/", {"q": query}).status_code == 200
    return len(queries)


def story_service(hub):
    ServiceVisitFactory(venue=hub.venue, service=SupportServiceFactory(description="A story of money."))


def test_search_queries_do_not_grow_with_the_results(client, hub, django_assert_max_num_queries):
    story_service(hub)
    client.get("/search/", {"q": "story"})  # the site's root paths are cached from here on
    few = query_count(client, "story")
    for _ in range(6):
        NewsPageFactory(parent=hub.news_index)
        story_service(hub)
    client.get("/search/", {"q": "story"})  # the menu, cached again after the new pages
    assert query_count(client, "story") == few
    with django_assert_max_num_queries(16):
        client.get("/search/", {"q": "story money"})


@pytest.mark.xdist_group("html")  # one HTML checker run: tests/test_html_checker.py
def test_search_pages_are_valid_html(client, hub):
    queries = {"money": "money", "nothing asked": "", "symbols": "%%% (", "too long": "money " * 200}
    assert_valid_html({name: client.get("/search/", {"q": q}).text for name, q in queries.items()})
