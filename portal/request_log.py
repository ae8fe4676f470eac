"""One log line per request (portal.logging): method, path without its query string, status,
time taken, whether someone was signed in and whether the page came from the page cache.
Never who, never from where."""

import logging
import time

logger = logging.getLogger("portal.requests")


class RequestLogMiddleware:
    """First in MIDDLEWARE, so it times everything, page cache hits included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        response = self.get_response(request)
        user = getattr(request, "user", None)
        logger.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "ms": round((time.monotonic() - started) * 1000, 1),
                "signed_in": bool(user is not None and user.is_authenticated),
                "page_cache": response.get("X-Page-Cache", ""),
            },
        )
        return response
