"""One view's address for many objects, at the cost of one reverse(). A page listing 25 priorities,
each with its own vote and report link, reversed 50 times: a tenth of that page's work."""

from django.urls import reverse

# Stands for the object's number while the view's address is reversed once.
_MARKER = "987654321"


def address_for_each(view_name):
    """A function of a pk that gives reverse(view_name, args=[pk]), for a URL pattern whose one
    argument is a whole number."""
    address = reverse(view_name, args=[int(_MARKER)])
    before, found, after = address.partition(_MARKER)
    if not found or _MARKER in after:  # the number is part of the site's own prefix too
        return lambda pk: reverse(view_name, args=[pk])
    return lambda pk: f"{before}{int(pk)}{after}"
