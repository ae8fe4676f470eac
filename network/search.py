"""Site search: the pages, and the support services that come to the drop-in.

Services are snippets, not pages, so searching pages alone never found "money advice". Each is a
result of its own, linking to the drop-in page that lists when it comes. A result says what kind of
thing it is, and gives a short summary, so people can tell results apart without opening each one.
The words people search for are never stored or logged.
"""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from portal.times import clock

from .models import DropInPage, ServiceVisit, SupportService

SUMMARY_WORDS = 30
# What a page is, in a word or two; other kinds say their own name ("'Have your say' page").
PAGE_KINDS = {
    "home.homepage": _("Home page"),
    "network.newspage": _("News"),
    "network.newsindexpage": _("News"),
    "network.grouppage": _("Group"),
    "network.groupindexpage": _("Groups"),
    "network.dropinpage": _("Drop-in"),
    "network.standardpage": _("Page"),
}
SERVICE_KIND = _("Service at the drop-in")


@dataclass(frozen=True)
class Result:
    title: str
    url: str
    kind: str
    summary: str = ""
    when: str = ""


def page_kind(page):
    label = f"{page._meta.app_label}.{page._meta.model_name}"
    return PAGE_KINDS.get(label) or capfirst(page._meta.verbose_name)


def page_summary(page):
    for field in ("search_description", "introduction", "summary"):
        text = getattr(page, field, "") or ""
        if text.strip():
            return Truncator(text.strip()).words(SUMMARY_WORDS)
    return ""


def page_results(words):
    """Live, public pages with all of `words`, as their own types (one query per type found)."""
    return Page.objects.live().public().exclude(depth__lte=1).specific().search(words, operator="and")


def page_result(page, request):
    return Result(
        title=page.title, url=page.get_url(request), kind=page_kind(page), summary=page_summary(page)
    )


def service_results(words, request):
    """Support services with all of `words` in their name, description or what they help with."""
    found = [service.pk for service in get_search_backend().search(words, SupportService, operator="and")]
    if not found:
        return []
    visits = ServiceVisit.objects.select_related("venue").order_by("weekday", "starts")
    services = SupportService.objects.filter(pk__in=found).prefetch_related(
        Prefetch("visits", queryset=visits)
    )
    services = list(services)
    venue_ids = {visit.venue_id for service in services for visit in service.visits.all()}
    drop_in_pages = {
        page.venue_id: page for page in DropInPage.objects.live().public().filter(venue_id__in=venue_ids)
    }
    results = []
    for service in services:
        visits = [visit for visit in service.visits.all() if visit.venue_id in drop_in_pages]
        if not visits:
            continue
        when = "; ".join(
            _("%(day)s, %(starts)s to %(ends)s at %(venue)s")
            % {
                "day": visit.get_weekday_display(),
                "starts": clock(visit.starts),
                "ends": clock(visit.ends),
                "venue": visit.venue.name,
            }
            for visit in visits
        )
        page = drop_in_pages[visits[0].venue_id]
        results.append(
            Result(
                title=service.name,
                url=f"{page.get_url(request)}#services",
                kind=SERVICE_KIND,
                summary=Truncator(service.description).words(SUMMARY_WORDS),
                when=when,
            )
        )
    return results
