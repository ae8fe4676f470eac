"""What each role may change in the Wagtail admin, kept in one place and applied after every migrate.

Groups themselves come from a data migration (0002_roles). Their model permissions are granted
here instead, because Django only creates permissions after the migrations of every app have
run, and apps added later (the board, exports) simply add their lines below.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_migrate
from django.dispatch import receiver

from .roles import EDITORS

MANAGE = ("add", "change", "delete", "view")
VIEW = ("view",)

# role -> {"app_label.model": actions}
ROLE_MODEL_PERMISSIONS = {
    EDITORS: {
        "home.networksettings": ("change",),
        "network.venue": MANAGE,
        "network.supportservice": MANAGE,
        "network.groupsession": MANAGE,
        "consultations.consultation": MANAGE,
        "consultations.returnreason": MANAGE,
        "consultations.moderationlog": VIEW,
        "consultations.priorityrevision": VIEW,
        "consultations.board": MANAGE,
        "consultations.boardmeeting": MANAGE,
        "consultations.exportlog": VIEW,
    },
}


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
    for role, model_actions in ROLE_MODEL_PERMISSIONS.items():
        group = Group.objects.using(using).filter(name=role).first()
        if group is not None:
            group.permissions.add(*permissions_for(model_actions))
