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
"""

import hashlib

from django import template
from django.conf import settings
from django.core.cache import cache

from portal.page_cache import current_version

register = template.Library()


class SharedFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def key(self, context):
        request = context.get("request")
        host = request.get_host() if request is not None else ""
        values = [str(value.resolve(context)) for value in self.vary_on]
        digest = hashlib.sha256("\n".join([host, *values]).encode()).hexdigest()[:32]
        return f"fragment:{current_version()}:{self.name.resolve(context)}:{digest}"

    def render(self, context):
        seconds = settings.PAGE_CACHE_SECONDS
        if seconds <= 0:
            return self.nodelist.render(context)
        key = self.key(context)
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, html, timeout=seconds)
        return html


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
