"""What more than one feed format says."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from portal.models import NetworkSettings

CALENDAR_TIMEZONE = "Europe/London"
ONLINE_LINK_NOTE = _("Online. The link is sent to registered members before each session.")


def organisation_name(request):
    site = Site.find_for_request(request)
    return NetworkSettings.for_site(site).organisation_name if site else ""
