"""Parts of signed-in pages that are the same for everyone, kept in the shared cache.

    {% load shared_fragments %}
    {% shared_fragment "home-listings" user.is_authenticated %} ... {% endshared_fragment %}

The part is kept for PAGE_CACHE_SECONDS under the page cache's content version
(portal/page_cache.py), so publishing or changing content shows at once, on every app server,
exactly as it does for the cached pages visitors get; and what changes with the clock ("open
now", the next sessions) is at most as old as a visitor's cached page. The values after the name
say what else the part depends on (whether someone is signed in, say): never put anything about
one person inside, since everyone with the same values gets the same copy.

Reads the part needs should be lazy (a listing object with cached properties, a queryset), so
that a copy from the cache costs no queries at all.

Each app server also keeps its own copy of the parts it read (portal/kept_here.py), with the time
the part was made: it is used while the content version is the same and the part is younger
than PAGE_CACHE_SECONDS, just as the shared copy would be, without a round trip to Redis.
"""

import hashlib
import time

from django import template
from django.conf import settings
from django.core.cache import cache

from portal.kept_here import KeptHere
from portal.page_cache import current_version, version_is_shared

register = template.Library()
here = KeptHere(at_most=64)


def _fresh(copy, seconds):
    """The part's HTML, if `copy` is (made at, HTML) and not older than `seconds`."""
    if isinstance(copy, tuple) and len(copy) == 2 and time.time() < copy[0] + seconds:
        return copy[1]
    return None


class SharedFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def key(self, context, version):
        request = context.get("request")
        host = request.get_host() if request is not None else ""
        values = [str(value.resolve(context)) for value in self.vary_on]
        digest = hashlib.sha256("\n".join([host, *values]).encode()).hexdigest()[:32]
        return f"fragment:{version}:{self.name.resolve(context)}:{digest}"

    def render(self, context):
        seconds = settings.PAGE_CACHE_SECONDS
        if seconds <= 0:
            return self.nodelist.render(context)
        version = current_version()
        key = self.key(context, version)
        html = _fresh(here.get(key, version), seconds)
        if html is not None:
            return html
        copy = cache.get(key)
        if _fresh(copy, seconds) is None:
            copy = (time.time(), self.nodelist.render(context))
            cache.set(key, copy, timeout=seconds)
        if version_is_shared(version):
            here.keep(key, version, copy)
        return copy[1]


@register.tag
def shared_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("shared_fragment needs a name")
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]]
    )
