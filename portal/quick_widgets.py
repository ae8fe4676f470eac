"""Form widgets drawn in Python, for forms that can hold hundreds of them.

Django draws each widget, and each option of a drop-down list, with a template of its own: a
facilitator's list of 1,000 published priorities to join a post into took about 140 ms a page
(bench/load.py's sweep: 1.8% of a bare view's requests a second), and the in-room tally sheet, a
box per priority, about 300 ms (portal/form_field.py draws its form groups). These draw the same
markup, with every value and attribute escaped, in a fraction of the time
(tests/consultations/test_merge_choices.py and test_tally_sheet.py read both with a parser
and compare them)."""

from html import escape

from django import forms
from django.utils.safestring import mark_safe

from .form_renderer import attributes, draw_input


def option(value, label, selected=False):
    """One <option> of a drop-down list, its value and label escaped."""
    value = "" if value is None else str(value)
    return f'<option value="{escape(value)}"{" selected" if selected else ""}>{escape(str(label))}</option>'


class DrawnOptions(str):
    """Options drawn already with option(), to go into a QuickSelect's list as they are: a long list
    the same for many pages is drawn once and kept (consultations/forms/moderation.py). In the
    choices, (None, drawn) puts them in the list; (group label, drawn), in a group."""


class QuickSelect(forms.Select):
    """A drop-down list. Choices may be grouped, as Django's are: (group label, [(value, label)])."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {"" if v is None else str(v) for v in self.format_value(value)}

        def options(choices):
            for option_value, label in choices:
                if isinstance(label, DrawnOptions):
                    yield (
                        label
                        if option_value is None
                        else f'<optgroup label="{escape(str(option_value))}">{label}</optgroup>'
                    )
                elif isinstance(label, (list, tuple)):
                    yield f'<optgroup label="{escape(str(option_value))}">{"".join(options(label))}</optgroup>'
                else:
                    yield option(
                        option_value, label, "" if option_value is None else str(option_value) in chosen
                    )

        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        # Every attribute, value and label is escaped.
        return mark_safe(f"<select{attributes(final_attrs)}>{''.join(options(self.choices))}</select>")  # noqa: S308


class QuickTextInput(forms.TextInput):
    """A text box drawn straight from its attributes, without a widget context (a box per priority
    on the tally sheet), by the form renderer's own drawing."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = {
            "type": self.input_type,
            "name": name,
            "value": self.format_value(value),
            "attrs": self.build_attrs(self.attrs, attrs),
        }
        return mark_safe(draw_input(widget))  # noqa: S308 (every value is escaped)
