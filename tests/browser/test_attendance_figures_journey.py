"""A board representative reads the attendance figures: the page passes axe-core, reflows at
320 px, and a day typed wrongly gets a kind message with the figures still there. (Its HTML is
checked in tests/network/test_attendance_figures.py: a browser test empties the database, so it
cannot share the HTML checker's worker.)"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import BOARD_REPRESENTATIVES
from network.models import SessionRegistration
from tests.browser.steps import sign_in
from tests.browser.test_every_page_type import sideways_scroll_at_320
from tests.checks import assert_accessible
from tests.factories import MemberFactory, user_with_roles
from tests.factories.network import GroupIndexPageFactory, GroupPageFactory, GroupSessionFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def groups_with_attendance(home_page):
    index = GroupIndexPageFactory(parent=home_page, slug="groups")
    now = timezone.now().replace(microsecond=0)
    for title, came, walk_ins in (("Allotment group", 7, 2), ("Breakfast club", 3, 6)):
        group = GroupPageFactory(parent=index, title=title)
        for weeks_ago in (1, 5):
            session = GroupSessionFactory(
                group=group, starts_at=now - datetime.timedelta(weeks=weeks_ago), walk_ins=walk_ins
            )
            for _ in range(came):
                SessionRegistration.objects.create(session=session, member=MemberFactory(), attended=True)


def test_the_figures_page_is_accessible_reflows_and_is_kind_about_a_wrong_day(
    page, network_settings, home_page
):
    groups_with_attendance(home_page)
    sign_in(page, user_with_roles(BOARD_REPRESENTATIVES))
    page.goto("/groups/figures/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Attendance at peer groups")
    expect(
        page.get_by_role("img", name="Bar chart: people who came to any group, month by month")
    ).to_be_visible()
    expect(page.get_by_role("table", name="Allotment group")).to_be_visible()
    assert_accessible(page)
    assert sideways_scroll_at_320(page) is None

    page.get_by_label("First day").fill("2026-03-10")
    page.get_by_label("Last day").fill("2026-03-01")
    page.get_by_role("button", name="Show figures").click()
    expect(page.get_by_role("alert")).to_contain_text("The last day must be on or after the first day.")
    expect(page.get_by_role("table", name="All groups")).to_be_visible()
    assert_accessible(page)
