"""The drop-in page and the plain pages every site needs (about, privacy, accessibility...)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.models import IntroducedPage

from ..blocks import StoryBlock
from ..opening_hours import drop_in_details
from .venues import Venue


class StandardPage(IntroducedPage):
    body = StreamField(StoryBlock(), blank=True)

    content_panels = [*IntroducedPage.content_panels, FieldPanel("body")]
    search_fields = [*IntroducedPage.search_fields, index.SearchField("body")]

    parent_page_types = ["home.HomePage", "network.StandardPage"]
    subpage_types = ["network.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class DropInPage(IntroducedPage):
    """Can I just turn up? Where, when, and what happens when I do."""

    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="drop_in_pages")
    first_visit = StreamField(StoryBlock(), blank=True, verbose_name=_("what to expect on your first visit"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("venue"),
        FieldPanel("introduction"),
        FieldPanel("first_visit"),
    ]
    search_fields = [*IntroducedPage.search_fields, index.SearchField("first_visit")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("drop-in page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(drop_in_details(Venue.objects.with_hours().get(pk=self.venue_id)))
        return context
