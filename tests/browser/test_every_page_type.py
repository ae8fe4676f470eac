"""axe-core on one page of every type each role can reach on the demo site, and the same page at
320 CSS pixels wide (a phone, or 1280 px at 400% zoom: WCAG 1.4.10 Reflow) with no sideways scroll.

The pages are found by following links (tests/demo/test_crawl.py), so a new page type is
checked as soon as something links to it. Pages of the same view (or Wagtail page type) count
as one type.
"""

from urllib.parse import urlsplit

import pytest
from django.test import Client, RequestFactory
from django.urls import resolve
from playwright.sync_api import expect
from wagtail.models import Page

from tests.browser.steps import sign_in
from tests.checks import assert_accessible
from tests.demo.test_crawl import ROLES, crawl

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DEMO_PASSWORDS = {
    "member@example.org": "demo-member-2026",
    "facilitator@example.org": "demo-facilitator-2026",
    "board@example.org": "demo-board-2026",
}


def page_type(url):
    path = urlsplit(url).path
    match = resolve(path)
    if match.url_name == "wagtail_serve":
        request = RequestFactory().get(path)
        page = Page.find_for_request(request, path)
        return page.specific_class.__name__ if page else path
    return match.view_name


def one_url_per_type(client, start_urls):
    _seen, problems, html_pages = crawl(client, start_urls)
    assert not problems, problems
    chosen = {}
    for url in html_pages:
        chosen.setdefault(page_type(url), url)
    return chosen


PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 720}
SIDEWAYS_SCROLL = """() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return null;
    const wide = [...document.querySelectorAll("body *")]
        .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
        .map((el) => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ")[0] : ""));
    return `${root.scrollWidth}px wide: ${wide.slice(-3).join(", ")}`;
}"""


def sideways_scroll_at_320(page):
    page.set_viewport_size(PHONE)
    try:
        return page.evaluate(SIDEWAYS_SCROLL)
    finally:
        page.set_viewport_size(DESKTOP)


@pytest.mark.slow  # minutes: `make test` starts it first
@pytest.mark.parametrize("role", ROLES)
def test_every_page_type_is_accessible_and_reflows(page, role):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    email, start_urls = ROLES[role]
    client = Client()
    if email:
        client.force_login(get_user_model().objects.get(email=email))
        sign_in(page, get_user_model().objects.get(email=email), password=DEMO_PASSWORDS[email])

    types = one_url_per_type(client, start_urls)
    assert len(types) >= 10, types
    checked = []
    for name, url in sorted(types.items()):
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        try:
            assert_accessible(page)
        except AssertionError as problem:
            checked.append(f"{name}: {problem}")
        overflow = sideways_scroll_at_320(page)
        if overflow:
            checked.append(f"{name} ({url}) scrolls sideways at 320px: {overflow}")
    assert not checked, "\n".join(checked)
