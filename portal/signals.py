"""Content changes that make cached public pages stale."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from .page_cache import invalidate_all

# Apps whose models feed public pages: pages, snippets, settings, venues, groups, sessions.
CONTENT_APPS = {"home", "network", "wagtailcore", "wagtailimages", "wagtaildocs", "taggit"}
# Models in those apps that change often and never show on public pages.
NOT_PUBLIC = {
    "wagtailcore.pagelogentry",
    "wagtailcore.revision",
    "wagtailcore.referenceindex",
    "network.sessionregistration",
    "network.sessionlinksent",
    "network.joinrequest",
}


def shows_on_public_pages(model):
    return model._meta.app_label in CONTENT_APPS and model._meta.label_lower not in NOT_PUBLIC


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def page_changed(sender, **kwargs):
    invalidate_all()


@receiver(post_save)
@receiver(post_delete)
def content_changed(sender, **kwargs):
    if shows_on_public_pages(sender):
        invalidate_all()
