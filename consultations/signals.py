"""Board records that show on public pages ("You said, we did", its feed, the home page block):
a change makes cached public pages stale, on every app server (portal.page_cache)."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from portal.page_cache import invalidate_all

from .models import AgendaItem, Board, BoardMeeting, BoardResponse, Priority, PriorityStatus, ResponseUpdate

PUBLIC_BOARD_MODELS = (Board, BoardMeeting, AgendaItem, BoardResponse, ResponseUpdate)


@receiver(post_save)
@receiver(post_delete)
def board_record_changed(sender, **kwargs):
    if sender in PUBLIC_BOARD_MODELS:
        transaction.on_commit(invalidate_all)


@receiver(pre_delete, sender=get_user_model(), dispatch_uid="account_deleted_unpublished_priorities")
def delete_unpublished_priorities(sender, instance, **kwargs):
    """When an account goes, what it posted that never showed (waiting for a check, sent back,
    withdrawn) goes with it: nobody may publish it after the author has left. What was published
    stays, shown as "A former member"."""
    Priority.objects.filter(
        author=instance, status__in=[*PriorityStatus.editable_by_author(), PriorityStatus.WITHDRAWN]
    ).delete()
