"""Playwright on the system's Chromium. Never a browser downloaded by a test tool.

Every request a page makes to another host is answered here, recorded, and fails the test
unless the test expected it: the portal must make no third-party requests.
"""

import os
import re
import shutil
import threading
from urllib.parse import urlsplit

import pytest
from django.conf import settings

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOW_TO_GET_CHROMIUM = (
    "Browser tests need Chromium. Install it with `sudo apt-get install chromium` "
    "(or set CHROMIUM_PATH to a Chromium or Chrome binary)."
)


def find_chromium():
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured if os.path.exists(configured) else None
    for candidate in CHROMIUM_CANDIDATES:
        if os.path.exists(candidate):
            return candidate
    return shutil.which("chromium")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium(django_db_setup):
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Django keeps the database's initial content (Wagtail's root page and site, the roles) on
    # each connection object, to restore it after a transactional test. Starting Playwright
    # changes the execution context, so Django hands out new connection objects afterwards:
    # carry the saved content over to them.
    saved_contents = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }

    executable = find_chromium()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail(HOW_TO_GET_CHROMIUM + " In CI a skipped browser test counts as a failure.")
        pytest.skip(HOW_TO_GET_CHROMIUM)
    with sync_playwright() as playwright:
        for alias, contents in saved_contents.items():
            connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class OutsideRequests(list):
    """URLs the page tried to load from other hosts, answered locally and never sent."""


@pytest.fixture
def outside_requests():
    return OutsideRequests()


@pytest.fixture(scope="session")
def live_server(live_server):
    """On SQLite the test server's threads share the test's one in-memory connection, which two
    requests at once would use together ("bad parameter or other API misuse"), as when the
    Wagtail admin asks for several things at once: there, requests are answered one at a time."""
    if "sqlite" in settings.DATABASES["default"]["ENGINE"]:
        server = live_server.thread.httpd
        app, lock = server.get_app(), threading.Lock()

        def one_at_a_time(environ, start_response):
            with lock:
                return app(environ, start_response)

        server.set_app(one_at_a_time)
    return live_server


@pytest.fixture
def page(chromium, live_server, outside_requests):
    server_host = urlsplit(live_server.url).netloc
    context = chromium.new_context(base_url=live_server.url, locale="en-GB", timezone_id="Europe/London")
    context.set_default_timeout(10_000)

    def answer_outside_requests(route):
        outside_requests.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<!DOCTYPE html><title>Elsewhere</title>")

    # Only requests to other hosts are stopped (the browser matches the pattern itself): the
    # test server's own pages and files go straight through, not round by this process.
    context.route(re.compile(rf"^(?!https?://{re.escape(server_host)}(?:[/?#]|$))"), answer_outside_requests)
    browser_page = context.new_page()
    console_errors = []
    browser_page.on(
        "console", lambda message: console_errors.append(message.text) if message.type == "error" else None
    )
    yield browser_page
    context.close()
    assert not console_errors, f"The browser console reported errors: {console_errors}"
    assert not outside_requests, f"The page made requests to other hosts: {list(outside_requests)}"
