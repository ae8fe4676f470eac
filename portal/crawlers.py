"""What search engines' crawlers read first: robots.txt and the sitemap, both on the site's public
address (portal.public_address) rather than Wagtail's Site record or the address a request used."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from .public_address import on_public_address, public_base_url

# Pages for signed-in people (or that only make sense to them): a crawler would only find sign-in
# redirects and 403s there. "*" matches any run of characters (RFC 9309).
DISALLOWED = [
    "/_util/",
    "/accounts/",
    "/admin/",
    "/consultations/",
    "/groups/*/ask-to-join/",
    "/groups/*/sessions/",
    "/groups/join-requests/",
    "/groups/sessions/",
    "/groups/yours/",
    # Results pages say noindex; there is nothing on them that the pages themselves do not hold.
    "/search/",
]
# Public pages inside an area that is otherwise for signed-in people. The longest matching rule
# wins (RFC 9309), so these beat "/consultations/".
ALLOWED = ["/consultations/you-said-we-did/"]


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        *(f"Allow: {path}" for path in ALLOWED),
        *(f"Disallow: {path}" for path in DISALLOWED),
        "",
        f"Sitemap: {public_base_url()}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class PublicAddressSitemap(Sitemap):
    """Wagtail's sitemap of live, public pages, with each address moved to the public one: Wagtail
    builds them from the Site record, which the data migration leaves as localhost on port 80."""

    def get_urls(self, page=1, site=None, protocol=None):
        return [
            {**url, "location": on_public_address(url["location"])}
            for url in super().get_urls(page=page, site=site, protocol=protocol)
        ]


def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"wagtail": PublicAddressSitemap})
