"""Django's form renderer (settings.FORM_RENDERER), with the widgets nearly every form uses drawn
in Python: text boxes and their kin, tick boxes, text areas and drop-down lists. Every other
template (labels, error lists, radios, Wagtail's own widgets) is Django's, as before.

Django draws each widget with a template and an include for its attributes: 0.15 to 0.45 ms a
widget, two milliseconds on a facilitator's "check a post". These give the same characters, with
every name, value and label escaped as the templates escape them
(tests/portal/test_form_renderer.py compares the two for every kind, value and attribute)."""

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.timezone import template_localtime

WIDGETS = "django/forms/widgets/"
OPTION = f"{WIDGETS}select_option.html"


def _as_text(value):
    """{{ value|stringformat:'s' }}: its text, escaped unless it was marked safe."""
    try:
        text = "%s" % (value,)  # noqa: UP031 (the filter's own formatting)
    except (ValueError, TypeError):
        return ""
    return conditional_escape(mark_safe(text) if isinstance(value, SafeData) else text)  # noqa: S308


def _shown(value):
    """{{ value }}: as Django's templates show a value, localised and escaped."""
    return conditional_escape(str(localize(template_localtime(value))))


def attributes(attrs):
    """django/forms/widgets/attrs.html (also portal/quick_widgets.py's)."""
    return "".join(
        f" {_shown(name)}" if value is True else f' {_shown(name)}="{_as_text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def draw_input(widget):
    """django/forms/widgets/input.html, from a widget's context: type, name, value, attrs."""
    value = "" if widget["value"] is None else f' value="{_as_text(widget["value"])}"'
    return f'<input type="{_shown(widget["type"])}" name="{_shown(widget["name"])}"{value}{attributes(widget["attrs"])}>'


def _textarea(widget):
    value = _shown(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_shown(widget["name"])}"{attributes(widget["attrs"])}>\n{value}</textarea>'


def _option(option):
    return f'<option value="{_as_text(option["value"])}"{attributes(option["attrs"])}>{_shown(option["label"])}</option>'


def _select(widget):
    drawn = [f'<select name="{_shown(widget["name"])}"{attributes(widget["attrs"])}>']
    for group_name, group_choices, _group_index in widget["optgroups"]:
        if group_name:
            drawn.append(f'\n  <optgroup label="{_shown(group_name)}">')
        drawn.extend(
            f"\n  {_option(option)}\n" for option in group_choices
        )  # the template ends in a new line
        if group_name:
            drawn.append("\n  </optgroup>")
    drawn.append("\n</select>")
    return "".join(drawn)


def _every_option_is_plain(widget):
    return all(
        option["template_name"] == OPTION
        for _name, choices, _index in widget["optgroups"]
        for option in choices
    )


INPUTS = "input text number email url password hidden date datetime time search tel color checkbox file"
DRAWN_IN_PYTHON = {
    **{f"{WIDGETS}{name}.html": draw_input for name in INPUTS.split()},
    f"{WIDGETS}textarea.html": _textarea,
    f"{WIDGETS}select.html": _select,
}


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        draw = DRAWN_IN_PYTHON.get(template_name)
        widget = context.get("widget")
        if draw is None or widget is None or (draw is _select and not _every_option_is_plain(widget)):
            return super().render(template_name, context, request)
        return mark_safe(draw(widget))  # noqa: S308 (every value above is escaped)
