"""With the shared cache (Redis) down, the site carries on: public pages, sign-in and voting work
and nothing gives a 500 (deployment review: "with Redis down, every HTML page is a 500")."""

import pytest

from consultations.models import Vote
from tests.factories.accounts import PASSWORD
from tests.factories.consultations import ConsultationFactory, PriorityFactory
from tests.factories.network import public_site

pytestmark = pytest.mark.django_db

NOWHERE = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": NOWHERE,
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    settings.PAGE_CACHE_SECONDS = 60
    settings.ACCOUNT_RATE_LIMITS = {"login": "30/m/ip", "login_failed": "10/m/ip,5/5m/key"}


def test_public_pages_are_made_fresh(client, home_page, redis_down, network_settings):
    site = public_site(home_page, groups=1, news=1)
    for url in ("/", site.drop_in.url, site.group_index.url, site.news_index.url, "/feeds/news.rss"):
        for _again in range(2):
            response = client.get(url)
            assert response.status_code == 200, url
            assert response.get("X-Page-Cache") != "hit", url


def test_people_can_sign_in_and_vote(client, member, redis_down):
    response = client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").context["user"] == member
    priority = PriorityFactory(consultation=ConsultationFactory())
    response = client.post(
        f"/consultations/priorities/{priority.pk}/vote/", {"action": "add"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 200
    assert response.json()["ok"] is True
    assert Vote.objects.filter(priority=priority, voter=member).count() == 1


def test_the_outage_is_logged_without_a_traceback_on_every_request(client, redis_down, caplog):
    client.get("/")
    client.get("/")
    warnings = [record for record in caplog.records if record.name == "portal.cache"]
    assert len(warnings) <= 1
    assert all(record.exc_info is None for record in warnings)


def test_one_redis_client_is_kept_and_still_carries_on_when_redis_is_away(redis_down):
    """Django makes a new redis-py client for every cache call; the portal keeps one per pool,
    which must not stop it carrying on while Redis is away."""
    from django.core.cache import cache

    client = cache._cache
    assert client.get_client(write=True) is client.get_client(write=True)
    assert client.get_client() is client.get_client(write=False)
    cache.set("figures", 1)
    assert cache.get("figures", "missing") == "missing"
