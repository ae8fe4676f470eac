"""What the shared cache keeps of what the code makes belongs to the code that made it
(portal/release.py): after a deploy, the new templates show at once, and app servers on the old
and the new code never read each other's copies. A version the cache dropped is never used again."""

import shutil

import pytest
from django.core.cache import cache

from consultations.figures_cache import cached_figures
from portal.page_cache import current_version, version_key
from portal.release import code_digest, release
from portal.shared_reads import remember

pytestmark = pytest.mark.django_db

NEW_WORDS = "Words that came with the new release"


@pytest.fixture
def deploy(tmp_path, settings):
    """deploy(): this app server now runs other code, whose pages all say NEW_WORDS."""
    release.cache_clear()

    def deploy():
        code = tmp_path / "new-code"
        shutil.copytree(settings.BASE_DIR / "templates", code / "templates")
        base = code / "templates" / "base.html"
        base.write_text(base.read_text().replace("</main>", f"<p>{NEW_WORDS}</p></main>", 1))
        settings.BASE_DIR = code
        settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [code / "templates"]}]
        release.cache_clear()

    yield deploy
    release.cache_clear()


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


def test_after_a_deploy_visitors_get_the_new_pages_at_once(client, network_settings, page_cache_on, deploy):
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"
    deploy()
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert NEW_WORDS in response.text
    assert client.get("/")["X-Page-Cache"] == "hit"


def test_servers_on_the_old_and_the_new_code_keep_their_own_pages(
    client, network_settings, page_cache_on, deploy, monkeypatch
):
    old_release = release()
    client.get("/")
    deploy()
    assert NEW_WORDS in client.get("/").text
    # An app server still on the old code, sharing the cache: its own copy, with the old words.
    monkeypatch.setattr("portal.page_cache.release", lambda: old_release)
    response = client.get("/")
    assert response["X-Page-Cache"] == "hit"
    assert NEW_WORDS not in response.text


def test_what_is_read_once_and_shared_is_read_again_after_a_deploy(network_settings, deploy):
    assert remember("greeting", lambda: "made by the old code") == "made by the old code"
    assert remember("greeting", lambda: "not made again") == "made by the old code"
    deploy()
    assert remember("greeting", lambda: "made by the new code") == "made by the new code"


def test_a_consultations_figures_are_counted_again_after_a_deploy(consultation, deploy):
    counted = []

    def count(ids):
        counted.append(release())
        return {pk: f"figures counted by {release()}" for pk in ids}

    first = cached_figures([consultation.pk], count)
    assert cached_figures([consultation.pk], count) == first
    assert len(counted) == 1
    deploy()
    assert cached_figures([consultation.pk], count) == {consultation.pk: f"figures counted by {release()}"}
    assert len(counted) == 2
    assert counted[0] != counted[1]


def test_a_version_the_cache_dropped_is_never_used_again(client, network_settings, page_cache_on):
    """A full cache makes room by dropping keys, the version's own among them. Copies made under
    that version may still be there: the version that replaces it must be a new one."""
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    before = current_version()
    cache.delete(version_key())
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert current_version() > before


def test_the_digest_is_of_what_the_files_hold(tmp_path):
    code = tmp_path / "code"
    (code / "templates").mkdir(parents=True)
    (code / "portal").mkdir()
    page = code / "templates" / "page.html"
    page.write_text("<p>Hello</p>")
    (code / "portal" / "views.py").write_text("answer = 42\n")
    (code / "requirements.txt").write_text("django==6.1\n")
    first = code_digest(code)

    assert code_digest(code) == first
    page.touch()  # a later date, the same words
    assert code_digest(code) == first
    (code / "portal" / "__pycache__").mkdir()
    (code / "portal" / "__pycache__" / "views.cpython-313.pyc").write_bytes(b"\x00compiled")
    (code / "templates" / ".page.html.swp").write_text("an editor's file")
    (code / "tests").mkdir()
    (code / "tests" / "test_more.py").write_text("def test(): pass\n")
    assert code_digest(code) == first

    page.write_text("<p>Hello!</p>")
    assert code_digest(code) != first
    page.write_text("<p>Hello</p>")
    assert code_digest(code) == first
    (code / "requirements.txt").write_text("django==6.1.1\n")
    assert code_digest(code) != first
    (code / "requirements.txt").write_text("django==6.1\n")
    page.rename(code / "templates" / "other.html")
    assert code_digest(code) != first


def test_this_release_is_the_digest_of_the_projects_code(settings):
    release.cache_clear()
    assert release() == code_digest(settings.BASE_DIR)
    assert len(release()) == 16
