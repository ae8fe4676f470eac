"""Times and schedules the way people say them: "Every Tuesday, 6pm to 8pm"."""

from django import template
from django.urls import reverse

from portal.public_address import public_base_url

from ..group_schedule import schedule_in_words

register = template.Library()


@register.filter
def schedule(group):
    return schedule_in_words(group)


@register.simple_tag
def public_url(name, *args):
    """A URL on the site's public address, for links other sites keep (a feed's autodiscovery)."""
    return public_base_url() + reverse(name, args=args)


@register.filter
def or_hidden(value):
    """A protected count (network/attendance_figures.py), or "hidden" for one not shown."""
    return "hidden" if value is None else value
