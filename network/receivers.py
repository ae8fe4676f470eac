"""Keep each group's session rows in step with its published schedule."""

from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from .models import GroupPage
from .services import group_sessions_sync


@receiver(page_published, sender=GroupPage)
@receiver(page_unpublished, sender=GroupPage)
def sync_sessions_with_schedule(sender, instance, **kwargs):
    group_sessions_sync(group=instance)
