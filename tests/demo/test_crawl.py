"""Follow every link a visitor or member can see on the demo site (built once: conftest.py).

Each link must lead somewhere that works for the person who was shown it (never a 404, a 403
or a 500), and every page must survive nonsense in its query string without a server error.
"""

from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

pytestmark = pytest.mark.django_db

# The Wagtail admin has its own tests; signing out would end the crawl.
NOT_CRAWLED = ("/admin/", "/documents/", "/accounts/logout/")
PAGE_LIMIT = 300
NONSENSE = "page=abc&day=99&tag=%00&q=%22%29%28*&status=%3Cb%3E&theme=-1&format=x&next=//evil.example"


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)


def internal_links(html):
    parser = LinkParser()
    parser.feed(html)
    for href in parser.links:
        url, _fragment = urldefrag(href)
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        if parts.path.startswith(NOT_CRAWLED):
            continue
        yield url


def crawl(client, start_urls):
    """Every internal URL reachable by links from the start URLs, with the page that linked it;
    the problems found on the way; and which of the URLs are HTML pages."""
    seen = dict.fromkeys(start_urls, "start")
    queue = list(start_urls)
    problems = []
    html_pages = []
    while queue and len(seen) < PAGE_LIMIT:
        url = queue.pop(0)
        response = client.get(url, follow=True)
        if response.status_code != 200:
            problems.append(f"{url} (linked from {seen[url]}) answered {response.status_code}")
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        html_pages.append(url)
        for link in internal_links(response.content.decode()):
            if link not in seen:
                seen[link] = url
                queue.append(link)
    return seen, problems, html_pages


ROLES = {
    "visitor": (None, ["/", "/search/?q=group"]),
    "member": ("member@example.org", ["/", "/consultations/", "/consultations/your-contributions/"]),
    "facilitator": ("facilitator@example.org", ["/", "/consultations/moderation/"]),
    "board representative": (
        "board@example.org",
        ["/", "/consultations/board/", "/consultations/board/downloads/"],
    ),
}


@pytest.mark.parametrize("role", ROLES)
def test_every_link_works_and_no_page_breaks_on_nonsense(demo, role):
    email, start_urls = ROLES[role]
    client = Client()
    if email:
        client.force_login(get_user_model().objects.get(email=email))
    seen, problems, _html_pages = crawl(client, start_urls)
    assert not problems, "\n".join(problems)
    assert len(seen) > 25, f"only {len(seen)} pages were reachable for a {role}"

    broken = []
    for url in seen:
        joiner = "&" if "?" in url else "?"
        response = client.get(f"{url}{joiner}{NONSENSE}")
        if response.status_code >= 500:
            broken.append(f"{url} answered {response.status_code} to nonsense in the query string")
    assert not broken, "\n".join(broken)
