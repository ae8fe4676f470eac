"""Times and schedules the way people say them: "Every Tuesday, 6pm to 8pm"."""

from datetime import datetime

from django import template
from django.utils import timezone

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
