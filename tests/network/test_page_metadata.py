"""What sits in each public page's head for programs rather than people: a description for search
results and link previews, feed autodiscovery, and times machines can read."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from tests.factories.network import GroupSessionFactory, SessionRegistrationFactory, public_site

pytestmark = pytest.mark.django_db
# HTML's valid global date and time string, to the second (a fraction may have at most three digits).
HTML_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})")


@pytest.fixture
def site_pages(home_page, network_settings):
    home_page.introduction = "A peer network for people affected by alcohol or drug use."
    home_page.save()
    return public_site(home_page, groups=1, news=1)


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser").head


def description(client, url):
    meta = head(client, url).find("meta", attrs={"name": "description"})
    return meta["content"] if meta else None


def test_pages_are_described_by_their_introduction_or_summary(client, site_pages):
    assert description(client, "/") == "A peer network for people affected by alcohol or drug use."
    for page in (site_pages.drop_in, site_pages.group_index, site_pages.about):
        assert description(client, page.url) == page.introduction, page.url
    for page in (site_pages.groups[0], site_pages.news[0]):
        assert description(client, page.url) == page.summary, page.url


def test_an_editors_search_description_comes_first(client, site_pages):
    story = site_pages.news[0]
    story.search_description = "Our summer plans, in brief."
    story.save()
    assert description(client, story.url) == "Our summer plans, in brief."


def feeds_offered(client, url):
    return {
        (link["type"], link["href"])
        for link in head(client, url).find_all("link", attrs={"rel": "alternate"})
    }


def test_every_page_offers_the_news_feeds(client, site_pages):
    news = {("application/rss+xml", "/feeds/news.rss"), ("application/atom+xml", "/feeds/news.atom")}
    for url in (
        "/",
        site_pages.drop_in.url,
        site_pages.groups[0].url,
        site_pages.news_index.url,
        "/search/?q=tea",
    ):
        assert news <= feeds_offered(client, url), url


def test_group_and_drop_in_pages_offer_their_calendars(client, site_pages):
    group = site_pages.groups[0]
    assert ("text/calendar", f"/feeds/groups/{group.pk}.ics") in feeds_offered(client, group.url)
    drop_in = site_pages.drop_in
    assert ("text/calendar", f"/feeds/drop-in/{drop_in.pk}.ics") in feeds_offered(client, drop_in.url)


def test_the_groups_page_offers_the_meeting_guide_feed_at_its_full_address(client, site_pages):
    # The spec asks for this title and "a fully qualified URL".
    link = head(client, site_pages.group_index.url).find("link", attrs={"title": "Meetings Feed"})
    assert link["type"] == "application/json"
    assert link["href"] == "http://testserver/feeds/meeting-guide.json"


def time_values(client, url):
    return [tag["datetime"] for tag in BeautifulSoup(client.get(url).content, "html.parser").find_all("time")]


def test_session_times_are_valid_html_datetimes(client, site_pages, member):
    group = site_pages.groups[0]
    starts_at = timezone.now().replace(microsecond=123456) + datetime.timedelta(hours=3)
    session = GroupSessionFactory(group=group, starts_at=starts_at)
    SessionRegistrationFactory(session=session, member=member)
    client.force_login(member)
    for url in (group.url, "/accounts/sessions/", f"/groups/{group.pk}/sessions/"):
        values = time_values(client, url)
        assert values, url
        for value in values:
            assert HTML_DATETIME.fullmatch(value), (url, value)
