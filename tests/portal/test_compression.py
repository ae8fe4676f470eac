"""Pages go compressed to browsers that accept it; files that are compressed already go as they are."""

import gzip

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from portal.compression import TextCompressionMiddleware
from tests.factories.network import public_site

pytestmark = pytest.mark.django_db


def test_a_page_is_gzipped_for_a_browser_that_accepts_it_and_reads_the_same(
    client, home_page, network_settings
):
    public_site(home_page, groups=1, news=1)
    plain = client.get("/")
    packed = client.get("/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert int(packed["Content-Length"]) < len(plain.content) / 3
    # Read back by Python's gzip module, not by what wrote it. (The CSRF token differs each time.)
    page = gzip.decompress(packed.content).decode()
    assert page.startswith("<!DOCTYPE html>") and network_settings.organisation_name in page


def test_the_news_feed_is_gzipped_too(client, home_page, network_settings):
    public_site(home_page, groups=0, news=3)
    feed = client.get("/feeds/news.rss", HTTP_ACCEPT_ENCODING="gzip")
    assert feed["Content-Encoding"] == "gzip"
    assert b"<rss" in gzip.decompress(feed.content)


@pytest.mark.parametrize(
    "content_type",
    ["application/pdf", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "image/png"],
)
def test_files_that_are_compressed_already_go_as_they_are(content_type):
    body = b"%PDF-1.7 " + b"x" * 5000
    middleware = TextCompressionMiddleware(lambda request: HttpResponse(body, content_type=content_type))
    response = middleware(RequestFactory().get("/file", HTTP_ACCEPT_ENCODING="gzip"))
    assert "Content-Encoding" not in response
    assert response.content == body
