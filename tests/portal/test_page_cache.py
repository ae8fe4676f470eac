import pytest
from wagtail.models import PageViewRestriction

from tests.factories.network import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


def test_second_visit_is_served_from_the_cache_without_queries(
    client, network_settings, django_assert_num_queries
):
    first = client.get("/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "Content-Security-Policy" in second


def test_publishing_a_page_refreshes_it_at_once(client, home_page):
    client.get("/")
    home_page.title = "A fresh title for the home page"
    home_page.save_revision().publish()
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "A fresh title for the home page" in response.text


def test_changing_site_settings_refreshes_pages(client, network_settings):
    client.get("/")
    network_settings.organisation_name = "Renamed Network"
    network_settings.save()
    assert "Renamed Network" in client.get("/").text


def test_signed_in_people_always_get_a_fresh_page(client, member, home_page):
    client.get("/")
    client.force_login(member)
    response = client.get("/")
    assert "X-Page-Cache" not in response
    assert "Your account" in response.text


def test_pages_with_view_restrictions_are_never_cached(client, home_page):
    PageViewRestriction.objects.create(page=home_page, restriction_type=PageViewRestriction.LOGIN)
    client.get("/")
    assert "X-Page-Cache" not in client.get("/")


def test_account_pages_are_never_cached(client):
    client.get("/accounts/login/")
    assert "X-Page-Cache" not in client.get("/accounts/login/")


def test_cache_can_be_turned_off(client, home_page, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")
    assert "X-Page-Cache" not in client.get("/")


def test_query_strings_the_page_does_not_read_share_its_entry(
    client, network_settings, django_assert_num_queries
):
    """The home page reads no parameters, so made-up ones (campaign tags, typos) are served the
    same stored page rather than each rendering and storing a copy of their own."""
    first = client.get("/")
    with django_assert_num_queries(0):
        for junk in ("?utm_source=newsletter", "?page=2", "?page=2&utm_source=x&fbclid=abc", "?"):
            response = client.get("/" + junk)
            assert response["X-Page-Cache"] == "hit", junk
            assert response.content == first.content


def test_parameters_a_page_reads_are_kept_apart(client, home_page, network_settings):
    news_index = NewsIndexPageFactory(parent=home_page, slug="news")
    stories = [NewsPageFactory(parent=news_index, title=f"Story number {n}") for n in range(12)]
    page_one = client.get("/news/")
    assert page_one["X-Page-Cache"] == "miss" and stories[0].title not in page_one.text
    page_two = client.get("/news/?page=2")
    assert page_two["X-Page-Cache"] == "miss"
    assert stories[0].title in page_two.text and stories[11].title not in page_two.text
    # The same page, with junk beside the parameters it reads: the stored copy of each.
    assert client.get("/news/?page=2&utm_source=x")["X-Page-Cache"] == "hit"
    assert stories[0].title in client.get("/news/?utm_source=y&page=2").text
    again = client.get("/news/?utm_source=z")
    assert again["X-Page-Cache"] == "hit" and stories[0].title not in again.text
    # An empty value is not the same as no value, and a tag is its own list.
    assert client.get("/news/?page=")["X-Page-Cache"] == "miss"
    assert client.get("/news/?tag=housing")["X-Page-Cache"] == "miss"


def test_a_page_that_reads_every_parameter_is_keyed_on_all_of_them(client, rf):
    """A view that copies or walks the whole query string is keyed on all of it."""
    from portal.page_cache import QueryReads, cache_key

    request = rf.get("/somewhere/?b=2&a=1")
    reads = QueryReads(request.GET)
    reads.copy()
    assert reads.record() is None
    assert cache_key(request, 1, None) == cache_key(rf.get("/somewhere/?a=1&b=2"), 1, None)
    assert cache_key(request, 1, None) != cache_key(rf.get("/somewhere/?a=1&b=3"), 1, None)
    reads = QueryReads(request.GET)
    reads.get("a")
    assert "b" in reads and reads.record() == (("a", "b"), False)
    bool(reads)
    assert reads.record() == (("a", "b"), True)


def test_feeds_are_served_from_the_cache(client, network_settings):
    first = client.get("/feeds/groups.ics")
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    assert client.get("/feeds/groups.ics")["X-Page-Cache"] == "hit"


def test_not_found_pages_are_not_cached(client, network_settings):
    client.get("/no-such-page/")
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "X-Page-Cache" not in response


def test_signing_in_leaves_cached_pages_alone(client, member, settings):
    """Sign-ins are recorded (accounts.SignedInSession) but never show on a public page, so they
    must not empty the cache for everyone."""
    from portal.page_cache import current_version

    settings.PAGE_CACHE_SECONDS = 60
    before = current_version()
    client.post("/accounts/login/", {"login": member.email, "password": "a-long-test-password-42"})
    assert current_version() == before
