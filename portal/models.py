"""What every page shares: the site-wide settings (who runs the site, how to reach them, where to
get help now, where "Exit this page" goes) and the bases of the portal's page types."""

from django.db import models
from django.shortcuts import redirect
from django.urls import resolve, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from .blocks import CrisisContactBlock
from .page_panels import PlainWordsPageForm, plain_promote_panels
from .private_sections import PortalPageManager, no_restriction_reaches
from .shared_reads import SharedSiteSetting, remember

DEFAULT_EXIT_URL = "https://www.bbc.co.uk/weather"
DEFAULT_ORGANISATION_NAME = "Lived Experience Recovery Network"


class PortalPage(Page):
    """Every page type of the portal.

    A page's privacy settings are asked about two or three times while it is served (Wagtail's
    own check, the portal's 403 for a page meant for other roles, whether it may be cached), and
    each asking read the page's ancestors and their restrictions again: two queries each. They
    are read once per page object (one request) now, with the groups a restriction lets in, and
    not at all when the site's private sections (portal.private_sections) are elsewhere. What
    the admin does with them (ordering, filtering) starts a fresh query, as before. Listings of
    these pages leave out private sections (`public()`) without reading them."""

    objects = PortalPageManager()

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        """A page no restriction can reach (portal.private_sections: no query) has none."""
        restrictions = self.__dict__.get("_view_restrictions")
        if restrictions is None:
            if no_restriction_reaches(self):
                restrictions = PageViewRestriction.objects.none()
            else:
                restrictions = super().get_view_restrictions().prefetch_related("groups")
            self._view_restrictions = restrictions
        return restrictions


class IntroducedPage(PortalPage):
    """A page with a short introduction under its title, editable and searchable like the title."""

    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("One or two short sentences under the title.")
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    promote_panels = plain_promote_panels()
    base_form_class = PlainWordsPageForm
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    class Meta:
        abstract = True


@register_setting(icon="site")
class NetworkSettings(SharedSiteSetting, BaseSiteSetting):
    """Who runs the site and how to reach them, shown in every page's footer; who is responsible
    for members' data (the privacy notice); what a tab title says after the page's own title;
    whether visitors may read consultations."""

    organisation_name = models.CharField(max_length=120, default=DEFAULT_ORGANISATION_NAME)
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
    page_title_suffix = models.CharField(
        _("text after each page title"),
        max_length=120,
        blank=True,
        default=DEFAULT_ORGANISATION_NAME,
        help_text=_(
            "Shown after the title in the browser tab and in history, for example 'Home - Net Loft'. "
            "Someone looking at a shared computer sees it, so choose words that draw no attention. "
            "Leave it empty to show the page title only."
        ),
    )
    staying_safe_advice = RichTextField(
        _("more advice on staying safe online"),
        blank=True,
        features=["h2", "h3", "bold", "link", "ol", "ul"],
        help_text=_(
            "Shown at the end of the 'Staying safe online' page, for example local services that "
            "help people stay safe. The page already explains the exit button, history, private "
            "browsing and shared devices."
        ),
    )
    data_protection_contact = models.TextField(
        _("who to contact about personal data"),
        blank=True,
        help_text=_(
            "Shown on the privacy notice: the person or role, and how to reach them. "
            "Leave it empty to use the contact details above."
        ),
    )
    consultations_public = models.BooleanField(
        _("visitors can read consultations"),
        default=True,
        help_text=_(
            "Let people who are not signed in read the questions open to every member, the "
            "priorities published for them and the results, with no names unless a member chose to "
            "show theirs. Untick to keep consultations for signed-in members only."
        ),
    )
    invitation_only = models.BooleanField(
        _("people can join only with an invitation"),
        default=False,
        help_text=_(
            "Tick to close open sign-up. People can still join with an invitation that staff or a "
            "facilitator sent them, and members can still sign in. The sign-up page tells everyone "
            "else to ask at the drop-in or phone the number above."
        ),
    )
    ico_registration_number = models.CharField(
        _("ICO registration number"),
        max_length=20,
        blank=True,
        help_text=_("Your number on the Information Commissioner's register of fee payers, if you have one."),
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
        MultiFieldPanel(
            [FieldPanel("exit_page_url"), FieldPanel("page_title_suffix"), FieldPanel("staying_safe_advice")],
            heading=_("Staying safe online"),
        ),
        MultiFieldPanel(
            [FieldPanel("data_protection_contact"), FieldPanel("ico_registration_number")],
            heading=_("Privacy notice"),
        ),
        FieldPanel("consultations_public", heading=_("Have your say")),
        FieldPanel("invitation_only", heading=_("Joining")),
    ]

    class Meta:
        verbose_name = _("network settings")
        # Made by the home app before the settings moved here; the table kept its name.
        db_table = "home_networksettings"


class SectionPage(IntroducedPage):
    """The page record for a part of the portal that a Django view draws (a list of consultations,
    the board's responses). Editors give it its title, introduction, search description and place in
    the menu; the view at `route_name` draws the rest. Its address is always the view's, whatever the
    slug, so links, the menu and the sitemap agree with the view.

    The view reads the live page with `SectionPage.for_view(model, request)`, which also gives the
    draft being previewed in the admin."""

    route_name = ""
    # Pages that only signed-in people can read stay out of the sitemap.
    in_sitemap = True

    max_count = 1
    subpage_types = []
    promote_panels = plain_promote_panels(web_address=False)

    class Meta:
        abstract = True

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        if parts is None:
            return None
        site_id, root_url, _page_path = parts
        return site_id, root_url, reverse(self.route_name)

    def get_sitemap_urls(self, request=None):
        return super().get_sitemap_urls(request) if self.in_sitemap else []

    def serve(self, request, *args, **kwargs):
        # Reached only at the page's tree address (its slug), which nothing links to.
        return redirect(reverse(self.route_name), permanent=True)

    def serve_preview(self, request, mode_name):
        request.previewed_section_page = self
        return resolve(reverse(self.route_name)).func(request)

    @staticmethod
    def for_view(model, request):
        previewed = getattr(request, "previewed_section_page", None)
        if isinstance(previewed, model):
            return previewed
        # The same for everyone until content changes: read once per content version, shared.
        return remember(f"section-page:{model._meta.label_lower}", lambda: model.objects.live().first())


def page_url(page):
    """A page's address read from its generic Page record, without loading its specific one (a
    query per page type), for menus: a SectionPage's is its view's. Select the page's content type
    with it (`select_related("content_type")`) and this asks the database nothing more."""
    section = page.content_type.model_class()
    if section is not None and issubclass(section, SectionPage) and section.route_name:
        return reverse(section.route_name)
    return page.url
