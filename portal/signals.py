"""Content changes that make cached public pages stale.

Wagtail's page events always do. Beyond pages, each app says in its AppConfig whether its models
feed public pages (`public_content = True`) and which of them never do (`private_models`), so the
portal never has to name the apps built on top of it.
"""

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from .page_cache import content_changing
from .shared_reads import SharedSiteSetting

# Libraries whose models show on public pages: pages, images, documents, tags.
LIBRARY_CONTENT_APPS = {"wagtailcore", "wagtailimages", "wagtaildocs", "taggit"}
# Library models that change often and never show on public pages.
LIBRARY_PRIVATE_MODELS = {"wagtailcore.pagelogentry", "wagtailcore.revision", "wagtailcore.referenceindex"}


def shows_on_public_pages(model):
    config = model._meta.app_config
    if config is None:  # a model as a migration sees it
        return False
    label = model._meta.label_lower
    if label in LIBRARY_PRIVATE_MODELS or label in getattr(config, "private_models", ()):
        return False
    return config.label in LIBRARY_CONTENT_APPS or getattr(config, "public_content", False)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def page_changed(sender, **kwargs):
    content_changing()


def content_changed(sender, instance=None, signal=None, **kwargs):
    if signal is post_save and isinstance(instance, SharedSiteSetting):
        return  # it moves the version on itself, once committed too (portal/shared_reads.py)
    content_changing()


def connect_content_changes():
    """Listen to the models that show on public pages, each by name, once every app is ready.
    (A receiver for all models would make Django read every row of any model before deleting
    it, to send a signal nobody wants.)"""
    for model in apps.get_models():
        if shows_on_public_pages(model):
            uid = f"content_changed_{model._meta.label_lower}"
            for signal in (post_save, post_delete):
                signal.connect(content_changed, sender=model, dispatch_uid=uid)
