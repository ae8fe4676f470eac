"""One run of the Nu HTML Checker over every page the tests in the xdist group "html" gathered.

The checker is a Java program that takes seconds to start. Tests that check pages (with
`tests.checks.assert_valid_html`) and carry `pytest.mark.xdist_group("html")` hand their pages
over while this test is still to come in the same process; tests/conftest.py runs it after them.
An error names the test and the page it came from. Run on its own, a test checks its own pages.
"""

import pytest

from tests.checks import assert_valid_html, gathered_pages

pytestmark = pytest.mark.xdist_group("html")


def test_every_gathered_page_is_valid_html():
    pages = gathered_pages.take()
    if not pages:
        pytest.skip("No test in this run handed pages to the HTML checker.")
    assert_valid_html(pages)
