"""News as RSS and Atom, through Django's syndication framework."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from ..models import NewsIndexPage, NewsPage
from ..opening_hours import LONDON
from .shared import organisation_name

NEWS_ITEMS_IN_FEED = 20


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
