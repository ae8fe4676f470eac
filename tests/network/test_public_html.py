"""Every public page type is valid HTML. One run of the Nu checker over all of them: it starts slowly."""

import json
import shutil
import subprocess

import pytest

from tests.checks import vnu_jar
from tests.factories.network import OpeningExceptionFactory, public_site

pytestmark = pytest.mark.django_db


def html_errors_by_file(paths):
    java = shutil.which("java")
    if java is None:
        pytest.skip("The HTML check needs Java 17 or newer (sudo apt-get install default-jre-headless).")
    result = subprocess.run(  # noqa: S603
        [java, "-jar", str(vnu_jar()), "--errors-only", "--format", "json", *map(str, paths)],
        capture_output=True,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout or b'{"messages": []}')["messages"]
    return [
        f"{m.get('url', '?').rsplit('/', 1)[-1]} line {m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]


def test_every_public_page_type_is_valid_html(client, home_page, network_settings, tmp_path):
    site = public_site(home_page, groups=2, news=2)
    OpeningExceptionFactory(venue=site.venue)
    session = site.groups[0].sessions.first()
    session.cancelled = True
    session.save()
    site.news[0].tags.add("housing")
    site.news[0].save()
    urls = {
        "home": "/",
        "drop-in": site.drop_in.url,
        "groups": site.group_index.url,
        "groups-filtered": site.group_index.url + "?day=99&format=in_person",
        "group": site.groups[0].url,
        "news": site.news_index.url + "?tag=housing",
        "news-story": site.news[0].url,
        "about": site.about.url,
        "search": "/search/?q=group",
        "search-empty": "/search/?q=zzzz",
    }
    paths = []
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, url
        path = tmp_path / f"{name}.html"
        path.write_text(response.text)
        paths.append(path)
    errors = html_errors_by_file(paths)
    assert not errors, "The Nu HTML Checker found errors:\n" + "\n".join(errors)
