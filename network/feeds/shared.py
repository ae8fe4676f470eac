"""What more than one feed format says."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from portal.models import NetworkSettings

CALENDAR_TIMEZONE = "Europe/London"
ONLINE_LINK_NOTE = _("Online. The link is sent to registered members before each session.")
ALSO_ONLINE_NOTE = _("You can also join online. The link is sent to registered members before each session.")


def online_note(group):
    """What a feed says instead of the online link, which only registered members are sent."""
    if not group.meets_online:
        return ""
    return str(ALSO_ONLINE_NOTE if group.meets_in_person else ONLINE_LINK_NOTE)


def organisation_name(request):
    site = Site.find_for_request(request)
    return NetworkSettings.for_site(site).organisation_name if site else ""
