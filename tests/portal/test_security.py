import pytest
from django.contrib.auth.models import Group

from accounts.roles import ALL_ROLES

pytestmark = pytest.mark.django_db


def test_public_pages_have_a_strict_policy_without_inline_script(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "nonce-" not in policy, "an unused nonce would stop the page being shared from a cache"
    assert "frame-ancestors 'none'" in policy
    assert "<script>" not in response.text
    assert " style=" not in response.text


def test_no_referrer_leaves_for_other_sites(client):
    # "same-origin", not "no-referrer": with no referrer at all, browsers send "Origin: null"
    # on form posts and Django's CSRF check refuses every sign-in.
    assert client.get("/")["Referrer-Policy"] == "same-origin"


def test_sign_in_page_has_the_strict_policy(client):
    policy = client.get("/accounts/login/")["Content-Security-Policy"]
    assert "unsafe-inline" not in policy


def test_admin_gets_its_own_policy(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert "'unsafe-inline'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_public_pages_cannot_be_framed(client):
    assert client.get("/")["X-Frame-Options"] == "DENY"


def test_roles_exist_after_migrations():
    assert set(Group.objects.values_list("name", flat=True)) >= set(ALL_ROLES)


def test_editors_can_reach_the_admin():
    editors = Group.objects.get(name="Editors")
    assert editors.permissions.filter(codename="access_admin").exists()


@pytest.mark.parametrize(
    "path",
    [
        "/feeds/groups/{big}.ics",
        "/feeds/drop-in/{big}.ics",
        "/groups/{big}/sessions/",
        "/consultations/{big}/",
        "/consultations/priorities/{big}/vote/",
        "/consultations/board/meetings/{big}/",
        "/_util/authenticate_with_password/{big}/{big}/",
    ],
)
def test_a_huge_id_in_a_url_is_not_found_rather_than_an_error(client, admin_client, path):
    """A number too big for the database made SQLite fail with a 500 (security review, item 14)."""
    big = "9" * 30
    for browser in (client, admin_client):
        response = browser.get(path.format(big=big))
        assert response.status_code == 404, (path, response.status_code)
        assert browser.get(path.format(big="9" * 19)).status_code == 404
