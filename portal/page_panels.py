"""The "Promote" tab of every page in plain words (Wagtail says "slug", "title tag" and "meta
description"), and the page form that says "web address" in its error too."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page

WEB_ADDRESS = FieldPanel(
    "slug",
    heading=_("Web address"),
    help_text=_(
        "The end of the page's web address, made from the title: for example christmas-opening in "
        "/news/christmas-opening/. Two pages in the same place cannot have the same one."
    ),
)
SEARCH_RESULTS = [
    FieldPanel(
        "seo_title",
        heading=_("Title in search results"),
        help_text=_("Leave it empty to use the page's title."),
    ),
    FieldPanel(
        "search_description",
        heading=_("Description in search results"),
        help_text=_("One or two sentences shown under the title. Leave it empty to use the introduction."),
    ),
]
IN_THE_MENU = FieldPanel("show_in_menus", heading=_("Show in the site's menu"))


def plain_promote_panels(*, web_address=True):
    """The tab's panels. A page whose address is a view's own (SectionPage) has no web address."""
    fields = [WEB_ADDRESS, *SEARCH_RESULTS] if web_address else SEARCH_RESULTS
    return [MultiFieldPanel(fields, heading=_("Web address and search results")), IN_THE_MENU]


class PlainWordsPageForm(WagtailAdminPageForm):
    """Wagtail's page form, saying "web address" where Wagtail says "slug"."""

    def clean(self):
        slug = self.cleaned_data.get("slug")  # Wagtail's check takes it out when it is in use
        cleaned_data = super().clean()
        if (
            "slug" in self.errors
            and slug
            and not Page._slug_is_available(slug, self.parent_page, self.instance)
        ):
            self.errors["slug"] = self.error_class(
                [
                    _(
                        "Another page in the same place already has the web address “%(slug)s”. "
                        "Change the title, or the web address on the Promote tab."
                    )
                    % {"slug": slug}
                ]
            )
        return cleaned_data
