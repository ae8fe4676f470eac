"""How people sign in and what Django's model permissions say, in one backend.

- Sign-in is allauth's (by email address; rate limits and the rest live there).
- A signed-in person is loaded in one query with what nearly every page asks about them: their
  profile (the display name), their roles (accounts/rules.py) and whether they have an
  authenticator app (two-step sign-in, accounts/two_factor.py).
- Most questions a page asks are rules (`rules` predicates, answered by ObjectPermissionBackend
  first). A rule that says no would otherwise fall through to Django's model permissions, which
  read two tables to find a permission no model declares. Names that no model declares are
  answered "no" here without asking the database.
"""

from functools import cache

from allauth.account.auth_backends import AuthenticationBackend
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import CharField, Exists, OuterRef, StringAgg, Subquery, Value
from django.db.models.functions import Cast, Concat

from .rules import ROLE_SEPARATOR, ROLES_ANNOTATION
from .two_factor import APP_ANNOTATION


@cache
def model_permission_names():
    """Every "app_label.codename" a model declares: its default actions and Meta.permissions."""
    names = set()
    for model in apps.get_models():
        meta = model._meta
        names.update(f"{meta.app_label}.{action}_{meta.model_name}" for action in meta.default_permissions)
        names.update(f"{meta.app_label}.{codename}" for codename, _name in meta.permissions)
    return frozenset(names)


def _roles(User):
    """The person's roles as one text ("id:name" lines), made in the database."""
    memberships = User.groups.through.objects.filter(user_id=OuterRef("pk")).order_by().values("user_id")
    pair = Concat(Cast("group_id", CharField()), Value(":"), "group__name", output_field=CharField())
    return Subquery(memberships.annotate(pairs=StringAgg(pair, Value(ROLE_SEPARATOR))).values("pairs"))


class AccountBackend(AuthenticationBackend):
    def get_user(self, user_id):
        User = get_user_model()
        user = (
            User._default_manager.select_related("profile")
            .annotate(
                **{
                    ROLES_ANNOTATION: _roles(User),
                    APP_ANNOTATION: Exists(
                        Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP)
                    ),
                }
            )
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None

    def has_perm(self, user_obj, perm, obj=None):
        if perm not in model_permission_names():
            return False
        return super().has_perm(user_obj, perm, obj)
