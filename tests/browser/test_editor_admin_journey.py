"""An editor's morning in the Wagtail admin: from the dashboard's shortcut to a closure day, Publish
as the main button, "Pages" opening on the home page, and a new page that is not saved behind
their back.

axe-core checks the portal's own pages, and the admin's dashboard and page listing, in full. On
the admin's edit forms it checks the part the portal words (the closures panel): the rest of those
forms is Wagtail's own markup, where axe-core finds what only Wagtail can change (no level-one
heading on a snippet form; the tag field and the minimap on the page editor).
"""

import datetime

import pytest
from playwright.sync_api import expect

from accounts.roles import EDITORS
from network.models import NewsPage, OpeningException
from tests.browser.steps import sign_in
from tests.checks import AXE_TAGS, assert_accessible, axe_source
from tests.factories.accounts import user_with_roles
from tests.factories.network import public_site

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def wait_until_still(page):
    """Until the page has stopped scrolling: Wagtail scrolls to a row it adds, and axe-core would
    measure buttons halfway under the sticky header."""
    page.wait_for_function(
        "() => new Promise(done => { const y = window.scrollY; setTimeout(() => done(window.scrollY === y), 300); })"
    )


def assert_accessible_part(page, selector):
    page.wait_for_load_state("load")
    wait_until_still(page)
    page.evaluate(axe_source())
    result = page.evaluate(
        "async ([selector, tags]) => await axe.run(selector, {runOnly: {type: 'tag', values: tags}})",
        [selector, AXE_TAGS],
    )
    problems = [
        f"{violation['id']}: {violation['help']} -> "
        + "; ".join(
            str(node["target"]) + " " + node.get("failureSummary", "") for node in violation["nodes"][:3]
        )
        for violation in result["violations"]
    ]
    assert not problems, f"axe-core found problems in {selector} on {page.url}:\n" + "\n".join(problems)


def test_an_editor_adds_a_closure_publishes_and_finds_pages(page, home_page, network_settings):
    site = public_site(home_page, groups=1, news=1)
    # As the demo makes its editor: staff, superuser and in the Editors role.
    editor = user_with_roles(EDITORS, is_staff=True, is_superuser=True)

    sign_in(page, editor)
    assert_accessible(page)

    # The dashboard offers the jobs an editor comes to do.
    page.goto("/admin/")
    shortcuts = page.locator("#editor-shortcuts-section")
    expect(shortcuts.get_by_role("heading", name="What would you like to do?")).to_be_visible()
    expect(shortcuts.get_by_role("link", name="Write a news story")).to_be_visible()
    assert_accessible(page)

    # A closure day, in plain words, straight from the shortcut.
    shortcuts.get_by_role("link", name="Add a closure day at The Net Loft").click()
    closures = page.locator("#panel-closures_and_holiday_hours-section")
    expect(closures.get_by_role("heading", name="Closures and holiday hours")).to_be_visible()
    closures.get_by_role("button", name="Add closure day").click()
    expect(closures.get_by_text("Closure day 1")).to_be_visible()
    # The panel's words and its new row. (The anchor leaves Wagtail's own header of the panel under
    # the sticky bar at the top, where axe-core measures its toggle as too small to press.)
    assert_accessible_part(page, "#panel-closures_and_holiday_hours-content")
    closures.get_by_label("First day").fill("2026-12-25")
    page.keyboard.press("Escape")  # closes the date picker, which would cover the Save button
    closures.get_by_label("Last day").fill("2026-12-26")
    page.keyboard.press("Escape")
    closures.get_by_label("Reason").fill("Christmas holidays")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Venue 'The Net Loft' updated.")).to_be_visible()
    closure = OpeningException.objects.get(venue=site.venue)
    assert (closure.start_date, closure.end_date, closure.closed) == (
        datetime.date(2026, 12, 25),
        datetime.date(2026, 12, 26),
        True,
    )

    # A news story, from its shortcut: Publish is the main button, not under "More actions".
    stories_before = NewsPage.objects.count()
    page.goto("/admin/")
    page.locator("#editor-shortcuts-section").get_by_role("link", name="Write a news story").click()
    footer = page.locator("footer")
    expect(footer.get_by_role("button", name="Publish")).to_be_visible()
    expect(footer.get_by_role("button", name="Save draft")).to_be_hidden()

    # The story is not made while its title is typed (no autosave until it is saved).
    page.wait_for_timeout(2_500)  # Wagtail takes a first look at the form after two seconds
    page.get_by_role("textbox", name="Title*").press_sequentially("Christmas opening", delay=20)
    page.wait_for_timeout(3_000)
    assert NewsPage.objects.count() == stories_before
    assert "/add/" in page.url

    # "Pages" opens on the home page, not on Wagtail's root.
    page.goto("/admin/")
    page.get_by_role("navigation").get_by_role("button", name="Pages").click()
    explorer = page.get_by_role("dialog")
    explorer.get_by_role("link", name="Welcome").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")
    expect(page.get_by_role("link", name="News", exact=True)).to_be_visible()
    assert_accessible(page)
    expect(page.get_by_text("add new sites to your Wagtail installation")).to_have_count(0)
