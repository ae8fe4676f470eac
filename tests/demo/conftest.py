"""The demo site, as `make run` builds it: built once for every test in this package.

Building it takes 15-20 seconds, so the tests that read it share one build (tests/shared_database.py)
and run on one pytest-xdist worker, one after another. A test here may change the demo: its
changes are rolled back after it. Tests that need the demo built at another time, or in a
transactional test (a browser test), build their own.
"""

from pathlib import Path

import pytest

from tests.demo import load_demo_content
from tests.shared_database import shared_rows

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.xdist_group("demo"))


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker):
    """The demo content, loaded once (at the real time now) for this package's tests."""
    with shared_rows(django_db_blocker):
        with django_db_blocker.unblock():
            load_demo_content()
        yield
