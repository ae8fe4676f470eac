from wagtail import hooks

from portal.page_cache import allow_caching, may_use_cache


@hooks.register("before_serve_page")
def let_public_pages_be_cached(page, request, serve_args, serve_kwargs):
    # Only pages anyone may see are stored; the check costs a query, so only when it matters.
    if may_use_cache(request) and not page.get_view_restrictions():
        allow_caching(request)
