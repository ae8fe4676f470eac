"""Render Django form fields with govuk-frontend's classes and accessible descriptions
(portal/form_field.py draws them)."""

from django import template
from django.utils.safestring import mark_safe

from portal.form_field import draw_field, govuk_widget, hint_and_errors

register = template.Library()
register.filter("govuk_widget", govuk_widget)


@register.simple_tag
def form_field(field):
    """{% form_field field %}: the field's whole form group."""
    return mark_safe(draw_field(field))  # noqa: S308 - every value in it is escaped


@register.simple_tag
def field_hint_and_errors(field):
    """{% field_hint_and_errors field %}: the field's hint and its errors."""
    return mark_safe(hint_and_errors(field))  # noqa: S308 - every value in it is escaped
