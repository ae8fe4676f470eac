from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from .crawlers import robots_txt, sitemap
from .health import health
from .views import not_found, privacy_notice, staying_safe_online

urlpatterns = [
    # Before Wagtail's own: its sign-in and password reset pages only send people to allauth's.
    path("", include("portal.sign_in_paths")),
    # Wagtail's page that fails on purpose, to test error reports: nobody needs a 500 on demand.
    path("admin/failwhale/", not_found),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("accounts/", include("accounts.urls")),
    path("", include("network.urls")),
    path("consultations/", include("consultations.urls")),
    path("safeguarding/", include("safeguarding.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("health/", health, name="health"),
    path("privacy/", privacy_notice, name="privacy_notice"),
    path("staying-safe-online/", staying_safe_online, name="staying_safe_online"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
