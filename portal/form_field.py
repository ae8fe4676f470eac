"""Form fields in govuk-frontend's markup, drawn in Python ({% load portal_forms %}): the widget
with its classes and accessible description (|govuk_widget), its hint and errors
({% field_hint_and_errors %}), or its whole form group ({% form_field %}: the label or legend,
hint, errors and widget of a text box, a tick box, or a list of radios or tick boxes), which
templates/components/form_field.html draws.

Drawn with Django's template engine, each field cost two includes and a few dozen lookups, and
a page such as a facilitator's "check a post", with a dozen fields, spent a fifth of its time
there. Every value is escaped here as the template escaped it (help text is the portal's own, and
shown as it is, as the template's |safe did); tests/portal/test_form_field.py reads the two with a
parser and compares them."""

from html import escape

from django.utils.html import conditional_escape

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


def govuk_widget(bound_field):
    """The field's widget with govuk-frontend's class for it, its error class, and the hint and
    error it is described by."""
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


def hint_and_errors(field):
    """The field's hint and its errors ({% field_hint_and_errors %}, and each form group)."""
    auto_id = escape(str(field.auto_id))
    drawn = ""
    if field.help_text:
        drawn += f'<div id="{auto_id}-hint" class="govuk-hint">{field.help_text}</div>\n'
    if field.errors:
        said = "<br>".join(
            f'<span class="govuk-visually-hidden">Error:</span> {conditional_escape(error)}'
            for error in field.errors
        )
        drawn += f'<p id="{auto_id}-error" class="govuk-error-message">{said}</p>\n'
    return drawn


def _optional(field):
    return "" if field.field.required else " (optional)"


def _choices(field, kind):
    """Radios (kind "radio") or tick boxes ("checkbox"), one a choice."""
    many = "radios" if kind == "radio" else "checkboxes"
    rows = []
    for choice in field:
        box = escape(str(choice.id_for_label))
        checked = " checked" if choice.data["selected"] else ""
        rows.append(
            f'<div class="govuk-{many}__item">'
            f'<input class="govuk-{many}__input" id="{box}" name="{escape(str(choice.data["name"]))}" '
            f'type="{kind}" value="{escape(str(choice.data["value"]))}"{checked}>'
            f'<label class="govuk-label govuk-{many}__label" for="{box}">{conditional_escape(choice.choice_label)}</label>'
            f"</div>"
        )
    return f'<div class="govuk-{many} govuk-{many}--small">{"".join(rows)}</div>'


def draw_field(field):
    """The field's whole form group, as a string of safe HTML."""
    if field.is_hidden:
        return str(field)
    group = "govuk-form-group govuk-form-group--error" if field.errors else "govuk-form-group"
    label = conditional_escape(field.label)
    kind = field.widget_type
    if kind == "checkbox":
        inner = (
            f'<div class="govuk-checkboxes govuk-checkboxes--small">{hint_and_errors(field)}'
            f'<div class="govuk-checkboxes__item">{govuk_widget(field)}'
            f'<label class="govuk-label govuk-checkboxes__label" for="{escape(str(field.id_for_label))}">{label}</label>'
            f"</div></div>"
        )
    elif kind in ("radioselect", "checkboxselectmultiple"):
        auto_id = escape(str(field.auto_id))
        described = [f"{auto_id}-hint"] * bool(field.help_text) + [f"{auto_id}-error"] * bool(field.errors)
        described_by = f' aria-describedby="{" ".join(described)}"' if described else ""
        inner = (
            f'<fieldset class="govuk-fieldset"{described_by}>'
            f'<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{label}{_optional(field)}</legend>'
            f"{hint_and_errors(field)}{_choices(field, 'radio' if kind == 'radioselect' else 'checkbox')}"
            f"</fieldset>"
        )
    else:
        inner = (
            f'<label class="govuk-label govuk-label--s" for="{escape(str(field.id_for_label))}">'
            f"{label}{_optional(field)}</label>\n{hint_and_errors(field)}{govuk_widget(field)}"
        )
    return f'<div class="{group}">\n{inner}\n</div>'
