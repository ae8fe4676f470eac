"""There is one way to sign in and one way to reset a password: allauth's. Every other sign-in or
reset view that an installed app adds (Wagtail's front-end and admin sign-in, Wagtail's password
reset, Django's admin) sends people there, so none of them can skip rate limits, email checks or
two-step sign-in."""

import pytest
from django.core import mail
from django.urls import NoReverseMatch, reverse
from wagtail.models import PageViewRestriction

from tests.factories import MemberFactory
from tests.factories.accounts import PASSWORD, user_with_roles
from tests.factories.network import public_site

pytestmark = pytest.mark.django_db

OTHER_SIGN_IN_PATHS = ["/_util/login/", "/admin/login/"]
OTHER_RESET_PATHS = [
    "/admin/password_reset/",
    "/admin/password_reset/done/",
    "/admin/password_reset/confirm/MQ/abc-123/",
    "/admin/password_reset/complete/",
]


@pytest.mark.parametrize("path", OTHER_SIGN_IN_PATHS)
def test_other_sign_in_pages_send_people_to_the_portals_own(client, path):
    response = client.get(f"{path}?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/"


@pytest.mark.parametrize("path", OTHER_SIGN_IN_PATHS)
def test_a_password_posted_to_another_sign_in_page_signs_nobody_in(client, path):
    facilitator = user_with_roles("Facilitators")
    response = client.post(path, {"username": facilitator.username, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert not client.get("/").context["user"].is_authenticated


def test_an_unverified_account_cannot_sign_in_through_wagtails_page(client):
    person = MemberFactory()
    person.emailaddress_set.update(verified=False)
    client.post("/_util/login/", {"username": person.username, "password": PASSWORD})
    assert not client.get("/").context["user"].is_authenticated


@pytest.mark.parametrize("path", OTHER_RESET_PATHS)
def test_other_password_reset_pages_send_people_to_the_portals_own(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/"


def test_wagtails_password_reset_sends_no_email(client, member):
    client.post("/admin/password_reset/", {"email": member.email})
    assert mail.outbox == []


def test_django_admin_is_not_served(client):
    assert client.get("/django-admin/").status_code == 404
    with pytest.raises(NoReverseMatch):
        reverse("admin:index")


def test_a_page_for_signed_in_people_sends_visitors_to_the_portals_sign_in(client, home_page):
    site = public_site(home_page)
    PageViewRestriction.objects.create(page=site.about, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(site.about.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_guesses_at_a_page_password_are_limited(client, home_page, settings):
    settings.ACCOUNT_RATE_LIMITS = {"page_password": "3/m/ip"}
    site = public_site(home_page)
    restriction = PageViewRestriction.objects.create(
        page=site.about, restriction_type=PageViewRestriction.PASSWORD, password="right-one"
    )
    url = f"/_util/authenticate_with_password/{restriction.pk}/{site.about.pk}/"
    for guess in ("one", "two", "three"):
        response = client.post(url, {"password": guess, "return_url": site.about.url})
        assert response.status_code == 200
    response = client.post(url, {"password": "right-one", "return_url": site.about.url})
    assert response.status_code == 429
    assert "Too many tries" in response.text
    assert client.get(site.about.url).status_code == 200
    assert "right-one" not in client.get(site.about.url).text
    assert "password" in client.get(site.about.url).text.lower()


def test_the_right_page_password_still_opens_the_page(client, home_page):
    site = public_site(home_page)
    restriction = PageViewRestriction.objects.create(
        page=site.about, restriction_type=PageViewRestriction.PASSWORD, password="right-one"
    )
    url = f"/_util/authenticate_with_password/{restriction.pk}/{site.about.pk}/"
    response = client.post(url, {"password": "right-one", "return_url": site.about.url})
    assert response.status_code == 302
    assert site.about.title in client.get(site.about.url).text


def test_guesses_at_a_document_collection_password_are_limited(client, settings):
    from wagtail.models import Collection, CollectionViewRestriction

    settings.ACCOUNT_RATE_LIMITS = {"page_password": "3/m/ip"}
    collection = Collection.get_first_root_node().add_child(name="Minutes")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password="right-one"
    )
    url = f"/documents/authenticate_with_password/{restriction.pk}/"
    for guess in ("one", "two", "three"):
        assert client.post(url, {"password": guess, "return_url": "/"}).status_code == 200
    assert client.post(url, {"password": "right-one", "return_url": "/"}).status_code == 429
