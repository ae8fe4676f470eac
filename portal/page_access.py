"""Wagtail's privacy settings on a page, applied to the views that hang off it.

A page can be private (signed-in people only, people in chosen groups only, or anyone with a
password). Views that show or change things belonging to such a page (a group's sessions) must
refuse whoever the page itself refuses.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from wagtail.models import PageViewRestriction


def refused_by_page(request, page):
    """None when the page's view restrictions let this request in. Otherwise a redirect to the
    page for a password that was not given yet (the form is there), or PermissionDenied."""
    for restriction in page.get_view_restrictions():
        if restriction.accept_request(request):
            continue
        if restriction.restriction_type == PageViewRestriction.PASSWORD and request.method == "GET":
            return redirect(page.url)
        raise PermissionDenied
    return None
