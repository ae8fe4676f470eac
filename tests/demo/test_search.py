"""Site search on the demo site, as people meet it after `make run` (issue 13)."""

import re

import pytest

pytestmark = pytest.mark.django_db


def result_titles(html):
    return re.findall(
        r'<h3 class="govuk-heading-s[^"]*"><a class="govuk-link" href="[^"]*">([^<]+)</a>', html
    )


def test_money_finds_the_money_advice_service(demo, client):
    response = client.get("/search/", {"q": "money"})
    assert response.status_code == 200
    assert result_titles(response.text)[0] == "Money advice"
    assert "An adviser from the council&#x27;s money advice team." in response.text


def test_what_a_service_helps_with_finds_it(demo, client):
    assert "Housing support" in result_titles(client.get("/search/", {"q": "landlords"}).text)
