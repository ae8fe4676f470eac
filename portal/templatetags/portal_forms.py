"""Render Django form fields with govuk-frontend's classes and accessible descriptions."""

from django import template

register = template.Library()

WIDGET_CLASSES = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "quickselect": "govuk-select",  # portal/quick_widgets.py
    "checkbox": "govuk-checkboxes__input",
    "radioselect": "govuk-radios__input",
    "checkboxselectmultiple": "govuk-checkboxes__input",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
}


@register.filter
def govuk_widget(bound_field):
    widget_class = WIDGET_CLASSES.get(bound_field.widget_type, "govuk-input")
    classes = [widget_class]
    described_by = []
    if bound_field.help_text:
        described_by.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        described_by.append(f"{bound_field.auto_id}-error")
        if widget_class in {"govuk-input", "govuk-textarea", "govuk-select"}:
            classes.append(f"{widget_class}--error")
    existing = bound_field.field.widget.attrs.get("class")
    if existing:
        classes.append(existing)
    attrs = {"class": " ".join(classes)}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return bound_field.as_widget(attrs=attrs)


@register.simple_tag
def form_field(field):
    """{% form_field field %}: the field's whole form group (portal/form_field.py)."""
    from django.utils.safestring import mark_safe

    from portal.form_field import draw_field

    return mark_safe(draw_field(field))  # noqa: S308 - every value in it is escaped
