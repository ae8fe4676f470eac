from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.utils.cache import patch_cache_control, patch_vary_headers


class AdminContentSecurityPolicyMiddleware:
    """Give the Wagtail admin its own, looser policy; public pages keep the strict one.

    Listed after the CSP and clickjacking middleware, so it sees the response first.

    Django's CSP middleware reads a per-response override from ``response._csp_config``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(settings.ADMIN_PATH_PREFIXES):
            response._csp_config = settings.ADMIN_CSP
            # The page editor's live preview is a same-origin frame.
            response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        return response


class AdminAccessMiddleware:
    """A signed-in person who may not use the Wagtail admin gets the 403 page.

    Wagtail would send them to the sign-in page, which sends a signed-in person straight back:
    a loop instead of an answer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path.startswith("/admin/")
            and request.user.is_authenticated
            and not request.user.has_perm("wagtailadmin.access_admin")
        ):
            raise PermissionDenied
        return self.get_response(request)


class PrivacyHeadersMiddleware:
    """Headers every response gets, after sign-in is known.

    - A page or file made for someone signed in is theirs alone: no browser, proxy or shared
      computer keeps a copy (`Cache-Control: private, no-store`).
    - No page may use the camera, microphone, location and the like (`Permissions-Policy`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class JsonErrorResponsesMiddleware:
    """A request that asked for JSON (the vote button's script) gets JSON back when something
    breaks on our side, such as the database being away, not the HTML error page it cannot show.

    Outermost but for the request log, so it also sees errors raised in other middleware.
    """

    MESSAGE = (
        "Sorry, something went wrong on our side, so this was not saved. Please try again in a few minutes."
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code >= 500
            and "application/json" in request.headers.get("Accept", "")
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            return JsonResponse({"ok": False, "message": self.MESSAGE}, status=response.status_code)
        return response
