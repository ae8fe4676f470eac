"""Reads that need care: listings that must not grow in queries as content grows."""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page

from .models import (
    DropInPage,
    GroupIndexPage,
    GroupPage,
    GroupSession,
    NewsIndexPage,
    NewsPage,
)
from .opening_hours import opening_status

HOME_SESSIONS_SHOWN = 5
HOME_NEWS_SHOWN = 3


def public_groups():
    return GroupPage.objects.live().public()


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
