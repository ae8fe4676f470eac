"""Network news: a paginated, taggable listing of short stories."""

import re

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.models import IntroducedPage, PortalPage
from portal.page_panels import PlainWordsPageForm, plain_promote_panels
from portal.shared_reads import remember

from ..blocks import StoryBlock

NEWS_PER_PAGE = 10
# What a tag's slug can look like; anything else (a NUL byte, markup) is not looked up at all.
TAG_SLUG = re.compile(r"[-\w]{1,100}")


class NewsIndexPage(IntroducedPage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["network.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("news index page")

    def news_items(self):
        return NewsPage.objects.child_of(self).live().public().order_by("-date", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Made once: public() reads the view restrictions when it is called.
        published = items = self.news_items()
        tag_slug = request.GET.get("tag", "")
        # An unknown tag is ignored (with a kind word) rather than showing an empty page or an error.
        tag = Tag.objects.filter(slug=tag_slug).first() if TAG_SLUG.fullmatch(tag_slug) else None
        if tag is not None:
            items = items.filter(tags=tag)
        context["tag"] = tag
        context["query_prefix"] = urlencode({"tag": tag.slug}) + "&" if tag else ""
        context["unknown_tag"] = bool(tag_slug) and tag is None
        context["news_page"] = Paginator(items.prefetch_related("tags"), NEWS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        # The published stories' topics are the same for everyone until content changes: read
        # once per content version and shared (portal.shared_reads).
        context["tags"] = remember(
            f"news-tags:{self.pk}",
            lambda: list(
                Tag.objects.filter(network_newspagetag_items__content_object__in=published)
                .distinct()
                .order_by("name")
            ),
        )
        return context


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("network.NewsPage", on_delete=models.CASCADE, related_name="tagged_items")


class NewsPage(PortalPage):
    date = models.DateField(_("date published"), default=timezone.localdate)
    summary = models.TextField(help_text=_("One or two sentences, shown in lists and feeds."))
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True)
    body = StreamField(StoryBlock())

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("tags"),
        FieldPanel("body"),
    ]
    promote_panels = plain_promote_panels()
    base_form_class = PlainWordsPageForm
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["network.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news story")
        verbose_name_plural = _("news stories")
