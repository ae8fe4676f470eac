"""The Meeting Guide JSON feed of groups (github.com/code4recovery/spec), for meeting-finder apps."""

from datetime import UTC

from django.http import JsonResponse
from django.utils import timezone

from portal.models import NetworkSettings

from ..models.choices import Audience, Frequency
from ..selectors import public_groups
from .shared import CALENDAR_TIMEZONE, ONLINE_LINK_NOTE


# Meeting Guide (code4recovery) numbers days from Sunday = 0; ours start Monday = 0.
def meeting_guide_day(weekday):
    return (weekday + 1) % 7


def meeting_guide_types(group):
    types = []
    if group.audience == Audience.EVERYONE:
        types.append("O")
    if group.audience == Audience.WOMEN:
        types.append("W")
    if group.meets_online:
        types.append("ONL")
    if group.meets_in_person and group.venue and group.venue.step_free_access:
        types.append("X")
    return types


def meeting_guide_entry(request, group, area):
    entry = {
        "name": group.title,
        # Unique and at most 64 characters, as the spec asks.
        "slug": f"{group.slug[:50]}-{group.pk}",
        "day": meeting_guide_day(group.weekday),
        "time": f"{group.start_time:%H:%M}",
        "end_time": f"{group.end_time:%H:%M}",
        "timezone": CALENDAR_TIMEZONE,
        "types": meeting_guide_types(group),
        "notes": group.summary,
        "url": request.build_absolute_uri(group.url),
        "updated": (group.last_published_at or timezone.now()).astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"),
    }
    if group.meets_in_person and group.venue:
        entry["location"] = group.venue.name
        entry["formatted_address"] = group.venue.one_line_address
        entry["approximate"] = "no"
    else:
        # Online only: the spec asks for an approximate place of origin, and the link stays private.
        entry["formatted_address"] = area
        entry["approximate"] = "yes"
    if group.meets_online:
        entry["conference_url_notes"] = str(ONLINE_LINK_NOTE)
    return entry


def approximate_area(request):
    """The town from the network's address: the line before the postcode."""
    network = NetworkSettings.for_request(request)
    lines = [line.strip() for line in network.address.splitlines() if line.strip()]
    return lines[-2] if len(lines) >= 2 else network.organisation_name


def meeting_guide(request):
    """Weekly groups only: the spec is for weekly meetings, so fortnightly and monthly ones are left out."""
    groups = (
        public_groups()
        .filter(frequency=Frequency.WEEKLY)
        .select_related("venue")
        .order_by("weekday", "start_time")
    )
    entries = [meeting_guide_entry(request, group, approximate_area(request)) for group in groups]
    response = JsonResponse(entries, safe=False, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response
