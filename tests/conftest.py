import pytest
from wagtail.models import Site

from home.models import NetworkSettings
from tests.factories import MemberFactory


@pytest.fixture
def site(db):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home_page(site):
    return site.root_page.specific


@pytest.fixture
def network_settings(site):
    settings = NetworkSettings.for_site(site)
    settings.organisation_name = "Testbay Recovery Network"
    settings.phone = "01234 000 111"
    settings.crisis_contacts = [
        ("contact", {"name": "Samaritans", "phone": "116 123", "description": "Any time", "url": ""})
    ]
    settings.save()
    return settings


@pytest.fixture
def member(db):
    return MemberFactory()


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
