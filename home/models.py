from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import CrisisContactBlock

DEFAULT_EXIT_URL = "https://www.bbc.co.uk/weather"
HOME_CONSULTATIONS_SHOWN = 3


class HomePage(Page):
    introduction = models.TextField(
        blank=True, help_text=_("One or two short sentences under the page title.")
    )
    body = RichTextField(blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from consultations.selectors import open_consultations
        from network.selectors import home_page_summary

        context = super().get_context(request, *args, **kwargs)
        context.update(home_page_summary())
        context["open_consultations"] = open_consultations()[:HOME_CONSULTATIONS_SHOWN]
        return context


@register_setting(icon="site")
class NetworkSettings(BaseSiteSetting):
    """Who runs the site and how to reach them, shown in every page's footer."""

    organisation_name = models.CharField(max_length=120, default="Lived Experience Recovery Network")
    address = models.TextField(blank=True, help_text=_("The postal address, one line each."))
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    crisis_contacts = StreamField(
        [("contact", CrisisContactBlock())],
        blank=True,
        help_text=_("Shown in the footer of every page and whenever someone may need help now."),
    )
    exit_page_url = models.URLField(
        default=DEFAULT_EXIT_URL,
        help_text=_("Where 'Exit this page' goes: an everyday site that draws no attention."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
            ],
            heading=_("Contact details"),
        ),
        FieldPanel("crisis_contacts"),
        FieldPanel("exit_page_url"),
    ]

    class Meta:
        verbose_name = _("network settings")
