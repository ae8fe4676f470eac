"""Keep each group's session rows in step with its published schedule; use an invitation held at
sign-up; keep a group's places counted when an account goes."""

import logging

from allauth.account.signals import user_signed_up
from django.contrib.auth import get_user_model
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from .invitations import InvitationError, invitation_accept, invitation_held, invitation_release
from .models import GroupPage
from .services import group_sessions_sync, member_places_give_up

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


@receiver(pre_delete, sender=get_user_model(), dispatch_uid="network_account_places_given_up")
def give_up_places_of_a_deleted_account(sender, instance, **kwargs):
    """However the account goes (the member, or staff in the admin), its places are given up
    first: the rows would go anyway, but the counter and the waiting list would not know."""
    member_places_give_up(member=instance)
