import re

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage

pytestmark = pytest.mark.django_db


def test_fresh_install_serves_the_home_page_at_root(client):
    response = client.get("/")
    assert response.status_code == 200
    assert isinstance(response.context["page"], HomePage)
    assert "Skip to main content" in response.text


def test_home_page_shows_the_frame(client, network_settings):
    html = client.get("/").text
    assert "Testbay Recovery Network" in html
    assert "Exit this page" in html
    assert 'href="https://www.bbc.co.uk/weather"' in html
    assert "If you need help now" in html
    assert "Samaritans" in html
    assert 'href="tel:116123"' in html
    assert "Sign in" in html


def test_exit_target_is_a_site_setting(client, network_settings):
    network_settings.exit_page_url = "https://www.example.com/news"
    network_settings.save()
    assert 'href="https://www.example.com/news"' in client.get("/").text


def test_page_loads_nothing_from_other_sites(client, network_settings):
    html = client.get("/").text
    for attribute in re.findall(r'(?:src|href)="([^"]+)"', html):
        if attribute.startswith(("http://", "https://", "//")):
            # Plain links a person may choose to follow are fine; nothing is fetched from them.
            assert re.search(rf'<a [^>]*href="{re.escape(attribute)}"', html), attribute


def test_signed_in_header_shows_account_and_sign_out(client, member):
    client.force_login(member)
    html = client.get("/").text
    assert "Your account" in html
    assert "Sign out" in html
    assert "Join the network" not in html


def test_home_page_query_budget(client, network_settings, django_assert_max_num_queries):
    client.get("/")  # warm caches that every request shares
    # 6 for the frame, 4 for the network's sections (drop-in, index pages, next sessions, latest news).
    with django_assert_max_num_queries(12):
        client.get("/")


class TestHomePageRules(WagtailPageTestCase):
    def test_home_page_sits_under_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_is_renderable(self):
        home = HomePage.objects.get()
        self.assertPageIsRenderable(home)

    def test_a_second_home_page_cannot_be_created(self):
        assert not HomePage.can_create_at(Page.get_first_root_node())


def test_home_page_lists_consultations_open_to_everyone(client, home_page):
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from consultations.models import Consultation

    now = timezone.now()
    day = timezone.timedelta(days=1)
    Consultation.objects.create(
        question="What should the hub do in the evenings?", opens_at=now - day, closes_at=now + day
    )
    Consultation.objects.create(
        question="A question for last year", opens_at=now - 9 * day, closes_at=now - 8 * day
    )
    Consultation.objects.create(
        question="Only for the women's group",
        opens_at=now - day,
        closes_at=now + day,
        eligible_group=Group.objects.get(name="Members"),
    )
    html = client.get("/").text
    assert "What should the hub do in the evenings?" in html
    assert "A question for last year" not in html
    assert "Only for the women's group" not in html
    assert "Join the network</a> to take part" in html


def test_home_page_says_when_nothing_is_open(client, home_page):
    assert "There is nothing open to have your say on right now" in client.get("/").text
