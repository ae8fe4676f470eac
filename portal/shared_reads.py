"""What nearly every page reads and almost never changes, read once and shared by every app
server through the cache: the Wagtail site a request is for, and site settings.

Entries carry the content version (portal.page_cache): saving a site or the settings bumps it
(portal/signals.py), so every app server reads them afresh at once. If the cache is away, they
are read from the database as before.

Each app server also keeps its own copy of each entry it read (portal/kept_here.py), used while
the content version it has just read is the one the copy was made under: the site, its settings,
the menu and the footer's links were four round trips to Redis on every signed-in page. A copy
is kept pickled, and each request gets its own unpickled object, as from the cache: a view that
changes the object it was given (a settings form that does not validate) changes nobody else's.
"""

import pickle

from django.core.cache import cache
from django.core.exceptions import DisallowedHost

from .kept_here import KeptHere
from .page_cache import content_changing, current_version, version_is_shared

KEEP_SECONDS = 3600
here = KeptHere(at_most=64)


def _key(version, name):
    return f"shared:{version}:{name}"


def _kept(key, version):
    kept = here.get(key, version)
    return None if kept is None else pickle.loads(kept)  # noqa: S301 (pickled here, by this process)


def _keep(key, version, value):
    if version_is_shared(version):  # while the cache is away, every version is new: keep nothing
        here.keep(key, version, pickle.dumps(value))


def _read(key, version):
    value = _kept(key, version)
    if value is None:
        value = cache.get(key)
        if value is not None:
            _keep(key, version, value)
    return value


def _store(key, version, value):
    cache.set(key, value, timeout=KEEP_SECONDS)
    _keep(key, version, value)


def remember(name, make):
    """The value stored under `name` for the current content version; made (and stored) if none.
    It is not stored if the content changed meanwhile: it may be the old value."""
    version = current_version()
    key = _key(version, name)
    value = _read(key, version)
    if value is None:
        value = make()
        if value is not None and current_version() == version:
            _store(key, version, value)
    return value


class SharedSiteSetting:
    """A Wagtail site setting (put before BaseSiteSetting) read once and shared through the cache.
    Changing it moves the content version on, so every app server reads it afresh at once. (Its
    first save, when it is first read, only writes down the defaults: nothing to refresh.)"""

    def save(self, *args, **kwargs):
        first_save = self._state.adding
        super().save(*args, **kwargs)
        if not first_save:
            content_changing()

    @classmethod
    def for_site(cls, site):
        if site is None:
            return super().for_site(site)
        return remember(
            f"{cls._meta.label_lower}:{site.pk}", lambda: super(SharedSiteSetting, cls).for_site(site)
        )


class SiteMiddleware:
    """Give Wagtail the request's site from the cache (Site.find_for_request reads
    request._wagtail_site first). When the cache does not have it, nothing is read here: if the
    view needed the site, Wagtail found it, and it is kept for the requests after."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            name = f"site:{request.get_host()}:{request.get_port()}"
        except DisallowedHost:
            return self.get_response(request)  # Django answers 400 further in
        version = current_version()
        site = _read(_key(version, name), version)
        if site is not None:
            request._wagtail_site = site
            return self.get_response(request)
        response = self.get_response(request)
        found = getattr(request, "_wagtail_site", None)
        if found is not None and current_version() == version:
            _store(_key(version, name), version, found)
        return response
