import pytest
from playwright.sync_api import expect

from home.models import HomePage
from tests.checks import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
EXIT_URL = "https://www.bbc.co.uk/weather"


def test_home_page_renders_accessibly(page):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text(HomePage.objects.get().title)
    expect(
        page.get_by_role("navigation", name="Your account").get_by_role("link", name="Join the network")
    ).to_be_visible()
    assert_accessible(page)


def test_skip_link_is_the_first_thing_a_keyboard_reaches(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main-content")


def test_exit_this_page_replaces_only_the_page_it_leaves(page, outside_requests, live_server):
    page.goto("/")
    page.goto("/accounts/login/")
    page.get_by_role("button", name="Emergency Exit this page").click()
    page.wait_for_url(EXIT_URL)
    assert outside_requests == [EXIT_URL]
    outside_requests.clear()
    # Back skips the page they left: its history entry was replaced.
    page.go_back()
    page.wait_for_load_state()
    assert not page.url.endswith("/accounts/login/")
    # But the portal page before it is still in the history: no script can erase history, and the
    # site says so (Staying safe online) rather than promising more.
    assert page.url == f"{live_server.url}/"


def test_exit_this_page_by_pressing_shift_three_times(page, outside_requests):
    page.goto("/")
    page.get_by_role("heading", level=1).click()
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL)
    assert outside_requests == [EXIT_URL]
    outside_requests.clear()


def test_two_shift_presses_do_not_exit(page):
    page.goto("/")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("a")
    page.keyboard.press("Shift")
    page.wait_for_timeout(200)
    assert page.url.endswith("/")


def test_exit_works_without_javascript(chromium, live_server):
    context = chromium.new_context(java_script_enabled=False)
    requested = []

    def answer(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            requested.append(route.request.url)
            route.fulfill(status=200, content_type="text/html", body="<title>Elsewhere</title>")

    context.route("**/*", answer)
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Emergency Exit this page").click()
    page.wait_for_url(EXIT_URL)
    assert requested == [EXIT_URL]
    context.close()


def test_staying_safe_online_is_beside_the_button_and_accessible(page):
    page.goto("/")
    exit_area = page.get_by_role("complementary", name="About leaving quickly")
    exit_area.get_by_role("link", name="Staying safe online").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Staying safe online")
    expect(page.get_by_role("heading", name="What the button cannot do")).to_be_visible()
    assert_accessible(page)


def test_the_shift_hint_shows_with_a_keyboard_and_mouse_only(chromium, live_server):
    hint = "Or press the Shift key 3 times."
    desktop = chromium.new_context(java_script_enabled=False)
    page = desktop.new_page()
    page.goto(live_server.url + "/privacy/")
    expect(page.get_by_text(hint)).to_be_visible()
    desktop.close()
    # A phone: no hover, a coarse pointer. Hidden by CSS alone, so without JavaScript too.
    phone = chromium.new_context(
        java_script_enabled=False, has_touch=True, is_mobile=True, viewport={"width": 360, "height": 740}
    )
    page = phone.new_page()
    page.goto(live_server.url + "/privacy/")
    assert page.evaluate("matchMedia('(hover: none) and (pointer: coarse)').matches")
    expect(page.get_by_text(hint)).to_be_hidden()
    expect(page.get_by_role("button", name="Emergency Exit this page")).to_be_visible()
    phone.close()


def test_privacy_notice_is_reached_from_the_footer_and_accessible(page):
    page.goto("/")
    page.get_by_role("contentinfo").get_by_role("link", name="Privacy notice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy notice")
    expect(page.get_by_role("heading", name="If you are not happy")).to_be_visible()
    assert_accessible(page)


def test_on_a_phone_the_header_is_compact_and_only_the_exit_button_stays_in_view(page):
    """Header, menu and exit button take less than half a phone's screen, and once the page
    scrolls only the button stays at the top: the words under it would cover the page at 200%."""
    HomePage.objects.filter(depth=2).update(introduction="Welcome. " * 200)
    page.set_viewport_size({"width": 375, "height": 667})
    page.goto("/")
    heading = page.get_by_role("heading", level=1).bounding_box()
    assert heading["y"] < 667 / 2, heading
    page.evaluate("() => window.scrollTo(0, 1200)")
    assert page.evaluate("() => window.scrollY") > 1000
    button = page.get_by_role("button", name="Emergency Exit this page").bounding_box()
    staying_safe = page.get_by_role("link", name="Staying safe online").first.bounding_box()
    assert 0 <= button["y"] < 60, button
    assert staying_safe["y"] + staying_safe["height"] < 0, staying_safe
