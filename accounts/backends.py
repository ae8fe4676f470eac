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
from django.contrib.auth.models import Group
from django.db.models import CharField, Exists, OuterRef, StringAgg, Subquery, Value
from django.db.models.functions import Cast, Concat

from portal.prepared import PreparedLookup

from .two_factor import APP_ANNOTATION

# The person's roles come with them as "id:name" lines, one per line.
ROLE_SEPARATOR = "\n"


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


def _install_groups(user, text):
    """Hand the roles read with the person to `user.groups.all()`, as prefetch_related would: every
    check (accounts/rules.py, Wagtail's privacy settings) then reads them without a query. Adding
    or removing a group through the person clears it, as Django does with any prefetched list."""
    groups = []
    for line in (text or "").split(ROLE_SEPARATOR):
        if line:
            pk, _sep, name = line.partition(":")
            groups.append(Group.from_db(user._state.db, ["id", "name"], [int(pk), name]))
    prefetched = user.groups.all()
    prefetched._result_cache = groups
    prefetched._prefetch_done = True
    user._prefetched_objects_cache = {"groups": prefetched}


def signed_in_people():
    """Everyone, as a signed-in person is read: with their profile, their roles and whether they
    have an app."""
    User = get_user_model()
    return User._default_manager.select_related("profile").annotate(
        **{
            "role_pairs": _roles(User),
            APP_ANNOTATION: Exists(
                Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP)
            ),
        }
    )


# Compiled once per process (portal/prepared.py): putting the query together took longer than
# running it. Reading someone took 2.4 ms on PostgreSQL when the queryset was made on every request,
# 1.7 ms with it made once and compiled each time, 0.7 ms compiled once.
SIGNED_IN_PERSON = PreparedLookup(lambda pk: signed_in_people().filter(pk=pk))


class AccountBackend(AuthenticationBackend):
    def get_user(self, user_id):
        user = SIGNED_IN_PERSON.first(user_id)
        if user is None or not self.user_can_authenticate(user):
            return None
        _install_groups(user, user.__dict__.pop("role_pairs"))
        return user

    def has_perm(self, user_obj, perm, obj=None):
        if perm not in model_permission_names():
            return False
        return super().has_perm(user_obj, perm, obj)
