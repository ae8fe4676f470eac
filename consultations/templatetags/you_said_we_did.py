"""`{% load you_said_we_did %}{% you_said_we_did_latest %}`: the latest board responses, for the
home page. Three queries, however many responses there are."""

from django import template

from consultations.selectors import latest_responses

register = template.Library()


@register.inclusion_tag("consultations/includes/you_said_we_did_latest.html")
def you_said_we_did_latest(limit=3):
    return {"latest_responses": latest_responses(limit)}
