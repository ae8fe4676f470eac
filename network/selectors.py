"""Reads that need care: listings that must not grow in queries as content grows."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Prefetch, Subquery
from django.utils import timezone
from wagtail.models import Page

from .models import (
    DropInPage,
    GroupIndexPage,
    GroupPage,
    GroupSession,
    NewsIndexPage,
    NewsPage,
    OpeningException,
    ServiceVisit,
    Venue,
)
from .models.groups import HYBRID, IN_PERSON, ONLINE
from .opening_hours import opening_status, services_by_weekday, upcoming_exceptions, weekly_hours

HOME_SESSIONS_SHOWN = 5
HOME_NEWS_SHOWN = 3
FORMATS_MATCHING = {IN_PERSON: {IN_PERSON, HYBRID}, ONLINE: {ONLINE, HYBRID}, HYBRID: {HYBRID}}


def venue_with_hours(venue_id):
    return (
        Venue.objects.prefetch_related(
            "opening_periods",
            Prefetch("opening_exceptions", queryset=OpeningException.objects.order_by("start_date")),
            Prefetch("service_visits", queryset=ServiceVisit.objects.select_related("service")),
        )
        .filter(pk=venue_id)
        .first()
    )


def drop_in_details(venue_id):
    venue = venue_with_hours(venue_id)
    return {
        "venue": venue,
        "status": opening_status(venue),
        "weekly_hours": weekly_hours(venue),
        "exceptions": upcoming_exceptions(venue),
        "services_by_day": services_by_weekday(venue),
    }


def public_groups():
    return GroupPage.objects.live().public()


def groups_for_listing(index_page, *, day=None, format=None, audience=None):
    """The groups under an index, with their next session, filtered by what the visitor chose."""
    groups = public_groups().child_of(index_page).select_related("venue")
    if day is not None:
        groups = groups.filter(weekday=day)
    if format:
        # A hybrid group suits someone looking for either.
        groups = groups.filter(format__in=FORMATS_MATCHING[format])
    if audience:
        groups = groups.filter(audience=audience)
    next_session = GroupSession.objects.filter(
        group=OuterRef("pk"), cancelled=False, starts_at__gte=timezone.now()
    ).order_by("starts_at")
    return groups.annotate(next_session_starts_at=Subquery(next_session.values("starts_at")[:1])).order_by(
        "weekday", "start_time", "title"
    )


def upcoming_sessions(limit, *, groups):
    """The next sessions of these groups, cancelled ones included so people know."""
    return (
        GroupSession.objects.filter(group__in=groups, ends_at__gte=timezone.now())
        .select_related("group")
        .order_by("starts_at")[:limit]
    )


def home_page_summary():
    # Private sections are read once and shared by the three listings.
    private = Page.objects.private_q()
    drop_in = (
        DropInPage.objects.live()
        .exclude(private)
        .select_related("venue")
        .prefetch_related("venue__opening_periods", "venue__opening_exceptions")
        .first()
    )
    index_pages = {
        page.content_type_id: page
        for page in Page.objects.live()
        .exclude(private)
        .filter(
            content_type__in=[ContentType.objects.get_for_model(m) for m in (GroupIndexPage, NewsIndexPage)]
        )
    }
    return {
        "group_index": index_pages.get(ContentType.objects.get_for_model(GroupIndexPage).pk),
        "news_index": index_pages.get(ContentType.objects.get_for_model(NewsIndexPage).pk),
        "drop_in": drop_in,
        "drop_in_status": opening_status(drop_in.venue) if drop_in else None,
        "upcoming_sessions": upcoming_sessions(
            HOME_SESSIONS_SHOWN, groups=GroupPage.objects.live().exclude(private)
        ),
        "latest_news": NewsPage.objects.live().exclude(private).order_by("-date", "-pk")[:HOME_NEWS_SHOWN],
    }
