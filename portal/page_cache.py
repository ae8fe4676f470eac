"""A shared cache of public pages for visitors who are not signed in.

Only responses that opt in are stored: Wagtail pages without view restrictions (marked by the
`before_serve_page` hook in home/wagtail_hooks.py) and views wrapped in `cache_public_response`.
A visitor who carries a session or messages cookie always gets a fresh page, and so does every
request that is not a GET or HEAD. A response that sets a cookie, uses a CSP nonce or says it is
private is never stored, so one person's page can never be handed to another.

Entries are keyed by a content version that lives in the shared cache itself: publishing or
changing content bumps it (portal/signals.py), which invalidates every cached page on every app
server at once. Within a version, a page is keyed by its address and by the query parameters it
really read (QueryReads), so "?utm_source=..." and other junk share the one entry. Entries also expire after PAGE_CACHE_SECONDS, because some of what pages show
("open now", the next sessions) changes with the clock rather than with content.

The version belongs to the code the app server runs (portal/release.py): a deploy starts a new one,
so nothing made by the old templates is served after it, and servers on the old and the new code
keep apart while a deploy goes from one to the next. A version starts at the time it is made, in
microseconds, and only goes up, so no version is ever used twice: not by another release, and not
after the cache has dropped the version itself to make room, while copies made under it remain.

A request reads the content version from the cache once, when it starts (this middleware), and
everything it reads through the cache (shared reads, fragments) is keyed on that: one round trip
instead of one per read. A change made within the request reads it afresh. A change another
server makes meanwhile is seen by the next request; what this one stores goes under the version
it started with, which nobody reads once the version has moved on.
"""

import hashlib
import itertools
import time
from contextvars import ContextVar
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import parse_http_date_safe

from .release import release

MARK = "_page_cache_allowed"
BYPASS_COOKIES = ("sessionid", "messages", "csrftoken")


# The version the request being answered read, in a holder the middleware puts up for it.
_this_request = ContextVar("page_cache_this_request", default=None)
# Versions for requests answered while the cache is away: below zero, and never the same twice.
_unshared = itertools.count(1)


def version_key():
    return f"page-cache:version:{release()}"


def _first_version():
    """Higher than any version made before now: each started at its own time and has gone up by
    one per change since, far fewer than the microseconds that have passed."""
    return time.time_ns() // 1000


def _read_version():
    key = version_key()
    version = cache.get(key)
    if version is None:
        cache.add(key, _first_version(), timeout=None)
        version = cache.get(key)
    if version is None:  # the cache is away: a version of this request's own, shared with nobody
        version = -next(_unshared)
    return version


def version_is_shared(version):
    """False for a version made up while the cache was away: nothing may be kept under it."""
    return version > 0


def current_version():
    holder = _this_request.get()
    if holder is None:
        return _read_version()
    if holder.get("version") is None:
        holder["version"] = _read_version()
    return holder["version"]


def invalidate_all():
    """Make every cached page stale, on every app server sharing this cache."""
    try:
        cache.incr(version_key())
    except ValueError:  # the cache had dropped it: start afresh, above every earlier version
        cache.set(version_key(), _first_version(), timeout=None)
    holder = _this_request.get()
    if holder is not None:
        holder["version"] = None  # read afresh by what this request reads next


def content_changing():
    """Content is being changed: cached pages go stale now, for what the request making the change
    reads next, and again once it is committed, so nothing another server read from the database
    before the commit is kept under the new version."""
    invalidate_all()
    transaction.on_commit(invalidate_all)


def allow_caching(request):
    setattr(request, MARK, True)


def cache_public_response(view):
    """Let a public view's responses be served from the page cache."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        allow_caching(request)
        return view(request, *args, **kwargs)

    return wrapper


def may_use_cache(request):
    if not getattr(settings, "PAGE_CACHE_SECONDS", 0):
        return False
    if request.method not in ("GET", "HEAD"):
        return False
    return not any(name in request.COOKIES for name in BYPASS_COOKIES)


class QueryReads:
    """request.GET, noting which parameters the page reads. A view that reads parameters one by
    one (get, getlist, [], in) is keyed on those only; one that asks whether there are any is also
    keyed on that; one that reads them all (iterates, copies, encodes) is keyed on all of them.

    Why a stored page fits a request that agrees on the parameters it read: a view decides what
    to read next from what it has read so far, so the same values lead to the same reads and the
    same page."""

    def __init__(self, query):
        self._query = query
        self.names = set()
        self.asked_if_any = False
        self.read_everything = False

    def __getitem__(self, name):
        self.names.add(name)
        return self._query[name]

    def __contains__(self, name):
        self.names.add(name)
        return name in self._query

    def get(self, name, default=None):
        self.names.add(name)
        return self._query.get(name, default)

    def getlist(self, name, default=None):
        self.names.add(name)
        return self._query.getlist(name, default)

    def __len__(self):
        self.asked_if_any = True
        return len(self._query)

    def __iter__(self):
        self.read_everything = True
        return iter(self._query)

    def __getattr__(self, name):  # items(), copy(), urlencode(), dict(), lists()...
        self.read_everything = True
        return getattr(self._query, name)

    def record(self):
        if self.read_everything:
            return None
        return tuple(sorted(self.names)), self.asked_if_any


def _digest(*parts):
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def reads_key(request, version):
    """Where the cache notes which parameters this address read when it was last stored."""
    return f"page-cache:{version}:reads:{_digest(request.get_host(), request.path)}"


def cache_key(request, version, reads):
    """The entry for this address and the values of the parameters in `reads` (None: all)."""
    query = request.GET
    if reads is None:
        values = sorted(query.lists())
    else:
        names, asked_if_any = reads
        values = [(name, query.getlist(name)) for name in names]
        if asked_if_any:
            values.append(bool(query))
    return f"page-cache:{version}:{_digest(request.get_host(), request.path, reads, values)}"


def may_store(response):
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies or "nonce-" in response.get("Content-Security-Policy", ""):
        return False
    cache_control = response.get("Cache-Control", "")
    return "private" not in cache_control and "no-store" not in cache_control


class PublicPageCacheMiddleware:
    """Serve stored public pages before sessions, users or templates are touched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        one_read = _this_request.set({})
        try:
            return self.respond(request)
        finally:
            _this_request.reset(one_read)

    def respond(self, request):
        if not may_use_cache(request):
            return self.get_response(request)

        version = current_version()
        index = reads_key(request, version)
        last_reads = cache.get(index, ())
        cached = cache.get(cache_key(request, version, last_reads)) if last_reads != () else None
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            # A feed reader or calendar app that already has this version (If-None-Match or
            # If-Modified-Since against the stored ETag and Last-Modified) gets 304 Not Modified.
            return get_conditional_response(
                request,
                etag=cached.get("ETag"),
                last_modified=parse_http_date_safe(cached.get("Last-Modified")),
                response=cached,
            )

        query = request.GET
        request.GET = reads = QueryReads(query)
        response = self.get_response(request)
        request.GET = query
        if getattr(request, MARK, False) and may_store(response):
            patch_cache_control(response, public=True, max_age=0)
            response["X-Page-Cache"] = "miss"
            record = reads.record()
            timeout = settings.PAGE_CACHE_SECONDS
            cache.set_many({cache_key(request, version, record): response, index: record}, timeout=timeout)
        return response
