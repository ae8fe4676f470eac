"""Page links for any paginated list, in the govuk pagination pattern."""

from django import template
from django.core.paginator import Paginator

register = template.Library()


@register.inclusion_tag("components/pagination.html")
def pagination(page_obj, query_prefix="", label="Pages", fragment=""):
    """Links to the first, last and neighbouring pages; long runs between them collapse to "⋯".

    `query_prefix` carries the list's filters ("tag=housing&"); `fragment` ("#priorities") brings
    the reader back to the list rather than the top of the page.
    """
    numbers = (
        page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)
        if page_obj.has_other_pages()
        else []
    )
    return {
        "page_obj": page_obj,
        "numbers": numbers,
        "ellipsis": Paginator.ELLIPSIS,
        "query_prefix": query_prefix,
        "label": label,
        "fragment": fragment,
    }
