"""The footer is the same for everyone: drawn once a content version, shared through the cache
({% shared_fragment %}), and kept by each app server, so a signed-in page neither draws it (the
crisis contacts, the links to every standard page) nor fetches it from Redis. A change shows at
once, and a part that changes with the clock is never older than a cached public page."""

from unittest import mock

import pytest
from django.urls import reverse

from portal import page_cache
from portal.templatetags import shared_fragments

pytestmark = pytest.mark.django_db
YOUR_DATA = reverse("accounts:your_data")


@pytest.fixture
def signed_in(client, member, network_settings, settings):
    settings.PAGE_CACHE_SECONDS = 60  # as deployed
    client.force_login(member)
    return client


def footer_drawn(response):
    return "includes/footer_links.html" in [template.name for template in response.templates]


def test_the_footer_is_drawn_once_then_shared(signed_in):
    first = signed_in.get(YOUR_DATA)
    again = signed_in.get(YOUR_DATA)
    assert footer_drawn(first) and not footer_drawn(again)
    for response in (first, again):
        assert "Samaritans" in response.text and "116 123" in response.text
        assert "Privacy notice" in response.text


def test_a_change_to_the_settings_shows_in_the_footer_at_once(signed_in, network_settings):
    signed_in.get(YOUR_DATA)
    network_settings.phone = "01234 999 888"
    network_settings.save()
    assert "01234 999 888" in signed_in.get(YOUR_DATA).text


def test_another_app_servers_change_shows_once_the_version_moves_on(signed_in, network_settings):
    signed_in.get(YOUR_DATA)
    type(network_settings).objects.filter(pk=network_settings.pk).update(phone="01234 555 444")
    assert "01234 555 444" not in signed_in.get(YOUR_DATA).text  # this server heard nothing yet
    page_cache.invalidate_all()  # what the save did on the other server
    assert "01234 555 444" in signed_in.get(YOUR_DATA).text


def test_a_part_is_never_older_than_a_cached_page_even_when_kept_here(signed_in):
    signed_in.get(YOUR_DATA)
    assert not footer_drawn(signed_in.get(YOUR_DATA))
    later = shared_fragments.time.time() + 61
    with mock.patch.object(shared_fragments.time, "time", return_value=later):
        assert footer_drawn(signed_in.get(YOUR_DATA))


def test_a_kept_part_is_not_fetched_from_the_shared_cache(signed_in):
    from django.core.cache import cache

    signed_in.get(YOUR_DATA)
    keys = []
    get = cache.get
    with mock.patch.object(cache, "get", lambda key, *a, **k: keys.append(key) or get(key, *a, **k)):
        assert signed_in.get(YOUR_DATA).status_code == 200
    assert keys == [page_cache.version_key()]
