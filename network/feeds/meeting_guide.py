"""The Meeting Guide JSON feed (github.com/code4recovery/spec), read by meeting finders such as the
Meeting Guide app and TSML UI.

Which groups are in it, and why:

- Only groups people can just turn up to. A finder lists meetings to go to; a group you join by
  referral or invite would be shown as somewhere to turn up, and would be listed as "Open" (`O`).
- Only groups that meet in person. The spec says "Online meetings must have either a
  `conference_url` and/or `conference_phone` field to be considered active", and a `conference_url`
  "should launch directly into the meeting and not link to an intermediary page". The portal never
  publishes the link, so an online-only group could only ever be shown as inactive, which tells
  people it has stopped. Groups that also meet online (hybrid) are in, as in-person meetings, with
  a note that the link goes to registered members.
- Only weekly groups. "The Meeting Guide spec is to be used for weekly meetings only. It is
  recommended to use a separate page to list monthly or non-recurring meetings." A fortnightly group
  listed as weekly would send people to a closed door every other week, so fortnightly and monthly
  groups are left out; they are on the groups page and in the groups calendar, which is that
  separate page.

Types are codes from the spec's list only ("ONL" is not one of them: finders work out that a
meeting is online from its conference fields).
"""

from datetime import UTC

from django.http import JsonResponse

from ..models.choices import Audience, Format, Frequency, HowToJoin
from ..selectors import public_groups
from .conditional import conditional_feed
from .shared import CALENDAR_TIMEZONE, online_note

# The network is in the UK; addresses are written without the country, as UK postal addresses are.
COUNTRY = "UK"
# The spec asks for slugs of at most 64 characters; the group's number keeps them unique.
SLUG_TEXT_LENGTH = 50
# "Only five decimal places of precision are necessary here (1.11m)."
COORDINATE_PLACES = 5
OPEN, WOMEN, WHEELCHAIR_ACCESS = "O", "W", "X"


def listed_groups():
    """Weekly groups that meet in person and that anyone can just turn up to."""
    return (
        public_groups()
        .filter(
            frequency=Frequency.WEEKLY,
            how_to_join=HowToJoin.JUST_TURN_UP,
            format__in=Format.meeting_in_person(),
            venue__isnull=False,
        )
        .select_related("venue")
        .order_by("weekday", "start_time", "pk")
    )


# Meeting Guide numbers days from Sunday = 0; ours start Monday = 0.
def meeting_guide_day(weekday):
    return (weekday + 1) % 7


def meeting_guide_types(group):
    types = []
    if group.audience == Audience.EVERYONE:
        types.append(OPEN)
    elif group.audience == Audience.WOMEN:
        types.append(WOMEN)
    if group.venue.step_free_access:
        types.append(WHEELCHAIR_ACCESS)
    return types


def meeting_guide_entry(request, group):
    venue = group.venue
    entry = {
        "name": group.title,
        "slug": f"{group.slug[:SLUG_TEXT_LENGTH]}-{group.pk}",
        "day": meeting_guide_day(group.weekday),
        "time": f"{group.start_time:%H:%M}",
        "end_time": f"{group.end_time:%H:%M}",
        "timezone": CALENDAR_TIMEZONE,
        "types": meeting_guide_types(group),
        "notes": "\n\n".join(filter(None, [group.summary, online_note(group)])),
        "url": request.build_absolute_uri(group.get_url(request)),
        "location": venue.name,
        "formatted_address": ", ".join([*venue.address_lines, COUNTRY]),
        "approximate": "no",
    }
    if venue.latitude is not None and venue.longitude is not None:
        entry["latitude"] = round(float(venue.latitude), COORDINATE_PLACES)
        entry["longitude"] = round(float(venue.longitude), COORDINATE_PLACES)
    if group.last_published_at:
        entry["updated"] = group.last_published_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
    return entry


@conditional_feed
def meeting_guide(request):
    entries = [meeting_guide_entry(request, group) for group in listed_groups()]
    response = JsonResponse(entries, safe=False, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response
