"""Every public page type is valid HTML. One run of the Nu checker over all of them: it starts slowly."""

import pytest

from tests.checks import assert_valid_html
from tests.factories.network import OpeningExceptionFactory, public_site

pytestmark = pytest.mark.django_db


@pytest.mark.xdist_group("html")  # one HTML checker run: tests/test_html_checker.py
def test_every_public_page_type_is_valid_html(client, home_page, network_settings):
    site = public_site(home_page, groups=2, news=2)
    OpeningExceptionFactory(venue=site.venue)
    session = site.groups[0].sessions.first()
    session.cancelled = True
    session.save()
    site.news[0].tags.add("housing")
    site.news[0].save()
    urls = {
        "home": "/",
        "drop-in": site.drop_in.url,
        "groups": site.group_index.url,
        "groups-filtered": site.group_index.url + "?day=99&format=in_person",
        "group": site.groups[0].url,
        "news": site.news_index.url + "?tag=housing",
        "news-story": site.news[0].url,
        "about": site.about.url,
        "search": "/search/?q=group",
        "search-empty": "/search/?q=zzzz",
    }
    pages = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, url
        pages[name] = response.text
    assert_valid_html(pages)
