"""iCalendar feeds: every group, one group, and a drop-in's opening hours.

Calendar apps subscribe to these and match events from one download to the next by UID, so each
event keeps the same UID and the same first start for as long as it exists: UIDs are made from the
site's public address (never the address a request came in on), and repeating events start on a
date that does not move. Nothing in a calendar depends on the day it is downloaded, so a download
that finds nothing new is the same file, byte for byte.
"""

from datetime import UTC, datetime, timedelta

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vRecur

from portal.public_address import public_host

from ..group_schedule import meeting_times, recurrence_rule
from ..models import DropInPage, GroupSession, Venue
from ..opening_hours import LONDON, hours_on
from ..selectors import public_groups
from .conditional import conditional_feed
from .shared import CALENDAR_TIMEZONE, online_note, organisation_name
from .timezones import vtimezone

# DTSTAMP and the start of weekly opening hours for a page that has never been published through
# Wagtail (made by a script): fixed, so its calendar is still the same on every download.
NEVER_PUBLISHED = datetime(1970, 1, 1, tzinfo=UTC)


def new_calendar(request, name):
    calendar = Calendar()
    calendar.add("prodid", f"-//{organisation_name(request)}//Network portal//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # A published calendar to subscribe to, not an invitation to answer (RFC 5546).
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", CALENDAR_TIMEZONE)
    calendar.add_component(vtimezone(CALENDAR_TIMEZONE))
    return calendar


def calendar_response(calendar, filename):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def uid(name):
    return f"{name}@{public_host()}"


def last_published(page):
    return (page.last_published_at or NEVER_PUBLISHED).astimezone(UTC)


def group_event(request, group, cancelled_starts):
    starts_at, ends_at = meeting_times(group, group.first_date)
    event = Event()
    event.add("uid", uid(f"group-{group.pk}"))
    event.add("dtstamp", last_published(group))
    event.add("summary", group.title)
    event.add("dtstart", starts_at)
    event.add("dtend", ends_at)
    event.add("rrule", vRecur(recurrence_rule(group)))
    if cancelled_starts:
        event.add("exdate", [timezone.localtime(start, LONDON) for start in sorted(cancelled_starts)])
    event.add("description", "\n\n".join(filter(None, [group.summary, online_note(group)])))
    if group.meets_in_person and group.venue:
        event.add("location", f"{group.venue.name}, {group.venue.one_line_address}")
    else:
        event.add("location", _("Online"))
    event.add("url", request.build_absolute_uri(group.get_url(request)))
    return event


def cancelled_starts_by_group(groups):
    starts = {}
    for group_id, starts_at in GroupSession.objects.filter(group__in=groups, cancelled=True).values_list(
        "group_id", "starts_at"
    ):
        starts.setdefault(group_id, []).append(starts_at)
    return starts


@conditional_feed
def all_groups_calendar(request):
    groups = list(public_groups().select_related("venue").order_by("weekday", "start_time", "pk"))
    calendar = new_calendar(request, _("Peer groups"))
    cancelled = cancelled_starts_by_group(groups)
    for group in groups:
        calendar.add_component(group_event(request, group, cancelled.get(group.pk, [])))
    return calendar_response(calendar, "groups.ics")


@conditional_feed
def group_calendar(request, pk):
    group = get_object_or_404(public_groups().select_related("venue"), pk=pk)
    calendar = new_calendar(request, group.title)
    cancelled = cancelled_starts_by_group([group])
    calendar.add_component(group_event(request, group, cancelled.get(group.pk, [])))
    return calendar_response(calendar, f"{group.slug}.ics")


def opening_event(page, name, summary, starts_at, ends_at):
    event = Event()
    event.add("uid", uid(name))
    event.add("dtstamp", last_published(page))
    event.add("summary", summary)
    event.add("dtstart", starts_at)
    event.add("dtend", ends_at)
    # Opening hours are not appointments: they must not fill a subscriber's free/busy time.
    event.add("transp", "TRANSPARENT")
    return event


def changed_days(exceptions, since):
    """Every day from `since` on that a closure or changed hours covers, in order."""
    days = set()
    for exception in exceptions:
        day = max(exception.start_date, since)
        while day <= exception.end_date:
            days.add(day)
            day += timedelta(days=1)
    return sorted(days)


@conditional_feed
def drop_in_calendar(request, pk):
    """The usual week as repeating events, with closures taken out and changed hours put in."""
    page = get_object_or_404(DropInPage.objects.live().public(), pk=pk)
    venue = Venue.objects.with_hours().get(pk=page.venue_id)
    calendar = new_calendar(request, page.title)
    location = f"{venue.name}, {venue.one_line_address}"
    periods = list(venue.opening_periods.all())
    exceptions = list(venue.opening_exceptions.all())
    # The hours repeat from the week the page was first published, so their first start stays put.
    since = timezone.localdate(page.first_published_at or NEVER_PUBLISHED, LONDON)
    changed = changed_days(exceptions, since)
    for period in periods:
        first_day = since + timedelta(days=(period.weekday - since.weekday()) % 7)
        event = opening_event(
            page,
            f"venue-{venue.pk}-period-{period.pk}",
            _("%(venue)s is open") % {"venue": venue.name},
            datetime.combine(first_day, period.opens, tzinfo=LONDON),
            datetime.combine(first_day, period.closes, tzinfo=LONDON),
        )
        event.add("rrule", vRecur({"FREQ": "WEEKLY"}))
        excluded = [
            datetime.combine(day, period.opens, tzinfo=LONDON)
            for day in changed
            if day.weekday() == period.weekday
        ]
        if excluded:
            event.add("exdate", excluded)
        event.add("location", location)
        calendar.add_component(event)
    for day in changed:
        # The same reading of overlapping exceptions as the drop-in page's (hours_on).
        day_hours = hours_on(day, periods, exceptions)
        for index, (opens, closes) in enumerate(day_hours.periods):
            event = opening_event(
                page,
                f"venue-{venue.pk}-{day:%Y%m%d}-{index}",
                _("%(venue)s is open (%(reason)s)")
                % {"venue": venue.name, "reason": day_hours.exception_reason},
                datetime.combine(day, opens, tzinfo=LONDON),
                datetime.combine(day, closes, tzinfo=LONDON),
            )
            event.add("location", location)
            calendar.add_component(event)
    return calendar_response(calendar, f"{page.slug}.ics")
