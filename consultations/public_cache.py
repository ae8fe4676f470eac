"""What visitors read of the consultations (visitors.py) may come from the page cache, so a
change to what those pages show makes cached pages stale at once, on every app server: a new
or changed question, a priority published, changed, merged or taken down (taken down means gone
from every public page), and votes counted in the room.

Online votes do not empty the cache: they come many a minute while a consultation is open, and
the counts a visitor may see (only where a consultation shows them while open) are the protected
ones, at most PAGE_CACHE_SECONDS old, as any cached page is."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from portal.page_cache import invalidate_all

SHOWN_TO_VISITORS = {
    "consultations.consultation",
    "consultations.theme",
    "consultations.priority",
    "consultations.inroomtally",
}


@receiver(post_save, dispatch_uid="consultations_public_pages_saved")
@receiver(post_delete, dispatch_uid="consultations_public_pages_deleted")
def public_consultation_changed(sender, **kwargs):
    if sender._meta.label_lower in SHOWN_TO_VISITORS:
        transaction.on_commit(invalidate_all)
