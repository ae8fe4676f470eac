"""The site and its settings are read once and shared through the cache: signed-in pages (which
the page cache never serves) do not ask the database for them every time, and a change shows at
once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

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
