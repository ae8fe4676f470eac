"""Staying safe online: an honest exit button, a page that explains it, and tab titles that
draw no attention."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from portal.models import NetworkSettings

pytestmark = pytest.mark.django_db


def tab_title(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def test_tab_titles_end_with_the_organisation_name_by_default(client, site):
    # A site that has never changed the setting keeps today's titles.
    assert NetworkSettings.for_site(site).page_title_suffix == "Lived Experience Recovery Network"
    assert tab_title(client.get("/staying-safe-online/").text) == (
        "Staying safe online - Lived Experience Recovery Network"
    )


def test_tab_titles_use_the_neutral_suffix_an_editor_chose(client, network_settings):
    network_settings.page_title_suffix = "Net Loft"
    network_settings.save()
    assert tab_title(client.get("/privacy/").text) == "Privacy notice - Net Loft"
    assert "Recovery" not in tab_title(client.get("/").text)


def test_an_empty_suffix_shows_the_page_title_only(client, network_settings):
    network_settings.page_title_suffix = ""
    network_settings.save()
    assert tab_title(client.get("/privacy/").text) == "Privacy notice"


def test_the_exit_button_links_to_staying_safe_online(client, network_settings):
    html = client.get("/").text
    assert "data-exit-this-page" in html
    assert 'href="/staying-safe-online/">Staying safe online</a>' in html


def test_staying_safe_online_says_what_the_exit_button_cannot_do(client, network_settings):
    response = client.get("/staying-safe-online/")
    assert response.status_code == 200
    html = response.text
    assert "It cannot clear your history." in html
    assert "pressing Back more than once can reach them" in html
    assert "Use private browsing" in html
    assert "If you share a phone or computer" in html
    assert 'href="/staying-safe-online/"' in html.split("<footer", 1)[1]


def test_the_readme_no_longer_says_back_cannot_return_to_the_portal():
    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    assert "so Back does not\n  return to the portal" not in readme
    assert "Back does not return to the portal" not in " ".join(readme.split())
    assert "earlier pages of the portal stay in the history" in " ".join(readme.split())


def test_the_shift_hint_is_hidden_on_touch_screens_without_javascript():
    css = (Path(settings.BASE_DIR) / "static/css/portal.css").read_text()
    assert re.search(
        r"@media\(hover: none\)and \(pointer: coarse\)\{\.portal-exit__hint\{display:none\}\}", css
    )


def test_editors_can_add_local_advice_to_staying_safe_online(client, network_settings):
    network_settings.staying_safe_advice = "<p>The library on Harbour Street has computers you can use.</p>"
    network_settings.save()
    html = client.get("/staying-safe-online/").text
    assert "The library on Harbour Street has computers you can use." in html


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("page_title_suffix", "x" * 121),
        ("ico_registration_number", "Z" * 21),
        ("exit_page_url", "not a web address"),
    ],
)
def test_bad_site_settings_are_refused(network_settings, field, value):
    setattr(network_settings, field, value)
    with pytest.raises(ValidationError) as error:
        network_settings.full_clean()
    assert field in error.value.message_dict
