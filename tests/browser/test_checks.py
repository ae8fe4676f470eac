"""The accessibility check itself finds what it is there to find, so a page it passes is a page
without those faults (axe-core reports only violations: tests/checks.py)."""

import pytest

from tests.checks import assert_accessible, axe_violations

# Like every browser test (the test server shares the database the others use).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FAULTY = """<!DOCTYPE html><html lang="en"><head><title>Faults</title></head><body><main>
<h1>Faults on purpose</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<p style="color:#bbb;background:#fff">Pale grey words on white</p>
<form><input type="text" name="who"></form>
</main></body></html>"""

FINE = """<!DOCTYPE html><html lang="en"><head><title>Fine</title></head><body><main>
<h1>Nothing wrong here</h1><p>Dark words on white.</p>
<form><label for="who">Your name</label><input type="text" id="who" name="who"></form>
</main></body></html>"""


def test_axe_names_a_missing_alt_text_low_contrast_and_an_unlabelled_field(page):
    page.set_content(FAULTY)
    found = {violation["id"] for violation in axe_violations(page)}
    assert {"image-alt", "color-contrast", "label"} <= found
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(page)


def test_a_page_without_those_faults_passes(page):
    page.set_content(FINE)
    assert axe_violations(page) == []
