import pytest

from accounts.models import MemberProfile
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


# Names that look like someone else's, or like the portal's own words (security review, item 13)

LOOK_ALIKES = [
    ("Skye", "Sky\u0435"),  # Cyrillic e
    ("Skye", "SKYE"),
    ("Mary Rose", "rnary Rose"),  # r and n side by side look like m
    ("Jamie", "J\u0430mie"),  # Cyrillic a
    ("Harbour Wren", "Harbour  Wren"),
    ("Il Lupo", "l1 Lupo"),
]


@pytest.mark.parametrize(("existing", "copy"), LOOK_ALIKES)
def test_a_name_that_looks_like_someone_elses_is_refused(client, member, existing, copy):
    MemberFactory(profile__display_name=existing)
    client.force_login(member)
    before = member.profile.display_name
    response = client.post("/accounts/profile/", {"display_name": copy})
    assert response.status_code == 200
    assert "Someone already uses that display name" in response.text
    member.profile.refresh_from_db()
    assert member.profile.display_name == before


@pytest.mark.parametrize(("existing", "copy"), LOOK_ALIKES[:2])
def test_a_look_alike_is_refused_at_sign_up_too(client, existing, copy):
    MemberFactory(profile__display_name=existing)
    response = client.post(
        "/accounts/signup/",
        {
            "display_name": copy,
            "email": "new@example.org",
            "password1": "a-long-pw-9876",
            "password2": "a-long-pw-9876",
        },
    )
    assert response.status_code == 200
    assert "Someone already uses that display name" in response.text
    assert not MemberProfile.objects.filter(display_name=copy).exists()


def test_the_database_refuses_a_look_alike_whatever_the_form_says(member):
    from django.db import IntegrityError, transaction

    MemberFactory(profile__display_name="Skye")
    member.profile.display_name = "Sky\u0435"
    with pytest.raises(IntegrityError), transaction.atomic():
        member.profile.save()


@pytest.mark.parametrize(
    "name", ["A former member", "a FORMER member", "A f\u043ermer member", "Anonymous", "Staff"]
)
def test_the_portals_own_words_cannot_be_a_name(client, member, name):
    client.force_login(member)
    response = client.post("/accounts/profile/", {"display_name": name})
    assert response.status_code == 200
    assert "The portal uses that name itself" in response.text
    member.profile.refresh_from_db()
    assert member.profile.display_name != name


def test_keeping_your_own_name_is_fine(client, member):
    client.force_login(member)
    name = member.profile.display_name
    response = client.post("/accounts/profile/", {"display_name": name.upper()}, follow=True)
    assert "Your display name is saved." in response.text
