"""What a visitor sees on each public page type, checked for accessibility with axe-core."""

import datetime

import pytest
from playwright.sync_api import expect

from home.models import HomePage
from network.models.choices import Audience
from tests.checks import assert_accessible
from tests.factories.network import GroupPageFactory, public_site

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def portal():
    site = public_site(HomePage.objects.get(), groups=2, news=2)
    site.women = GroupPageFactory(
        parent=site.group_index,
        title="Women's group",
        audience=Audience.WOMEN,
        weekday=2,
        first_date=datetime.date(2026, 1, 7),
        venue=site.venue,
    )
    site.news[0].tags.add("housing")
    site.news[0].save()
    return site


def test_home_page_sections(page, portal):
    page.goto("/")
    expect(page.get_by_role("heading", name="The drop-in at The Net Loft")).to_be_visible()
    expect(page.get_by_text("Open now until").or_(page.get_by_text("Closed - opens"))).to_be_visible()
    expect(page.get_by_role("heading", name="Need help now?")).to_be_visible()
    expect(page.get_by_role("heading", name="Latest news")).to_be_visible()
    assert_accessible(page)


def test_drop_in_page(page, portal):
    page.goto(portal.drop_in.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("The drop-in")
    expect(page.get_by_role("row", name="Saturday Closed")).to_be_visible()
    expect(page.get_by_role("row", name="Monday 10am to 4pm")).to_be_visible()
    expect(page.get_by_role("link", name="See The Net Loft on a map")).to_have_attribute(
        "href", "https://www.openstreetmap.org/?mlat=57.12345&mlon=-5.67890#map=18/57.12345/-5.67890"
    )
    expect(page.get_by_text("Money advice", exact=False).first).to_be_visible()
    assert_accessible(page)


def test_group_index_and_group_pages(page, portal):
    page.goto(portal.group_index.url)
    expect(page.get_by_role("heading", name="3 groups")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Women's group").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Women's group")
    expect(page.get_by_text("Every Wednesday, 6pm to 7:30pm")).to_be_visible()
    expect(page.get_by_role("heading", name="Next sessions")).to_be_visible()
    assert_accessible(page)


def test_news_index_and_story(page, portal):
    page.goto(portal.news_index.url)
    page.get_by_role("link", name="housing").click()
    expect(page.get_by_text("About housing")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=portal.news[0].title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(portal.news[0].title)
    assert_accessible(page)


def test_standard_page_and_search(page, portal):
    page.goto(portal.about.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("About the network")
    assert_accessible(page)
    page.goto("/search/")
    page.get_by_label("Search this site").fill("network")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("main").get_by_role("link", name="About the network")).to_be_visible()
    assert_accessible(page)


def test_group_filter_works_without_javascript(chromium, live_server, portal):
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    no_js_page = context.new_page()
    no_js_page.goto(portal.group_index.url)
    no_js_page.get_by_label("Who it is for").select_option(label="Women")
    no_js_page.get_by_role("button", name="Show groups").click()
    expect(no_js_page.get_by_role("heading", name="1 group")).to_be_visible()
    expect(no_js_page.get_by_role("link", name="Women's group")).to_be_visible()
    assert "audience=women" in no_js_page.url
    context.close()
