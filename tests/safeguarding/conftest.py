import pytest

from safeguarding.models import SafeguardingSettings
from tests.factories.accounts import UserFactory

LEAD = "lead@example.org"
CRISIS_WORDS = "Some days I want to end it all."


@pytest.fixture
def safeguarding_settings(site):
    config = SafeguardingSettings.for_site(site)
    config.leads = f"{LEAD}\nsecond.lead@example.org"
    config.procedure_url = "https://example.org/safeguarding-procedure"
    config.save()
    return config


@pytest.fixture
def lead_user(db, safeguarding_settings):
    return UserFactory(email=LEAD)
