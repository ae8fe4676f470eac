"""The in-room tally sheet's number boxes, one per published priority, drawn in Python.

Drawn through components/form_field.html, each box cost Django's template engine a label, a hint
and errors include and a widget template: at 1,000 priorities the sheet took about 300 ms in
process. Drawn here it is the same markup (a form group with its label, any error, and the input
with govuk-frontend's classes and accessible description, portal_forms.govuk_widget), with every
value escaped, and the inputs drawn by portal.quick_widgets.QuickTextInput
(tests/consultations/test_tally_sheet.py compares the two with a parser)."""

from html import escape

from django.utils.safestring import mark_safe

from portal.templatetags.portal_forms import govuk_widget


def _box(bound):
    errors = bound.errors
    error = ""
    if errors:
        said = "<br>".join(
            f'<span class="govuk-visually-hidden">Error:</span> {escape(str(e))}' for e in errors
        )
        error = f'<p id="{escape(bound.auto_id)}-error" class="govuk-error-message">{said}</p>'
    return (
        f'<div class="govuk-form-group{" govuk-form-group--error" if errors else ""}">\n'
        f'<label class="govuk-label govuk-label--s" for="{escape(bound.id_for_label)}">'
        f"{escape(str(bound.label))}{'' if bound.field.required else ' (optional)'}</label>\n"
        f"{error}{govuk_widget(bound)}\n</div>"
    )


def tally_boxes(form):
    """Every box of a TallyForm, in order, as safe HTML: each value above is escaped."""
    return mark_safe("\n".join(_box(form[name]) for name in form.fields))  # noqa: S308
