"""The site's public address, from WAGTAILADMIN_BASE_URL (the address the README asks operators to
set, and the one emails already link to).

Used wherever an address must not depend on how a request reached the server: calendar UIDs, which
calendar apps match events by, and the sitemap and robots.txt, which crawlers keep. A request's Host
header differs with the route in (`127.0.0.1:8103` or `localhost:8103`), and Wagtail's Site record
says `localhost` on port 80 until someone edits it.
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings


def public_base_url():
    """The scheme and host, with the port when it is not the scheme's usual one: https://example.org"""
    parts = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    return urlunsplit((parts.scheme, parts.netloc, "", "", ""))


def public_host():
    """The host name alone, for identifiers: example.org"""
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname


def on_public_address(url):
    """The same path and query on the public address."""
    public = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    return urlunsplit(urlsplit(url)._replace(scheme=public.scheme, netloc=public.netloc))
