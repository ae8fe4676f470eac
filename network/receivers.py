"""Keep each group's session rows in step with its published schedule, and its places counted
when an account goes."""

from django.contrib.auth import get_user_model
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from .models import GroupPage
from .services import group_sessions_sync, member_places_give_up


@receiver(page_published, sender=GroupPage)
@receiver(page_unpublished, sender=GroupPage)
def sync_sessions_with_schedule(sender, instance, **kwargs):
    group_sessions_sync(group=instance)


@receiver(pre_delete, sender=get_user_model(), dispatch_uid="network_account_places_given_up")
def give_up_places_of_a_deleted_account(sender, instance, **kwargs):
    """However the account goes (the member, or staff in the admin), its places are given up
    first: the rows would go anyway, but the counter and the waiting list would not know."""
    member_places_give_up(member=instance)
