"""The site and its settings are read once and shared through the cache: signed-in pages (which
the page cache never serves) do not ask the database for them every time, and a change shows at
once."""

from unittest import mock

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Site

from portal import page_cache, shared_reads
from portal.shared_reads import remember

pytestmark = pytest.mark.django_db


def tables_read(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return response, " ".join(query["sql"] for query in queries.captured_queries)


def test_signed_in_pages_read_the_site_and_its_settings_once(client, member, network_settings):
    client.force_login(member)
    _response, first = tables_read(client, "/")
    response, again = tables_read(client, "/")
    assert "Testbay Recovery Network" in response.text
    assert '"wagtailcore_site"' in first and '"home_networksettings"' in first
    assert '"wagtailcore_site"' not in again and '"home_networksettings"' not in again


def test_a_change_to_the_settings_shows_at_once(client, member, network_settings):
    client.force_login(member)
    client.get("/")
    network_settings.organisation_name = "Renamed Recovery Network"
    network_settings.save()
    assert "Renamed Recovery Network" in client.get("/").text


def test_a_change_to_the_site_is_read_afresh(client, member, network_settings):
    client.force_login(member)
    client.get("/")
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Renamed site"
    site.save()
    _response, again = tables_read(client, "/")
    assert '"wagtailcore_site"' in again


def test_a_host_that_is_not_allowed_is_refused_not_cached(client, settings, network_settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    assert client.get("/", HTTP_HOST="evil.example.com").status_code == 400
    assert client.get("/").status_code == 200


def test_a_signed_in_page_reads_the_content_version_once(client, member, network_settings, monkeypatch):
    """Everything a page reads through the cache is keyed on the content version: it is read from
    the cache once per request, not once per read."""
    reads = []
    read_version = page_cache._read_version
    monkeypatch.setattr(page_cache, "_read_version", lambda: reads.append(1) or read_version())
    client.force_login(member)
    client.get("/")
    reads.clear()
    response = client.get("/")
    assert "Testbay Recovery Network" in response.text
    assert len(reads) == 1


def test_a_change_made_while_answering_is_read_afresh_in_the_same_request(rf, db):
    """Within one request, once content has changed, what is read next is made afresh."""
    made = []

    def view(request):
        first = remember("answer", lambda: made.append("before") or "before")
        page_cache.invalidate_all()
        second = remember("answer", lambda: made.append("after") or "after")
        return HttpResponse(f"{first} {second}")

    response = page_cache.PublicPageCacheMiddleware(view)(rf.post("/"))
    assert response.content == b"before after"
    assert made == ["before", "after"]


def test_what_is_kept_between_a_change_and_its_commit_is_not_read_after_it(
    member, django_capture_on_commit_callbacks
):
    """A change to content moves the version on at once, for the request making it. Another
    server reading before the commit still sees the old rows and would keep them under the new
    version: the version moves on again once the change is committed."""
    with django_capture_on_commit_callbacks(execute=True):
        member.profile.display_name = "A new name"
        member.profile.save()
        remember("display-name-probe", lambda: "read before the commit")
    assert remember("display-name-probe", lambda: "read after the commit") == "read after the commit"


def shared_cache_reads(client, path):
    """The keys a request reads from the shared cache."""
    from django.core.cache import cache

    keys = []
    get, get_many = cache.get, cache.get_many
    with (
        mock.patch.object(cache, "get", lambda key, *a, **k: keys.append(key) or get(key, *a, **k)),
        mock.patch.object(
            cache, "get_many", lambda many, *a, **k: keys.extend(many) or get_many(many, *a, **k)
        ),
    ):
        assert client.get(path).status_code == 200
    return keys


def test_once_read_an_app_server_reads_only_the_content_version_from_the_shared_cache(
    client, member, network_settings, home_page
):
    """The site, its settings, the menu and the footer's links are kept by each app server while
    the content version is the same: one round trip to the cache a signed-in page, not five."""
    client.force_login(member)
    client.get(reverse("accounts:your_data"))
    assert shared_cache_reads(client, reverse("accounts:your_data")) == [page_cache.version_key()]


def test_a_change_on_another_app_server_shows_at_once(client, member, network_settings):
    """Another server saves the settings: here, only the version in the shared cache moves on."""
    client.force_login(member)
    client.get("/")
    type(network_settings).objects.filter(pk=network_settings.pk).update(
        organisation_name="Renamed elsewhere"
    )  # no signals here: this server hears nothing
    assert "Renamed elsewhere" not in client.get("/").text
    page_cache.invalidate_all()  # what the other server's save did
    assert "Renamed elsewhere" in client.get("/").text


def test_each_request_gets_its_own_copy(db):
    """A view that changes what it was given (a settings form that does not validate) changes
    nobody else's."""
    first = remember("a-list", lambda: ["as made"])
    first.append("changed by one request")
    assert remember("a-list", lambda: ["made again"]) == ["as made"]


def test_while_the_cache_is_away_nothing_is_kept(client, member, network_settings, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    client.force_login(member)
    kept_before = len(shared_reads.here)
    client.get("/")
    assert len(shared_reads.here) == kept_before
    type(network_settings).objects.filter(pk=network_settings.pk).update(organisation_name="Renamed")
    # While the cache is away, a change cannot move the shared version on: every page reads afresh.
    assert "Renamed" in client.get("/").text
    assert remember("made-fresh", lambda: "first") == "first"
    assert remember("made-fresh", lambda: "second") == "second"
