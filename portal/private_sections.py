"""Where the site's private sections are, read once per content version and shared.

A page is private when it or one of its ancestors has a view restriction (Wagtail's privacy
setting). Wagtail asks the database each time: two queries for every page served (its ancestors,
then their restrictions) and one for every listing of public pages (`public()`). Yet most sites
have no private section, or a handful that seldom change. So the addresses (tree paths) of the
restricted pages, and of alias pages (whose restrictions are their source page's), are read once
and shared through the cache under the content version (portal.shared_reads): adding, changing or
removing a restriction, an alias or a page moves that version on (portal/signals.py), so every app
server reads them afresh at once.

With them a page that no restriction can reach is known to be public without a query, and a
listing leaves out private sections without reading them. Where a restriction or an alias may
apply, Wagtail reads the restrictions from the database as before.
"""

import operator
from functools import reduce

from django.db.models import Q
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

from .shared_reads import remember


def _read():
    restricted = tuple(
        PageViewRestriction.objects.order_by("page__path").values_list("page__path", "page__depth").distinct()
    )
    aliases = tuple(
        Page.objects.filter(alias_of__isnull=False).order_by("path").values_list("path", flat=True)
    )
    return restricted, aliases


def private_sections():
    """(((path, depth) of each restricted page), (path of each alias page))."""
    return remember("private-sections", _read)


def no_restriction_reaches(page):
    """True when no view restriction can apply to `page`: none on it or its ancestors, and
    neither it nor an ancestor is an alias (whose source page's restrictions would apply)."""
    if not page.path:  # a page not yet in the tree (a new page's preview)
        return False
    restricted, aliases = private_sections()
    return not any(page.path.startswith(path) for path, _depth in restricted) and not any(
        page.path.startswith(path) for path in aliases
    )


def private_q():
    """A Q for pages in a private section (a restricted page and what is under it), from the
    shared paths: Wagtail's `PageQuerySet.private_q`, which reads every restriction, without a
    query. With no private section it matches no page."""
    restricted, _aliases = private_sections()
    sections = [Q(path__startswith=path, depth__gte=depth) for path, depth in restricted]
    return reduce(operator.or_, sections) if sections else Q(pk__in=[])


class PortalPageQuerySet(PageQuerySet):
    def private_q(self):
        return private_q()


PortalPageManager = PageManager.from_queryset(PortalPageQuerySet)
