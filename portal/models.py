"""What every page shares: the site-wide settings (who runs the site, how to reach them, where to
get help now, where "Exit this page" goes) and the base of the portal's page types."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import CrisisContactBlock

DEFAULT_EXIT_URL = "https://www.bbc.co.uk/weather"


class IntroducedPage(Page):
    """A page with a short introduction under its title, editable and searchable like the title."""

    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("One or two short sentences under the title.")
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    class Meta:
        abstract = True


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
        # Made by the home app before the settings moved here; the table kept its name.
        db_table = "home_networksettings"
