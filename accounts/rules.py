"""The role predicates every app builds on (the `rules` package). The one place that says who is
a member, a facilitator, a board representative or staff.

A person's roles are their Django groups, read once per request object and shared by every check
on that request (the header's links, the page's own permission, two-step sign-in).
"""

import rules

from .roles import BOARD_REPRESENTATIVES, FACILITATORS, MEMBERS


def _groups(user):
    """The user's Django groups (roles) as (ids, names), read once per user object."""
    if not user.is_authenticated:
        return set(), set()
    cached = getattr(user, "_role_groups", None)
    if cached is None:
        if "groups" in getattr(user, "_prefetched_objects_cache", {}):
            # Read with prefetch_related("groups") for many people at once: no query each.
            pairs = [(group.pk, group.name) for group in user.groups.all()]
        else:
            pairs = list(user.groups.values_list("pk", "name"))
        cached = ({pk for pk, _name in pairs}, {name for _pk, name in pairs})
        user._role_groups = cached
    return cached


def role_group_ids(user):
    return _groups(user)[0]


def role_names(user):
    return _groups(user)[1]


@rules.predicate
def is_member(user):
    return MEMBERS in role_names(user)


@rules.predicate
def is_facilitator(user):
    return FACILITATORS in role_names(user)


@rules.predicate
def is_board_representative(user):
    return BOARD_REPRESENTATIVES in role_names(user)


@rules.predicate
def is_staff(user):
    return user.is_authenticated and user.is_active and user.is_staff
