"""Board records that show on public pages ("You said, we did", its feed, the home page block):
a change makes cached public pages stale, on every app server (portal.page_cache)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from portal.page_cache import invalidate_all

from .models import AgendaItem, Board, BoardMeeting, BoardResponse, ResponseUpdate

PUBLIC_BOARD_MODELS = (Board, BoardMeeting, AgendaItem, BoardResponse, ResponseUpdate)


@receiver(post_save)
@receiver(post_delete)
def board_record_changed(sender, **kwargs):
    if sender in PUBLIC_BOARD_MODELS:
        transaction.on_commit(invalidate_all)
