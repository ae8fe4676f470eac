from django.shortcuts import render
from django.urls import include, path


def bare(request):
    """The floor: a Django view that renders a small template and touches no database."""
    return render(request, "bench/bare.html", {"items": range(10)})


urlpatterns = [path("bench/bare/", bare), path("", include("portal.urls"))]
