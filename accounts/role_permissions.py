"""What each role may change in the Wagtail admin, applied after every migrate.

Groups themselves come from a data migration. Their model permissions are granted here instead,
because Django only creates permissions after the migrations of every app have run. Each app
says what its models allow with the Wagtail hook `register_role_permissions`: a function returning
{role name: {"app_label.model": actions}}. Accounts so never names another app's models.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_migrate
from django.dispatch import receiver
from wagtail import hooks

from .roles import EDITORS

MANAGE = ("add", "change", "delete", "view")
VIEW = ("view",)
ROLE_PERMISSIONS_HOOK = "register_role_permissions"

# The site-wide settings (portal, the layer below accounts, cannot name roles itself).
OWN_PERMISSIONS = {EDITORS: {"portal.networksettings": ("change",)}}


def role_model_permissions():
    """{role: {"app_label.model": actions}} from accounts and every app's hook."""
    merged = {}
    for contribution in [OWN_PERMISSIONS, *(hook() for hook in hooks.get_hooks(ROLE_PERMISSIONS_HOOK))]:
        for role, model_actions in contribution.items():
            merged.setdefault(role, {}).update(model_actions)
    return merged


def permissions_for(model_actions):
    wanted = set()
    for label, actions in model_actions.items():
        app_label, model = label.split(".")
        wanted.update((app_label, f"{action}_{model}") for action in actions)
    return [
        permission
        for permission in Permission.objects.select_related("content_type")
        if (permission.content_type.app_label, permission.codename) in wanted
    ]


@receiver(post_migrate)
def grant_role_permissions(sender, using="default", **kwargs):
    # Runs after each app's migrations; permissions that do not exist yet are granted next time.
    for role, model_actions in role_model_permissions().items():
        group = Group.objects.using(using).filter(name=role).first()
        if group is not None:
            group.permissions.add(*permissions_for(model_actions))
