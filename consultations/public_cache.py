"""What visitors read of the consultations (visitors.py) may come from the page cache, so a
change to what those pages show makes cached pages stale at once, on every app server: a new
or changed question, a priority published, changed, merged or taken down (taken down means gone
from every public page), and votes counted in the room.

Online votes do not empty the cache: they come many a minute while a consultation is open, and
the counts a visitor may see (only where a consultation shows them while open) are the protected
ones, at most PAGE_CACHE_SECONDS old, as any cached page is.

Connected to these models by name only: a receiver for every model would make Django read each
row of any other model before deleting it (a vote taken back), to send a signal nobody wants."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from portal.page_cache import invalidate_all

from .models import Consultation, InRoomTally, Priority, Theme

SHOWN_TO_VISITORS = (Consultation, Theme, Priority, InRoomTally)


def public_consultation_changed(sender, **kwargs):
    transaction.on_commit(invalidate_all)


def connect():
    for model in SHOWN_TO_VISITORS:
        for signal in (post_save, post_delete):
            signal.connect(
                public_consultation_changed,
                sender=model,
                dispatch_uid=f"consultations_public_{model._meta.model_name}_{signal is post_save}",
            )
