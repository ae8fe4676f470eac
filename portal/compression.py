"""Pages, feeds and calendars compressed for browsers that accept it.

Django's GZipMiddleware, with its guard against BREACH (random padding in each response, and
CSRF tokens masked afresh each time), for text only: Excel files, PDFs and images are compressed
already, and compressing them again would cost the server time and the download its length.
Static files are not made here: collectstatic writes compressed copies that nginx (or WhiteNoise)
sends as they are.
"""

from django.middleware.gzip import GZipMiddleware

TEXT_TYPES = frozenset(
    {
        "application/json",
        "application/javascript",
        "application/xml",
        "application/rss+xml",
        "application/atom+xml",
        "image/svg+xml",
    }
)


class TextCompressionMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").partition(";")[0].strip().lower()
        if not (content_type.startswith("text/") or content_type in TEXT_TYPES):
            return response
        return super().process_response(request, response)
