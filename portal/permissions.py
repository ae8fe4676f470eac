"""How a view checks a rule (the `rules` package) before it runs, for every app."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def rule_required(perm, getter=None, subject=None):
    """Sign in first, then the rule: a signed-in person without it gets 403, never a sign-in loop.

    With `getter`, the URL's pk becomes an object (the getter gives 404 when there is none), the
    rule is checked on `subject(obj)` (by default the object itself) and the view receives the
    object after the request: view(request, obj, **url_kwargs).
    """

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, **kwargs):
            if getter is None:
                if not request.user.has_perm(perm):
                    raise PermissionDenied
                return view(request, **kwargs)
            obj = getter(kwargs["pk"])
            if not request.user.has_perm(perm, subject(obj) if subject else obj):
                raise PermissionDenied
            return view(request, obj, **kwargs)

        return wrapped

    return decorator
