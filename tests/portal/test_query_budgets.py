"""How many database queries each page a signed-in member, facilitator or board representative
opens asks, and that the number does not grow with what there is to show (issue 15).

Every page comes from the URL and role tables (tests/portal/test_url_matrix.py): each GET that one
of the three roles may open (a 200 there) is asked twice as that role, once to warm what is
kept between requests (the site, site settings, content types), then counted. The world is then
grown (more priorities and votes in every consultation, more groups with sessions, more news,
more board items) and every page is counted again: the numbers must be the same.

The count is what the page asks, without the savepoint the test wraps each request in.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.accounts import MemberFactory
from tests.factories.consultations import AgendaItemFactory, PriorityFactory, VoteFactory
from tests.factories.network import GroupPageFactory, NewsPageFactory
from tests.portal.every_url import every_url_pattern
from tests.portal.test_url_matrix import EXPECTED, cases_for, path_for, world  # noqa: F401
from tests.portal.url_matrix_world import request_as

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
ROLES = ("member", "facilitator", "board rep")
BUDGET = 10
# Files to download rather than pages, with what they read: each reads every table it holds
# once, whatever its length. A CSV or JSON file is made from the consultation or meeting the
# permission check read, and a CSV (the main table alone) does not read what "About this file" says.
DOWNLOADS = {
    "consultations:meeting_export": 9,
    "consultations:consultation_export": 8,
    "consultations:board_pack": 11,
    "accounts:your_data_download": 15,
    # For search engines (the same for everyone): one query for each type of page, however many.
    "sitemap": 14,
}
TEST_ONLY = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


def signed_in_pages(w):
    """(url name, label, role, path) for each GET a role may open."""
    for pattern in every_url_pattern():
        if pattern.key not in EXPECTED:
            continue
        for case in cases_for(pattern):
            if case.method != "GET":
                continue
            path = path_for(w, pattern, case)
            for role in ROLES:
                if case.expect[role] == 200:
                    yield pattern.key, case.label, role, path


def queries(w, role, path):
    request_as(w, role, "GET", path)
    with CaptureQueriesContext(connection) as captured:
        outcome = request_as(w, role, "GET", path)
    assert outcome.status == 200, (path, role, outcome)
    return [q["sql"] for q in captured.captured_queries if not q["sql"].startswith(TEST_ONLY)]


def count_every_page(w):
    return {
        (name, label, role): len(queries(w, role, path)) for name, label, role, path in signed_in_pages(w)
    }


def grow(w):
    """Several times as much of everything a signed-in page lists."""
    voters = MemberFactory.create_batch(5)
    for consultation in (w.consultation, w.closed_consultation, w.public_consultation):
        for _ in range(8):
            priority = PriorityFactory(consultation=consultation)
            for voter in voters:
                VoteFactory(priority=priority, voter=voter)
    for _ in range(4):
        GroupPageFactory(parent=w.group_index, venue=w.venue)
        NewsPageFactory(parent=w.news.get_parent())
    AgendaItemFactory(
        meeting=w.meeting,
        priorities=[PriorityFactory(consultation=w.closed_consultation) for _ in range(4)],
    )


def test_every_signed_in_page_keeps_to_its_budget_whatever_there_is_to_show(world, settings):  # noqa: F811
    # As deployed: parts the same for everyone come from the shared cache after the first asking.
    settings.PAGE_CACHE_SECONDS = 60
    # Small: at least one of each thing a page lists (a page with none asks less: no empty list).
    for consultation in (world.consultation, world.closed_consultation, world.public_consultation):
        VoteFactory(priority=PriorityFactory(consultation=consultation))
    small = count_every_page(world)
    assert len(small) > 60, "the tables give the pages"
    over = {page: count for page, count in small.items() if count > DOWNLOADS.get(page[0], BUDGET)}
    assert over == {}, "over budget: " + ", ".join(f"{page}: {count}" for page, count in over.items())

    grow(world)
    large = count_every_page(world)
    grew = {page: (small[page], large[page]) for page in small if large[page] != small[page]}
    assert grew == {}, "queries grew with the data: " + ", ".join(
        f"{p}: {a} -> {b}" for p, (a, b) in grew.items()
    )
