from django import template
from wagtail.models import Site

from network.models import StandardPage
from portal.models import page_url
from portal.shared_reads import remember

register = template.Library()


def cached_for_content(name, site, compute):
    """Links that only change when content does: kept until the content version moves on."""
    return remember(f"{name}:{site.pk}", compute)


def current_section(request_path, urls):
    """The menu link for the part of the site the page is in: the longest that the path starts
    with, so "You said, we did" (/consultations/you-said-we-did/) is not also "Have your say"."""
    matching = [url for url in urls if request_path == url or (url != "/" and request_path.startswith(url))]
    return max(matching, key=len, default=None)


@register.inclusion_tag("includes/navigation.html", takes_context=True)
def main_navigation(context):
    """The pages editors ticked "Show in menus" for, in the tree's order ("Have your say" and "You
    said, we did" are pages too, drawn by consultations' views)."""
    request = context["request"]
    site = Site.find_for_request(request)
    items = []
    if site is not None:
        items += cached_for_content(
            "navigation",
            site,
            lambda: [
                (page.title, page_url(page))
                for page in site.root_page.get_children().live().in_menu().select_related("content_type")
            ],
        )
    current = current_section(request.path, [url for _label, url in items])
    return {"items": [{"label": label, "url": url, "current": url == current} for label, url in items]}


@register.inclusion_tag("includes/footer_links.html", takes_context=True)
def footer_links(context):
    """About, privacy, accessibility and the like: every live standard page on the site."""
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
