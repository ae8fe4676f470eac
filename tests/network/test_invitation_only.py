"""Invitation-only mode (NetworkSettings.invitation_only): open sign-up is closed on every path
allauth offers, and says kindly how to get an invitation; an invited person can still join, and
members still sign in."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from network.invitations import invitation_create
from network.models import JoinRequest
from network.models.choices import HowToJoin, JoinRequestStatus
from tests.factories.accounts import PASSWORD, MemberFactory, UserFactory
from tests.factories.network import GroupIndexPageFactory, GroupPageFactory
from tests.network.test_sessions import page_text
from tests.portal.every_url import every_url_pattern

pytestmark = pytest.mark.django_db

NEW = {
    "display_name": "Quiet Heron",
    "email": "heron@example.org",
    "password1": PASSWORD,
    "password2": PASSWORD,
}


@pytest.fixture
def invitation_only(network_settings):
    network_settings.invitation_only = True
    network_settings.save()
    return network_settings


def sign_up_paths():
    """Every URL that can make an account: allauth's sign-up pages, whatever is installed."""
    found = [p for p in every_url_pattern() if "signup" in (p.name or "") or "signup" in p.route]
    return sorted({p.path({}) for p in found if not p.route.count("<")})


def accounts():
    return get_user_model().objects.filter(email="heron@example.org").exists()


def test_every_sign_up_path_is_closed(client, invitation_only):
    paths = sign_up_paths()
    assert "/accounts/signup/" in paths
    for path in paths:
        page = client.get(path)
        assert page.status_code == 200 and "Joining is by invitation" in page.text, path
        assert "01234 000 111" in page.text and "Ask at the drop-in hub" in page.text
        assert 'name="password1"' not in page.text
        client.post(path, NEW)
        assert not accounts(), path


def test_a_sign_in_code_for_an_unknown_address_makes_no_account(client, invitation_only):
    client.post("/accounts/login/code/", {"email": "heron@example.org"})
    assert not accounts()


def test_members_still_sign_in(client, invitation_only):
    member = MemberFactory()
    response = client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_sign_up_is_open_when_the_setting_is_off(client, network_settings):
    assert 'name="password1"' in client.get("/accounts/signup/").text
    client.post("/accounts/signup/", NEW)
    assert accounts()


def test_an_invited_person_can_join(client, invitation_only, home_page):
    index = GroupIndexPageFactory(parent=home_page, slug="groups")
    group = GroupPageFactory(parent=index, how_to_join=HowToJoin.REFERRAL)
    _invitation, token = invitation_create(
        email="heron@example.org", group=group, invited_by=UserFactory(is_staff=True)
    )
    client.post(reverse("network:invitation", args=[token]), {"action": "join"})
    assert 'name="password1"' in client.get("/accounts/signup/?email=heron@example.org").text
    assert client.post("/accounts/signup/", NEW).status_code == 302
    person = get_user_model().objects.get(email="heron@example.org")
    assert JoinRequest.objects.get(member=person, group=group).status == JoinRequestStatus.ACCEPTED
    # The invitation is used up: signing out and trying again is closed.
    client.logout()
    assert "Joining is by invitation" in client.get("/accounts/signup/").text


def test_a_link_that_stopped_working_does_not_open_sign_up(client, invitation_only):
    invitation, token = invitation_create(email="heron@example.org", invited_by=UserFactory(is_staff=True))
    client.post(reverse("network:invitation", args=[token]), {"action": "join"})
    invitation.withdrawn_at = invitation.created_at
    invitation.save()
    assert "Joining is by invitation" in client.get("/accounts/signup/").text
    client.post("/accounts/signup/", NEW)
    assert not accounts()


def test_the_pages_do_not_promise_open_sign_up(client, invitation_only):
    page = page_text(client.get(reverse("account_login")))
    assert "How to join" in page  # the header
    assert "People join the network with an invitation." in page
    assert ">How to get an invitation</a>" in page
    assert "You only need an email address" not in page
    assert "Join the network" not in page


def test_with_open_sign_up_the_pages_say_so(client, network_settings):
    page = page_text(client.get(reverse("account_login")))
    assert ">Join the network</a>. You only need an email address and a display name." in page
    assert "How to join" not in page
