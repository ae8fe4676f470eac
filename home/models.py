from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from consultations.selectors import open_consultations
from network.selectors import HomePageSummary
from portal.models import IntroducedPage

HOME_CONSULTATIONS_SHOWN = 3


class HomePage(IntroducedPage):
    body = RichTextField(blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])

    content_panels = [*IntroducedPage.content_panels, FieldPanel("body")]
    search_fields = [*IntroducedPage.search_fields, index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only if the listings are not in the shared cache (templates/home/home_page.html).
        context["network"] = HomePageSummary()
        context["open_consultations"] = open_consultations()[:HOME_CONSULTATIONS_SHOWN]
        return context
