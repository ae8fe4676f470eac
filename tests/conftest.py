import os
from pathlib import Path

import pytest
from asgiref.local import Local
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.tasks import task_backends
from hypothesis import settings as hypothesis_settings
from redis.exceptions import RedisError
from wagtail.models import Site

from accounts.roles import FACILITATORS
from portal.models import NetworkSettings
from tests.checks import gathered_pages
from tests.factories import MemberFactory
from tests.factories.accounts import UserFactory, user_with_roles
from tests.factories.consultations import ConsultationFactory
from tests.xdist_groups import GroupSuffixes, group_suffix

HTML_CHECKER = Path(__file__).resolve().parent / "test_html_checker.py"

# Property tests (Hypothesis): a modest number of examples each, so they stay fast. In CI the
# examples follow from each test's name (derandomize), so a run is repeatable; a test may still
# ask for more with its own @settings.
hypothesis_settings.register_profile("portal", max_examples=60, deadline=None)
hypothesis_settings.register_profile(
    "ci", parent=hypothesis_settings.get_profile("portal"), derandomize=True, database=None, print_blob=True
)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "portal")


def transactional(item):
    marker = item.get_closest_marker("django_db")
    return bool(
        (marker and marker.kwargs.get("transaction"))
        or {"transactional_db", "live_server"} & set(item.fixturenames)
    )


def pytest_collection_modifyitems(items):
    """After pytest-django has put the tests that empty the database (transactional) last.

    `make test` spreads tests over pytest-xdist workers one by one, in this order. A module of
    production tests shares one production site (migrated, collected, served by gunicorn): keep
    each such module on one worker, so the site is built once. Tests marked slow (minutes each)
    start first, so no worker is left running one alone at the end; transactional ones first
    among the transactional. The HTML checker comes last (test_html_checker.py)."""
    for item in items:
        if item.get_closest_marker("production") and not item.get_closest_marker("xdist_group"):
            item.add_marker(pytest.mark.xdist_group("production:" + item.nodeid.split("::")[0]))
    items.sort(key=lambda item: (transactional(item), not item.get_closest_marker("slow")))
    checker = [item for item in items if item.path == HTML_CHECKER]
    items[:] = [item for item in items if item.path != HTML_CHECKER] + checker


def pytest_configure(config):
    if config.getoption("loadgroup", False):  # an xdist worker, run with --dist loadgroup
        config.pluginmanager.register(GroupSuffixes(), "xdist-group-suffixes")


def runs_groups_in_order(config):
    """In one process, or on an xdist worker of --dist loadgroup (which sends each group to one
    worker, in order); xdist sets "dist" to "no" on its workers."""
    if hasattr(config, "workerinput"):
        return config.getoption("loadgroup", False)
    return config.getoption("dist", "no") == "no"


def pytest_collection_finish(session):
    # Pages are gathered only if the checker runs later in this process.
    gathered_pages.checker_will_run = runs_groups_in_order(session.config) and any(
        item.path == HTML_CHECKER for item in session.items
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    in_html_group = group_suffix(item) == "@html"
    gathered_pages.gathering_for = item.nodeid.removesuffix("@html") if in_html_group else None
    try:
        return (yield)
    finally:
        gathered_pages.gathering_for = None


@pytest.fixture
def site(db):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home_page(site):
    return site.root_page.specific


@pytest.fixture
def network_settings(site):
    settings = NetworkSettings.for_site(site)
    settings.organisation_name = "Testbay Recovery Network"
    settings.phone = "01234 000 111"
    settings.crisis_contacts = [
        ("contact", {"name": "Samaritans", "phone": "116 123", "description": "Any time", "url": ""})
    ]
    settings.save()
    return settings


@pytest.fixture
def member(db):
    return MemberFactory()


def empty_the_cache():
    """Empty this test process's cache. On Redis, only this process's keys: the pytest-xdist
    workers share one Redis database, and cache.clear() would empty it under the others' feet
    (portal/settings/test.py gives each process a key prefix of its own)."""
    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        cache.clear()
        return
    try:
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{cache.key_prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
    except RedisError:
        pass  # Redis is away (tests/portal/test_cache_outage.py): there is nothing to empty.


@pytest.fixture(autouse=True)
def _fresh_cache():
    empty_the_cache()
    yield
    empty_the_cache()


@receiver(setting_changed)
def _task_backends_follow_settings(setting, **kwargs):
    # Django re-reads CACHES and the like when a test changes them, but not TASKS.
    if setting == "TASKS":
        task_backends.__dict__.pop("settings", None)
        task_backends._settings = None
        task_backends._connections = Local(task_backends.thread_critical)


@pytest.fixture
def queued_tasks(settings):
    """A task backend that keeps what was queued instead of running it, as a real queue would
    until a worker picks it up. `queued_tasks.results` lists what was queued."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    return task_backends["default"]


# People and a consultation that tests of several apps use.


@pytest.fixture
def consultation(db):
    return ConsultationFactory()


@pytest.fixture
def facilitator(db):
    return user_with_roles(FACILITATORS)


@pytest.fixture
def staff(db):
    """Staff who are not members themselves."""
    return UserFactory(is_staff=True)
