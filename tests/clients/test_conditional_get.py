"""Calendar apps and feed readers poll, and most polls find nothing new: those are answered 304 Not
Modified, from the page cache when it holds the feed, and a change is always a full answer."""

import datetime

import pytest

from tests.factories.network import OpeningExceptionFactory

pytestmark = pytest.mark.django_db
FEEDS = ["news.rss", "news.atom", "groups.ics", "group.ics", "drop-in.ics", "meeting-guide.json"]


def feed_url(portal, feed):
    return {
        "group.ics": f"/feeds/groups/{portal.groups[0].pk}.ics",
        "drop-in.ics": f"/feeds/drop-in/{portal.drop_in.pk}.ics",
    }.get(feed, f"/feeds/{feed}")


def change_everything(portal):
    """One change that every feed shows."""
    story = portal.news[0]
    story.summary = "Plans for the summer, with thanks to everyone who came."
    story.save()
    group = portal.groups[0]
    group.summary = "A friendly group. This month we are planning the garden."
    group.save()
    OpeningExceptionFactory(
        venue=portal.venue, start_date=datetime.date(2027, 4, 2), end_date=datetime.date(2027, 4, 2)
    )


@pytest.mark.parametrize("feed", FEEDS)
def test_a_poll_that_finds_nothing_new_is_answered_not_modified(client, portal, feed):
    url = feed_url(portal, feed)
    first = client.get(url)
    assert first.status_code == 200
    assert first["ETag"] and first["Last-Modified"]
    by_tag = client.get(url, headers={"if-none-match": first["ETag"]})
    assert by_tag.status_code == 304
    assert by_tag.content == b""
    assert by_tag["ETag"] == first["ETag"]
    assert client.get(url, headers={"if-modified-since": first["Last-Modified"]}).status_code == 304
    assert client.head(url, headers={"if-none-match": first["ETag"]}).status_code == 304


@pytest.mark.parametrize("feed", FEEDS)
def test_a_poll_after_a_change_gets_the_new_feed(client, portal, feed):
    url = feed_url(portal, feed)
    first = client.get(url)
    change_everything(portal)
    by_tag = client.get(url, headers={"if-none-match": first["ETag"]})
    assert by_tag.status_code == 200
    assert by_tag["ETag"] != first["ETag"]
    by_date = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
    assert by_date.status_code == 200
    assert by_date.content == by_tag.content


@pytest.mark.parametrize("feed", FEEDS)
def test_the_page_cache_answers_a_matching_poll_without_the_database(
    client, portal, feed, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 60
    url = feed_url(portal, feed)
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        by_tag = client.get(url, headers={"if-none-match": first["ETag"]})
        by_date = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
        other_tag = client.get(url, headers={"if-none-match": '"something-else"'})
    assert (by_tag.status_code, by_date.status_code) == (304, 304)
    assert other_tag.status_code == 200
    assert other_tag.content == first.content
