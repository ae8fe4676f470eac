"""A drop-down list drawn in Python, for lists that can be long.

Django's Select draws each option with a template of its own: a facilitator's list of 1,000
published priorities to join a post into took about 140 ms a page and made it the slowest page a
signed-in person opens (bench/load.py's sweep: 1.8% of a bare view's requests a second). This
draws the same markup, with every value escaped, in a few milliseconds. Choices may be grouped,
as Django's are: (group label, [(value, label), ...])."""

from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe


class QuickSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        chosen = {"" if v is None else str(v) for v in self.format_value(value)}

        def options(choices):
            for option_value, label in choices:
                if isinstance(label, (list, tuple)):
                    yield f'<optgroup label="{escape(str(option_value))}">{"".join(options(label))}</optgroup>'
                    continue
                option_value = "" if option_value is None else str(option_value)
                selected = " selected" if option_value in chosen else ""
                yield f'<option value="{escape(option_value)}"{selected}>{escape(str(label))}</option>'

        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        # flatatt escapes the attributes; options() escaped every value and label.
        return mark_safe(f"<select{flatatt(final_attrs)}>{''.join(options(self.choices))}</select>")  # noqa: S308
