"""How people sign in and what Django's model permissions say, in one backend.

- Sign-in is allauth's (by email address; rate limits and the rest live there).
- A signed-in person is loaded with their profile in the same query: nearly every page shows the
  display name.
- Most questions a page asks are rules (`rules` predicates, answered by ObjectPermissionBackend
  first). A rule that says no would otherwise fall through to Django's model permissions, which
  read two tables to find a permission no model declares. Names that no model declares are
  answered "no" here without asking the database.
"""

from functools import cache

from allauth.account.auth_backends import AuthenticationBackend
from django.apps import apps
from django.contrib.auth import get_user_model


@cache
def model_permission_names():
    """Every "app_label.codename" a model declares: its default actions and Meta.permissions."""
    names = set()
    for model in apps.get_models():
        meta = model._meta
        names.update(f"{meta.app_label}.{action}_{meta.model_name}" for action in meta.default_permissions)
        names.update(f"{meta.app_label}.{codename}" for codename, _name in meta.permissions)
    return frozenset(names)


class AccountBackend(AuthenticationBackend):
    def get_user(self, user_id):
        User = get_user_model()
        user = User._default_manager.select_related("profile").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None

    def has_perm(self, user_obj, perm, obj=None):
        if perm not in model_permission_names():
            return False
        return super().has_perm(user_obj, perm, obj)
