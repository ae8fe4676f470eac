"""One way to sign in and one way to reset a password: allauth's.

Wagtail adds its own sign-in pages (`/_util/login/` for private pages, `/admin/login/`) and its own
password reset (`/admin/password_reset/`). Each would sign people in, or reset a password, without
allauth's rate limits, email checks and two-step sign-in. Their addresses stay routed, so nothing
that links to them breaks, but they only send people to the portal's own pages.

Wagtail's page and document passwords (a private page or collection shared with a password) get
the guess limit every other password in the portal has.
"""

from allauth.core import ratelimit
from django.shortcuts import render
from django.urls import path, re_path
from django.views.decorators.http import require_http_methods
from django.views.generic import RedirectView
from wagtail import views as wagtail_views
from wagtail.documents.views import serve as wagtail_documents

GUESS_LIMIT = "page_password"  # its rates are ACCOUNT_RATE_LIMITS["page_password"]


def to_sign_in():
    return RedirectView.as_view(pattern_name="account_login", query_string=True)


def to_password_reset():
    return RedirectView.as_view(pattern_name="account_reset_password")


def too_many_guesses(request, restriction_key):
    return request.method == "POST" and not ratelimit.consume(
        request, action=GUESS_LIMIT, key=restriction_key
    )


@require_http_methods(["GET", "POST"])
def page_password(request, page_view_restriction_id, page_id):
    """Wagtail's page password form, with a limit on guesses (ACCOUNT_RATE_LIMITS["page_password"])."""
    if too_many_guesses(request, f"page-{page_view_restriction_id}"):
        return render(request, "429.html", status=429)
    return wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)


@require_http_methods(["GET", "POST"])
def document_password(request, restriction_id):
    """Wagtail's password form for a private collection of documents, with the same limit."""
    if too_many_guesses(request, f"collection-{restriction_id}"):
        return render(request, "429.html", status=429)
    return wagtail_documents.authenticate_with_password(request, restriction_id)


urlpatterns = [
    path("_util/login/", to_sign_in()),
    path(
        "_util/authenticate_with_password/<id:page_view_restriction_id>/<id:page_id>/",
        page_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path(
        "documents/authenticate_with_password/<id:restriction_id>/",
        document_password,
        name="wagtaildocs_authenticate_with_password",
    ),
    path("admin/login/", to_sign_in()),
    re_path(r"^admin/password_reset/", to_password_reset()),
]
