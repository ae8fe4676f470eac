"""News as RSS and Atom, through Django's syndication framework."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from ..models import NewsIndexPage, NewsPage
from ..opening_hours import LONDON
from .conditional import answer_conditionally
from .shared import organisation_name

NEWS_ITEMS_IN_FEED = 20


class NewsFeed(Feed):
    def __call__(self, request, *args, **kwargs):
        # Django's own Last-Modified is the newest story's date, which stays put when a story is
        # taken down; the feeds' shared one (feeds.conditional) moves with any change.
        return answer_conditionally(request, super().__call__(request, *args, **kwargs))

    def get_object(self, request):
        index = NewsIndexPage.objects.live().public().first()
        if index is None:
            raise Http404
        # Feed instances are shared between requests, so per-request values ride on the object.
        index.organisation_name = organisation_name(request)
        index.feed_title = _("News from %(name)s") % {"name": index.organisation_name}
        # Links are made with the request, which keeps the site's root paths for all of them.
        index.request = request
        return index

    def title(self, index):
        return index.feed_title

    def link(self, index):
        return index.get_url(index.request)

    def description(self, index):
        return index.introduction or index.title

    def author_name(self, index):
        # Atom requires an author for the feed, or for every entry (RFC 4287, 4.1.1).
        return index.organisation_name

    def items(self, index):
        stories = list(
            NewsPage.objects.live()
            .public()
            .descendant_of(index)
            .order_by("-date", "-pk")[:NEWS_ITEMS_IN_FEED]
        )
        for story in stories:
            story.feed_link = story.get_url(index.request)
        return stories

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Readers treat an RSS description and Atom's summary (type="html") as HTML, but a summary is
        # plain text: escaped, an "&" or "<" an editor typed shows as typed instead of as markup.
        return escape(item.summary)

    def item_link(self, item):
        return item.feed_link

    def item_pubdate(self, item):
        return datetime.combine(item.date, time(9), tzinfo=LONDON)

    def item_updateddate(self, item):
        # Every Atom entry needs one (RFC 4287, 4.1.2); a story made without publishing has no date.
        return item.last_published_at or self.item_pubdate(item)


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description
