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


def _attributes(attrs):
    """Attributes as Django's widget templates write them (True: the name alone; False: left
    out; anything else as text), each value escaped."""
    return "".join(
        f" {key}" if value is True else f' {key}="{escape(str(value))}"'
        for key, value in attrs.items()
        if value is not False
    )


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
        return mark_safe(f"<select{_attributes(final_attrs)}>{''.join(options(self.choices))}</select>")  # noqa: S308


class QuickTextInput(forms.TextInput):
    def render(self, name, value, attrs=None, renderer=None):
        shown = self.format_value(value)
        value_attr = "" if shown is None else f' value="{escape(str(shown))}"'
        final_attrs = self.build_attrs(self.attrs, attrs)
        # Every value and attribute is escaped.
        return mark_safe(  # noqa: S308
            f'<input type="{self.input_type}" name="{escape(name)}"{value_attr}{_attributes(final_attrs)}>'
        )
