from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .page_cache import cache_public_response
from .privacy import privacy_records


def not_found(request, *args, **kwargs):
    raise Http404


@require_safe
@cache_public_response
def privacy_notice(request):
    """What the portal keeps about people, made from every app's records (portal/privacy.py)."""
    return render(request, "portal/privacy_notice.html", {"records": privacy_records()})


@require_safe
@cache_public_response
def staying_safe_online(request):
    return render(request, "portal/staying_safe_online.html")
