"""Letting visitors who are not signed in read a consultation (consultations/visitors.py decides
what). A signed-in person is checked against the rules exactly as before: this only opens the
door for people with no account, and only to pages that are the same for every visitor, which
the page cache may then keep (portal/page_cache.py)."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from portal.page_cache import allow_caching

from ..visitors import consultations_are_public


def members_or_visitors(perm, getter, visitor_may):
    """Like portal.permissions.rule_required: a signed-in person needs `perm` on the object
    (403 without it). A visitor may read when the site allows it and `visitor_may(obj)` says
    so; otherwise they are sent to sign in. The view is called as view(request, obj, **kwargs)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, **kwargs):
            obj = getter(kwargs["pk"])
            if request.user.is_authenticated:
                if not request.user.has_perm(perm, obj):
                    raise PermissionDenied
            elif consultations_are_public(request) and visitor_may(obj):
                allow_caching(request)
            else:
                return redirect_to_login(request.get_full_path())
            return view(request, obj, **kwargs)

        return wrapped

    return decorator
