"""The page records for "Have your say" and "You said, we did": editors title and introduce them and
choose whether they are in the menu; consultations' own views draw the lists."""

from django.utils.translation import gettext_lazy as _

from portal.models import SectionPage


class HaveYourSayPage(SectionPage):
    route_name = "consultations:list"
    # Not for search engines, even where visitors may read consultations (NetworkSettings): what
    # members wrote stays out of search results (robots.txt keeps crawlers out of /consultations/).
    in_sitemap = False

    class Meta:
        verbose_name = _("'Have your say' page")


class YouSaidWeDidPage(SectionPage):
    route_name = "consultations:you_said_we_did"

    class Meta:
        verbose_name = _("'You said, we did' page")
