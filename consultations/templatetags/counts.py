"""`{% load counts %}{{ priority.online_votes|or_hidden }}`: a protected count, or the one word every
page uses for a count it does not show (figures.py says which). `{% hidden_counts_note %}` says why,
in the same words on every page."""

from django import template

from consultations.figures import HIDDEN_WORD, PAGE_NOTE

register = template.Library()


@register.filter
def or_hidden(value):
    return HIDDEN_WORD if value is None else value


@register.simple_tag
def hidden_counts_note():
    return PAGE_NOTE


@register.simple_tag
def hidden_word():
    return HIDDEN_WORD
