from allauth.account.signals import user_signed_up
from django.contrib.auth.models import Group
from django.dispatch import receiver

from .roles import MEMBERS


@receiver(user_signed_up)
def make_new_user_a_member(sender, request, user, **kwargs):
    user.groups.add(Group.objects.get(name=MEMBERS))
