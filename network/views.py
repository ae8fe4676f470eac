import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from wagtail.models import Page

from .forms import ProfileForm
from .models import MemberProfile
from .public_forms import SearchForm

SEARCH_RESULTS_PER_PAGE = 10


@login_required
def profile(request):
    member_profile, _created = MemberProfile.objects.get_or_create(
        user=request.user, defaults={"display_name": f"Member {request.user.pk}"}
    )
    form = ProfileForm(request.POST or None, instance=member_profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your display name is saved."))
        return redirect("network:profile")
    return render(request, "network/profile.html", {"form": form, "member_profile": member_profile})


def search(request):
    """Site search. The words people search for are never stored or logged."""
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_bound and form.is_valid() else ""
    # Only words reach the search backend: quotes and brackets are query syntax to some databases.
    words = " ".join(re.findall(r"\w+", query))
    results_page = None
    if words:
        results = Page.objects.live().public().exclude(depth__lte=1).search(words, operator="and")
        results_page = Paginator(results, SEARCH_RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "query": query,
        "results_page": results_page,
        "query_prefix": urlencode({"q": query}) + "&",
    }
    return render(request, "network/search.html", context)
