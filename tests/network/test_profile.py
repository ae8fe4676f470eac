import pytest

from network.models import MemberProfile
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_profile_needs_sign_in(client):
    response = client.get("/accounts/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_member_changes_display_name(client, member):
    client.force_login(member)
    response = client.post("/accounts/profile/", {"display_name": "  New   Name "}, follow=True)
    assert "Your display name is saved." in response.text
    member.profile.refresh_from_db()
    assert member.profile.display_name == "New Name"


@pytest.mark.parametrize(
    ("display_name", "message"),
    [("", "Enter a display name"), ("a@b.co", "email address"), ("y" * 41, "up to 40")],
)
def test_bad_display_name_changes_nothing(client, member, display_name, message):
    before = member.profile.display_name
    client.force_login(member)
    response = client.post("/accounts/profile/", {"display_name": display_name})
    assert response.status_code == 200
    assert message in response.text
    member.profile.refresh_from_db()
    assert member.profile.display_name == before


def test_cannot_take_someone_elses_display_name(client, member):
    MemberFactory(profile__display_name="Taken Name")
    client.force_login(member)
    response = client.post("/accounts/profile/", {"display_name": "TAKEN name"})
    assert "Someone already uses that display name" in response.text
    assert MemberProfile.objects.filter(display_name__iexact="taken name").count() == 1
