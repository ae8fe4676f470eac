"""The demo's editor in the Wagtail admin: "Pages" opens on the home page and every shortcut on the
dashboard opens."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from wagtail.models import Site

pytestmark = pytest.mark.django_db


def test_the_demo_editor_starts_on_the_home_page_with_working_shortcuts(demo, client):
    client.force_login(get_user_model().objects.get(email="editor@example.org"))
    home = Site.objects.get(is_default_site=True).root_page
    response = client.get("/admin/pages/", follow=True)
    assert response.redirect_chain[-1][0] == f"/admin/pages/{home.pk}/"

    panel = BeautifulSoup(client.get("/admin/").content, "html.parser").find(id="editor-shortcuts-section")
    shortcuts = {link.get_text(strip=True): link["href"] for link in panel.select("li a")}
    assert {"Write a news story", "Consultations", "Moderation queue", "Safeguarding cases"} <= set(shortcuts)
    assert any(label.startswith("Add a closure day at ") for label in shortcuts)
    for label, url in shortcuts.items():
        assert client.get(url).status_code == 200, label
