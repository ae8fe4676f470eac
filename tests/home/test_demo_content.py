import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from home.models import HomePage
from portal.models import NetworkSettings

pytestmark = pytest.mark.django_db


def test_demo_content_loads_twice_without_duplicates(site):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    User = get_user_model()
    assert User.objects.count() == 4
    assert HomePage.objects.count() == 1
    settings = NetworkSettings.for_site(site)
    assert settings.organisation_name == "Portskerry Recovery Network"
    assert len(settings.crisis_contacts) >= 3
    member = User.objects.get(email="member@example.org")
    assert member.check_password("demo-member-2026")
    assert member.profile.display_name == "Skye"
    facilitator = User.objects.get(email="facilitator@example.org")
    assert set(facilitator.groups.values_list("name", flat=True)) == {"Members", "Facilitators"}
    board = User.objects.get(email="board@example.org")
    assert "Board representatives" in board.groups.values_list("name", flat=True)
    assert User.objects.get(email="editor@example.org").is_staff
