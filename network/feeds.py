"""Feeds: iCalendar (groups, drop-in hours), the Meeting Guide JSON of groups, and news RSS/Atom.

No feed ever carries an online meeting link: those go only to registered members.
"""

from datetime import UTC, datetime, time, timedelta

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vRecur
from wagtail.models import Site

from portal.models import NetworkSettings

from .group_schedule import meeting_times, recurrence_rule
from .models import DropInPage, GroupSession, NewsIndexPage, NewsPage, Venue
from .models.choices import Audience, Frequency
from .opening_hours import LONDON, hours_on
from .selectors import public_groups

CALENDAR_TIMEZONE = "Europe/London"
ONLINE_LINK_NOTE = _("Online. The link is sent to registered members before each session.")
NEWS_ITEMS_IN_FEED = 20
DROP_IN_FEED_DAYS = 90


def organisation_name(request):
    site = Site.find_for_request(request)
    return NetworkSettings.for_site(site).organisation_name if site else ""


def new_calendar(request, name):
    calendar = Calendar()
    calendar.add("prodid", f"-//{organisation_name(request)}//Network portal//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", CALENDAR_TIMEZONE)
    return calendar


def calendar_response(calendar, filename):
    # VTIMEZONE components for every TZID used, so calendars need not know Europe/London's rules.
    calendar.add_missing_timezones()
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def group_event(request, group, cancelled_starts):
    starts_at, ends_at = meeting_times(group, group.first_date)
    event = Event()
    event.add("uid", f"group-{group.pk}@{request.get_host()}")
    event.add("dtstamp", (group.last_published_at or timezone.now()).astimezone(UTC))
    event.add("summary", group.title)
    event.add("dtstart", starts_at)
    event.add("dtend", ends_at)
    event.add("rrule", vRecur(recurrence_rule(group)))
    if cancelled_starts:
        event.add("exdate", [timezone.localtime(start, LONDON) for start in cancelled_starts])
    description = [group.summary]
    if group.meets_online:
        description.append(str(ONLINE_LINK_NOTE))
    event.add("description", "\n\n".join(description))
    if group.meets_in_person and group.venue:
        event.add("location", f"{group.venue.name}, {group.venue.one_line_address}")
    else:
        event.add("location", _("Online"))
    event.add("url", request.build_absolute_uri(group.url))
    return event


def cancelled_starts_by_group(groups):
    starts = {}
    for group_id, starts_at in GroupSession.objects.filter(group__in=groups, cancelled=True).values_list(
        "group_id", "starts_at"
    ):
        starts.setdefault(group_id, []).append(starts_at)
    return starts


def all_groups_calendar(request):
    groups = list(public_groups().select_related("venue").order_by("weekday", "start_time"))
    calendar = new_calendar(request, _("Peer groups"))
    cancelled = cancelled_starts_by_group(groups)
    for group in groups:
        calendar.add_component(group_event(request, group, cancelled.get(group.pk, [])))
    return calendar_response(calendar, "groups.ics")


def group_calendar(request, pk):
    group = get_object_or_404(public_groups().select_related("venue"), pk=pk)
    calendar = new_calendar(request, group.title)
    cancelled = cancelled_starts_by_group([group])
    calendar.add_component(group_event(request, group, cancelled.get(group.pk, [])))
    return calendar_response(calendar, f"{group.slug}.ics")


def drop_in_calendar(request, pk):
    """The usual week as repeating events, with closures taken out and holiday hours put in."""
    page = get_object_or_404(DropInPage.objects.live().public(), pk=pk)
    venue = Venue.objects.with_hours().get(pk=page.venue_id)
    calendar = new_calendar(request, page.title)
    today = timezone.localdate()
    periods = list(venue.opening_periods.all())
    exceptions = list(venue.opening_exceptions.all())
    days_ahead = [today + timedelta(days=offset) for offset in range(DROP_IN_FEED_DAYS)]
    location = f"{venue.name}, {venue.one_line_address}"
    for period in periods:
        # Anchored on this week's day so the feed holds nothing stale from long ago.
        first_day = today - timedelta(days=(today.weekday() - period.weekday) % 7)
        event = Event()
        event.add("uid", f"venue-{venue.pk}-period-{period.pk}@{request.get_host()}")
        event.add("dtstamp", datetime.combine(today, time(0), tzinfo=UTC))
        event.add("summary", _("%(venue)s is open") % {"venue": venue.name})
        event.add("dtstart", datetime.combine(first_day, period.opens, tzinfo=LONDON))
        event.add("dtend", datetime.combine(first_day, period.closes, tzinfo=LONDON))
        event.add("rrule", vRecur({"FREQ": "WEEKLY"}))
        event.add("location", location)
        changed_days = [
            datetime.combine(day, period.opens, tzinfo=LONDON)
            for day in days_ahead
            if day.weekday() == period.weekday and any(exception.covers(day) for exception in exceptions)
        ]
        if changed_days:
            event.add("exdate", changed_days)
        calendar.add_component(event)
    for day in days_ahead:
        day_hours = hours_on(day, periods, exceptions)
        if not day_hours.exception_reason:
            continue
        for index, (opens, closes) in enumerate(day_hours.periods):
            event = Event()
            event.add("uid", f"venue-{venue.pk}-{day:%Y%m%d}-{index}@{request.get_host()}")
            event.add("dtstamp", datetime.combine(today, time(0), tzinfo=UTC))
            event.add(
                "summary",
                _("%(venue)s is open (%(reason)s)")
                % {"venue": venue.name, "reason": day_hours.exception_reason},
            )
            event.add("dtstart", datetime.combine(day, opens, tzinfo=LONDON))
            event.add("dtend", datetime.combine(day, closes, tzinfo=LONDON))
            event.add("location", location)
            calendar.add_component(event)
    return calendar_response(calendar, f"{page.slug}.ics")


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


class NewsFeed(Feed):
    def get_object(self, request):
        index = NewsIndexPage.objects.live().public().first()
        if index is None:
            raise Http404
        # Feed instances are shared between requests, so per-request values ride on the object.
        index.feed_title = _("News from %(name)s") % {"name": organisation_name(request)}
        return index

    def title(self, index):
        return index.feed_title

    def link(self, index):
        return index.url

    def description(self, index):
        return index.introduction or index.title

    def items(self, index):
        return (
            NewsPage.objects.live()
            .public()
            .descendant_of(index)
            .order_by("-date", "-pk")[:NEWS_ITEMS_IN_FEED]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return datetime.combine(item.date, time(9), tzinfo=LONDON)

    def item_updateddate(self, item):
        return item.last_published_at


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description
