"""Reads that need care: listings that must not grow in queries as content grows."""

from functools import cached_property

from django.contrib.contenttypes.models import ContentType
from django.db.models import BooleanField, Case, ExpressionWrapper, F, IntegerField, Q, When, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from wagtail.models import Page

from portal.prepared import PreparedShape
from portal.private_sections import private_q

from .models import (
    DropInPage,
    GroupIndexPage,
    GroupPage,
    GroupSession,
    NewsIndexPage,
    NewsPage,
    booked_count,
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


class HomePageSummary:
    """What the home page lists about the network. Each part is read when a template first asks
    for it, so a copy of the listings from the shared cache (portal/templatetags/
    shared_fragments.py) reads nothing."""

    @cached_property
    def _private(self):
        # Where the private sections are, once for the listings (shared: no query).
        return private_q()

    @cached_property
    def drop_in(self):
        return (
            DropInPage.objects.live()
            .exclude(self._private)
            .select_related("venue")
            .prefetch_related("venue__opening_periods", "venue__opening_exceptions")
            .first()
        )

    @cached_property
    def drop_in_status(self):
        return opening_status(self.drop_in.venue) if self.drop_in else None

    @cached_property
    def _index_pages(self):
        kinds = {
            ContentType.objects.get_for_model(model).pk: model for model in (GroupIndexPage, NewsIndexPage)
        }
        pages = Page.objects.live().exclude(self._private).filter(content_type__in=kinds)
        return {kinds[page.content_type_id]: page for page in pages}

    @property
    def group_index(self):
        return self._index_pages.get(GroupIndexPage)

    @property
    def news_index(self):
        return self._index_pages.get(NewsIndexPage)

    @cached_property
    def upcoming_sessions(self):
        return list(
            upcoming_sessions(HOME_SESSIONS_SHOWN, groups=GroupPage.objects.live().exclude(self._private))
        )

    @cached_property
    def latest_news(self):
        return list(NewsPage.objects.live().exclude(self._private).order_by("-date", "-pk")[:HOME_NEWS_SHOWN])


def _nearest(groups, now, most):
    past = Q(ends_at__lt=now)
    return (
        GroupSession.objects.filter(group__in=groups)
        .annotate(
            booked=booked_count(),
            place=Window(
                RowNumber(),
                partition_by=[F("group_id"), ExpressionWrapper(past, output_field=BooleanField())],
                # Past sessions newest first; those to come (with nothing in the first key) soonest.
                order_by=[Case(When(past, then=F("starts_at"))).desc(nulls_last=True), F("starts_at").asc()],
            ),
        )
        .filter(place__lte=most)
    )


# Putting the query together took most of its time: its SQL is compiled once for each number of groups.
NEAREST = PreparedShape(
    _nearest,
    groups=GroupSession._meta.get_field("group"),
    now=GroupSession._meta.get_field("ends_at"),
    most=IntegerField(),
)


def nearest_sessions(groups, now, *, behind, ahead):
    """{group id: its last `behind` past sessions and next `ahead`, in time order, each with how many
    are `booked`}, in one query however many groups there are (two took twice the time: most
    of a query's time here is Django putting it together)."""
    sessions = NEAREST.all(groups=[group.pk for group in groups], now=now, most=max(behind, ahead))
    by_group = {}
    for session in sorted(sessions, key=lambda session: session.starts_at):
        if session.place <= (behind if session.ends_at < now else ahead):
            by_group.setdefault(session.group_id, []).append(session)
    return by_group
