"""The demo has a partner team, and a referral waiting for the family support group's facilitator."""

from urllib.parse import urlsplit

import pytest

from network.models import PartnerTeam, Referral

pytestmark = pytest.mark.django_db


def test_a_partner_team_and_a_waiting_referral(demo, client):
    team = PartnerTeam.objects.get(name="Community Recovery Team")
    referral = Referral.objects.get(partner_team=team)
    assert referral.is_waiting and referral.group.slug == "family-support-group"
    facilitator = referral.group.facilitators.first().profile.user
    client.force_login(facilitator)
    assert "referred by Community Recovery Team" in client.get("/groups/yours/").content.decode()
    # The team's link opens the form.
    assert client.get(urlsplit(team.referral_link()).path).status_code == 200
