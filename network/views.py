import re

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.http import urlencode
from wagtail.models import Page

from .forms import SearchForm

SEARCH_RESULTS_PER_PAGE = 10


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
