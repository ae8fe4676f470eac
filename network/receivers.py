"""Keep each group's session rows in step with its published schedule; use an invitation held at sign-up."""

import logging

from allauth.account.signals import user_signed_up
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from .invitations import InvitationError, invitation_accept, invitation_held, invitation_release
from .models import GroupPage
from .services import group_sessions_sync

logger = logging.getLogger(__name__)


@receiver(page_published, sender=GroupPage)
@receiver(page_unpublished, sender=GroupPage)
def sync_sessions_with_schedule(sender, instance, **kwargs):
    group_sessions_sync(group=instance)


@receiver(user_signed_up)
def use_the_invitation_held(sender, request, user, **kwargs):
    """Someone who followed an invitation link and then signed up: the invitation is used for the
    new account (and, for a group, gives them a place in it)."""
    held = invitation_held(request) if request is not None else None
    if held is None:
        return
    invitation_release(request)
    try:
        invitation_accept(invitation=held, user=user)
    except InvitationError:
        # Used up a moment ago in another tab: the account stays, the group answer does not follow.
        logger.info("invitation %s was no longer usable at sign-up", held.pk)
