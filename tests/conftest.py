import pytest
from asgiref.local import Local
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.tasks import task_backends
from wagtail.models import Site

from portal.models import NetworkSettings
from tests.factories import MemberFactory


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


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


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
