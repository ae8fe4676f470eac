"""Demo content for the site frame: the home page and the network's settings."""

from wagtail.models import Site

from home.models import HomePage
from portal.models import NetworkSettings

ORGANISATION = "Portskerry Recovery Network"
CRISIS_CONTACTS = [
    {
        "name": "Samaritans",
        "phone": "116 123",
        "description": "Free, any time, day or night, if you need someone to talk to.",
        "url": "https://www.samaritans.org",
    },
    {
        "name": "NHS 24",
        "phone": "111",
        "description": "If you feel unwell and need medical help that is not an emergency.",
        "url": "",
    },
    {
        "name": "Breathing Space",
        "phone": "0800 83 85 87",
        "description": "If you feel low, stressed or anxious. Evenings and weekends.",
        "url": "",
    },
]


def load(*, stdout):
    home = HomePage.objects.get(depth=2)
    home.title = "Welcome to the Portskerry Recovery Network"
    home.introduction = (
        "A friendly place for anyone affected by alcohol or drug use, and for the people who care about them. "
        "Everyone is welcome. You do not need an appointment."
    )
    home.body = (
        "<p>Come to the drop-in for a cup of tea and a chat. Staff and other services come to us, "
        "so you can get help with money, housing, health and more in one place.</p>"
    )
    home.full_clean()
    home.save_revision().publish()

    site = Site.objects.get(is_default_site=True)
    site.site_name = ORGANISATION
    site.save()

    network = NetworkSettings.for_site(site)
    network.organisation_name = ORGANISATION
    network.address = "The Net Loft\n12 Harbour Street\nPortskerry\nPS1 2AB"
    network.phone = "01234 567 890"
    network.email = "hello@portskerry-network.example"
    network.crisis_contacts = [("contact", contact) for contact in CRISIS_CONTACTS]
    network.full_clean()
    network.save()
    stdout.write("Home page and network settings loaded.")
