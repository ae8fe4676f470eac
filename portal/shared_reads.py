"""What nearly every page reads and almost never changes, read once and shared by every app
server through the cache: the Wagtail site a request is for, and the site-wide settings.

Entries carry the content version (portal.page_cache): saving a site or the settings bumps it
(portal/signals.py), so every app server reads them afresh at once. If the cache is away, they
are read from the database as before.
"""

from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from wagtail.models import Site

from .page_cache import current_version

KEEP_SECONDS = 3600


def remember(name, make):
    """The value stored under `name` for the current content version; made (and stored) if none."""
    value = cache.get(f"shared:{current_version()}:{name}")
    if value is None:
        value = make()
        if value is not None:
            # Under the version after making it: making may have saved (the settings' first read
            # creates their row), which moves the version on.
            cache.set(f"shared:{current_version()}:{name}", value, timeout=KEEP_SECONDS)
    return value


class SiteMiddleware:
    """Give Wagtail the request's site from the cache (Site.find_for_request reads
    request._wagtail_site first), so pages do not ask the database for it every time."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            host = request.get_host()
        except DisallowedHost:
            return self.get_response(request)  # Django answers 400 further in
        site = remember(f"site:{host}:{request.get_port()}", lambda: Site.find_for_request(request))
        if site is not None:
            request._wagtail_site = site
        return self.get_response(request)
