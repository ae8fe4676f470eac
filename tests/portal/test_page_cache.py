import pytest
from wagtail.models import PageViewRestriction

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


def test_query_strings_are_cached_separately(client, home_page):
    client.get("/")
    assert client.get("/?page=2")["X-Page-Cache"] == "miss"


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
