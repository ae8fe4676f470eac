from django import template
from django.core.cache import cache
from django.urls import reverse
from wagtail.models import Site

from portal.page_cache import current_version

register = template.Library()

# Sections that are not Wagtail pages, after the pages editors put in the menu.
APP_SECTIONS = [
    ("Have your say", "consultations:list"),
    ("You said, we did", "consultations:you_said_we_did"),
]


def cached_for_content(name, site, compute):
    """Links that only change when content does: kept until the content version moves on."""
    key = f"{name}:{current_version()}:{site.pk}"
    return cache.get_or_set(key, compute, timeout=60 * 60)


def section_is_current(request_path, url):
    if url == "/":
        return request_path == "/"
    return request_path.startswith(url)


@register.inclusion_tag("includes/navigation.html", takes_context=True)
def main_navigation(context):
    """The pages editors ticked "Show in menus" for, then the portal's own sections."""
    request = context["request"]
    site = Site.find_for_request(request)
    items = []
    if site is not None:
        items += cached_for_content(
            "navigation",
            site,
            lambda: [(page.title, page.url) for page in site.root_page.get_children().live().in_menu()],
        )
    items += [(label, reverse(url_name)) for label, url_name in APP_SECTIONS]
    return {
        "items": [
            {"label": label, "url": url, "current": section_is_current(request.path, url)}
            for label, url in items
        ]
    }


@register.inclusion_tag("includes/footer_links.html", takes_context=True)
def footer_links(context):
    """About, privacy, accessibility and the like: every live standard page on the site."""
    from network.models import StandardPage

    site = Site.find_for_request(context["request"])
    if site is None:
        return {"pages": []}
    pages = cached_for_content(
        "footer-links",
        site,
        lambda: [
            (page.title, page.url)
            for page in StandardPage.objects.live().descendant_of(site.root_page).order_by("path")
        ],
    )
    return {"pages": pages}
