"""Conditional GET for feeds: calendar apps and feed readers poll, and most polls find nothing new.

Every feed answers with a strong ETag made from its body, and with a Last-Modified date, and
answers 304 Not Modified to a poll that already has this body (If-None-Match, or If-Modified-Since
from clients that only send that). The page cache answers the same way when it serves a stored feed.

Last-Modified cannot come from the database: nothing there dates every change a feed shows (a
cancelled session, a closure, a renamed organisation, a story taken down). So it is the time this
site first served the current body at this address, kept in the shared cache. If that record is
lost (Redis restarted, or away), the date moves later, which costs a reader one full download and
never tells it to keep an old feed.
"""

import hashlib
import time
from functools import wraps

from django.core.cache import cache
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.http import http_date

CHANGES_KEY = "feed-changed:{}"
# Long enough to outlast readers' polling; an expired record only means one full download.
CHANGES_KEPT_SECONDS = 60 * 60 * 24 * 30


def last_changed(request, etag):
    """When the body with this ETag was first served at this address, in seconds since the epoch."""
    address = f"{request.get_host()}{request.path}"
    key = CHANGES_KEY.format(hashlib.sha256(address.encode()).hexdigest())
    seen = cache.get(key)
    if seen and seen[0] == etag:
        return seen[1]
    changed_at = int(time.time())
    if seen:
        # HTTP dates count whole seconds: two changes in one second must still get different dates,
        # or a reader holding the first would be told the second is not new.
        changed_at = max(changed_at, seen[1] + 1)
    cache.set(key, (etag, changed_at), timeout=CHANGES_KEPT_SECONDS)
    return changed_at


def answer_conditionally(request, response):
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    set_response_etag(response)
    changed_at = last_changed(request, response["ETag"])
    response["Last-Modified"] = http_date(changed_at)
    return get_conditional_response(
        request, etag=response["ETag"], last_modified=changed_at, response=response
    )


def conditional_feed(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return answer_conditionally(request, view(request, *args, **kwargs))

    return wrapper
