"""The sitemap and robots.txt as search engines' crawlers read them."""

import pytest
from defusedxml import ElementTree
from protego import Protego

pytestmark = pytest.mark.django_db
PUBLIC_ADDRESS = "https://network.example:8443"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def served_elsewhere(settings, site):
    """The site served on its public address while Wagtail's Site record still says localhost:80."""
    settings.WAGTAILADMIN_BASE_URL = PUBLIC_ADDRESS
    settings.ALLOWED_HOSTS = ["network.example"]
    assert (site.hostname, site.port) == ("localhost", 80)


def get(client, path):
    return client.get(path, headers={"host": "network.example:8443"}, secure=True)


def sitemap_locations(client):
    response = get(client, "/sitemap.xml")
    assert response.status_code == 200
    return [loc.text for loc in ElementTree.fromstring(response.content).iter(f"{SITEMAP}loc")]


def robots(client):
    response = get(client, "/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    return Protego.parse(response.text)


def test_the_sitemap_gives_the_public_address(client, portal, served_elsewhere):
    locations = sitemap_locations(client)
    assert f"{PUBLIC_ADDRESS}/" in locations
    assert f"{PUBLIC_ADDRESS}/drop-in/" in locations
    assert f"{PUBLIC_ADDRESS}{portal.groups[0].url}" in locations
    assert all(location.startswith(f"{PUBLIC_ADDRESS}/") for location in locations)


def test_robots_txt_points_to_the_sitemap(client, portal, served_elsewhere):
    assert list(robots(client).sitemaps) == [f"{PUBLIC_ADDRESS}/sitemap.xml"]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/drop-in/",
        "/groups/",
        "/news/",
        "/about/",
        "/feeds/news.rss",
        "/feeds/groups.ics",
        "/feeds/meeting-guide.json",
        "/consultations/you-said-we-did/",
        "/sitemap.xml",
    ],
)
def test_robots_txt_lets_crawlers_read_the_public_pages(client, portal, served_elsewhere, path):
    assert robots(client).can_fetch(f"{PUBLIC_ADDRESS}{path}", "*")


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/pages/",
        "/accounts/login/",
        "/accounts/profile/",
        "/accounts/sessions/",
        "/consultations/",
        "/consultations/4/",
        "/consultations/board/",
        "/groups/yours/",
        "/groups/7/sessions/",
        "/groups/7/ask-to-join/",
        "/groups/sessions/12/",
        "/groups/join-requests/3/",
        "/search/?q=help",
        "/_util/login/",
    ],
)
def test_robots_txt_keeps_crawlers_out_of_signed_in_areas(client, portal, served_elsewhere, path):
    assert not robots(client).can_fetch(f"{PUBLIC_ADDRESS}{path}", "*")


def test_everything_in_the_sitemap_may_be_crawled(client, portal, served_elsewhere):
    rules = robots(client)
    for location in sitemap_locations(client):
        assert rules.can_fetch(location, "*"), location
