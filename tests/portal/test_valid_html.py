import pytest

from tests.checks import assert_valid_html

pytestmark = pytest.mark.django_db


@pytest.mark.xdist_group("html")  # one HTML checker run: tests/test_html_checker.py
def test_frame_and_account_pages_are_valid_html(client, network_settings, member):
    pages = {
        url: client.get(url).text
        for url in (
            "/",
            "/accounts/signup/",
            "/accounts/login/",
            "/accounts/password/reset/",
            "/privacy/",
            "/staying-safe-online/",
        )
    }
    pages["sign-up with errors"] = client.post("/accounts/signup/", {"email": "bad"}).text
    client.force_login(member)
    pages["/accounts/profile/"] = client.get("/accounts/profile/").text
    pages["home, signed in"] = client.get("/").text
    assert_valid_html(pages)
