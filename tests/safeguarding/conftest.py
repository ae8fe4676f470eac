import pytest

from accounts.roles import FACILITATORS
from safeguarding.models import SafeguardingSettings
from tests.factories.accounts import UserFactory, user_with_roles
from tests.factories.consultations import ConsultationFactory

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
def consultation(db):
    return ConsultationFactory()


@pytest.fixture
def facilitator(db):
    return user_with_roles(FACILITATORS)


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True)


@pytest.fixture
def lead_user(db, safeguarding_settings):
    return UserFactory(email=LEAD)
