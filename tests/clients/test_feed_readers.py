"""News feeds as feed readers and the W3C feed validator read them."""

import feedparser
import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
TYPED_BY_AN_EDITOR = "Tea & cake at the <Net Loft> for everyone: 1 < 2 & 3 > 2"


def as_text(summary_detail):
    """What a reader shows: HTML summaries are rendered, text ones shown as they are."""
    if summary_detail.type == "text/html":
        return BeautifulSoup(summary_detail.value, "html.parser").get_text()
    return summary_detail.value


@pytest.mark.parametrize("url", ["/feeds/news.rss", "/feeds/news.atom"])
def test_an_ampersand_and_angle_brackets_in_a_summary_read_as_typed(client, portal, url):
    story = portal.news[0]
    story.summary = TYPED_BY_AN_EDITOR
    story.save()
    feed = feedparser.parse(client.get(url).content)
    assert not feed.bozo, feed.bozo_exception
    (entry,) = [entry for entry in feed.entries if entry.title == story.title]
    assert as_text(entry.summary_detail) == TYPED_BY_AN_EDITOR


def test_the_atom_feed_has_what_the_validator_requires(client, portal):
    """RFC 4287: a feed has an id, a title, an updated date and an author, unless every entry has
    its own; each entry has an id, a title, an updated date and a link."""
    root = ElementTree.fromstring(client.get("/feeds/news.atom").content)
    for element in ("id", "title", "updated"):
        assert root.findtext(f"{ATOM}{element}"), element
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "Testbay Recovery Network"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(portal.news)
    for entry in entries:
        for element in ("id", "title", "updated"):
            assert entry.findtext(f"{ATOM}{element}"), element
        assert entry.find(f"{ATOM}link").get("href").startswith("http")
    assert feedparser.parse(client.get("/feeds/news.atom").content).feed.author == "Testbay Recovery Network"
