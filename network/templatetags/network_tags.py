"""Times and schedules the way people say them: "Every Tuesday, 6pm to 8pm"."""

from datetime import datetime

from django import template
from django.urls import reverse
from django.utils import timezone

from portal.public_address import public_base_url

from ..group_schedule import schedule_in_words
from ..opening_hours import friendly_time as friendly_wall_time

register = template.Library()


@register.filter
def friendly_time(value):
    if isinstance(value, datetime):
        value = timezone.localtime(value).time()
    return friendly_wall_time(value)


@register.filter
def schedule(group):
    return schedule_in_words(group)


@register.filter
def html_datetime(value):
    """A moment for <time datetime>, in London time to the second: HTML allows at most three digits
    of a second's fraction, and Django's "c" format gives six whenever there are microseconds."""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


@register.simple_tag
def public_url(name, *args):
    """A URL on the site's public address, for links other sites keep (a feed's autodiscovery)."""
    return public_base_url() + reverse(name, args=args)
