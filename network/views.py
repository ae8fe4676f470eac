import re

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.http import urlencode

from .forms import SearchForm
from .search import page_result, page_results, service_results

SEARCH_RESULTS_PER_PAGE = 10


def search(request):
    """Site search (network/search.py). The words people search for are never stored or logged."""
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_bound and form.is_valid() else ""
    # Only words reach the search backend: quotes and brackets are query syntax to some databases.
    words = " ".join(re.findall(r"\w+", query))
    results_page = None
    services = []
    if words:
        results_page = Paginator(page_results(words), SEARCH_RESULTS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        results_page.object_list = [page_result(page, request) for page in results_page.object_list]
        if results_page.number == 1:
            services = service_results(words, request)
    context = {
        "form": form,
        "query": query,
        "words": words,
        "services": services,
        "results_page": results_page,
        "query_prefix": urlencode({"q": query}) + "&",
    }
    return render(request, "network/search.html", context)
