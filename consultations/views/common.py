"""What the consultation views share: reading the objects a URL names, and where to go back to."""

from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from portal.prepared import PreparedLookup

from ..models import Consultation, Priority

# What most consultation pages read first, compiled once (portal/prepared.py).
CONSULTATION = PreparedLookup(lambda pk: Consultation.objects.select_related("eligible_group").filter(pk=pk))
PRIORITY = PreparedLookup(
    lambda pk: Priority.objects.select_related("consultation", "theme", "author__profile").filter(pk=pk)
)


def get_consultation(pk):
    return CONSULTATION.get_or_404(pk)


def get_priority(pk):
    return PRIORITY.get_or_404(pk)


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def back(request, fallback):
    """To the page the form came from (its `next`), when that is on this site; else to `fallback`."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)
