"""{% load times %}: one style for times and dates (portal.times).

{{ session.starts_at|clock }}          7:30pm, midday
{{ session.starts_at|day }}            Tuesday 1 December
{{ meeting.starts_at|day:"year" }}     Tuesday 1 December 2026
{{ log.created_at|moment:"year" }}     Tuesday 1 December 2026, 7:30pm
{{ row.month|month }}                  December 2026
{{ session.starts_at|html_datetime }}  2026-12-01T19:30:00+00:00, for <time datetime>
"""

from django import template

from portal import times

register = template.Library()


@register.filter
def clock(value):
    return times.clock(value)


@register.filter
def day(value, year=""):
    return times.day(value, with_year=year == "year")


@register.filter
def month(value):
    return times.month(value)


@register.filter
def moment(value, year=""):
    return times.moment(value, with_year=year == "year")


@register.filter
def html_datetime(value):
    return times.html_datetime(value)
