"""The portal's form renderer (portal/form_renderer.py) draws text boxes, tick boxes, text areas
and drop-down lists in Python. For every kind of widget, every kind of value and every kind of
attribute, it gives exactly the characters Django's templates give; everything else is left to
the templates."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from portal.form_renderer import FormRenderer

DJANGO = DjangoTemplates()
PORTAL = FormRenderer()

ATTRIBUTES = [
    {},
    {"class": "govuk-input", "id": "id_title", "maxlength": 200, "required": True, "disabled": False},
    {"aria-describedby": "a\"b <c> & d'e", "data-x": mark_safe("<b>kept</b>"), "step": Decimal("0.5")},
    {"autocomplete": "off", "spellcheck": "false", "rows": 5, "placeholder": "Café & “quotes”"},
]
VALUES = [
    None,
    "",
    "Warm food",
    "<script>alert('x')</script> & \"quotes\"",
    mark_safe("<em>safe</em>"),
    0,
    42,
]
INPUTS = [
    forms.TextInput, forms.NumberInput, forms.EmailInput, forms.URLInput, forms.PasswordInput,
    forms.HiddenInput, forms.SearchInput, forms.TelInput, forms.ColorInput, forms.FileInput,
]  # fmt: skip
CHOICES = [
    ("", "Choose one"),
    (1, "First & best"),
    ("two", "<b>Second</b>"),
    ("Kinds", [("a", "Kind A"), ("b", 'Kind "B"')]),
    (None, "Nothing"),
]


def both(widget, name, value, attrs):
    return (
        widget.render(name, value, attrs=attrs, renderer=PORTAL),
        widget.render(name, value, attrs=attrs, renderer=DJANGO),
    )


@pytest.mark.parametrize("attrs", ATTRIBUTES)
@pytest.mark.parametrize("value", VALUES)
@pytest.mark.parametrize("widget_class", INPUTS)
def test_inputs_are_drawn_as_django_draws_them(widget_class, value, attrs):
    portal, django = both(widget_class(), "title", value, attrs)
    assert portal == django


@pytest.mark.parametrize("attrs", ATTRIBUTES)
@pytest.mark.parametrize("value", [*VALUES, "Two lines\nand <more>"])
def test_text_areas_are_drawn_as_django_draws_them(value, attrs):
    portal, django = both(forms.Textarea(), "explanation", value, attrs)
    assert portal == django


@pytest.mark.parametrize("attrs", ATTRIBUTES)
@pytest.mark.parametrize("value", [None, "", "on", True, False, "false"])
def test_tick_boxes_are_drawn_as_django_draws_them(value, attrs):
    portal, django = both(forms.CheckboxInput(), "agree", value, attrs)
    assert portal == django


@pytest.mark.parametrize(
    "widget",
    [
        forms.DateInput(),
        forms.DateInput(format="%d/%m/%Y"),
        forms.DateTimeInput(),
        forms.TimeInput(),
        forms.DateInput(attrs={"type": "date"}),
    ],
)
@pytest.mark.parametrize(
    "value", [None, "", "not a date", datetime.date(2026, 12, 6), datetime.datetime(2026, 12, 6, 19, 30)]
)
def test_dates_and_times_are_drawn_as_django_draws_them(widget, value):
    portal, django = both(widget, "held_on", value, {"class": "govuk-input"})
    assert portal == django


@pytest.mark.parametrize("attrs", ATTRIBUTES)
@pytest.mark.parametrize("value", [None, "", 1, "1", "two", "b", ["a", 1], "not a choice"])
@pytest.mark.parametrize("widget_class", [forms.Select, forms.SelectMultiple])
def test_drop_down_lists_are_drawn_as_django_draws_them(widget_class, value, attrs):
    portal, django = both(widget_class(choices=CHOICES), "kind", value, attrs)
    assert portal == django


@pytest.mark.parametrize("value", [None, "", "true", "false", "unknown", True, False, "2", "3"])
def test_yes_no_lists_are_drawn_as_django_draws_them(value):
    portal, django = both(forms.NullBooleanSelect(), "agree", value, {"class": "govuk-select"})
    assert portal == django


def test_a_list_with_options_of_its_own_template_is_left_to_the_templates():
    class Special(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    portal, django = both(Special(choices=[("a", "A")]), "kind", "a", {})
    assert portal == django and "<input" in portal


def test_radios_and_labels_are_left_to_the_templates():
    radios = forms.RadioSelect(choices=[("a", "A & B")])
    portal, django = both(radios, "kind", "a", {"id": "id_kind"})
    assert portal == django
    field = forms.Form()
    field.fields["kind"] = forms.CharField(label="What <kind>?")
    assert field["kind"].label_tag() == str(field["kind"].label_tag())


def test_the_portal_draws_its_forms_with_it():
    assert settings.FORM_RENDERER == "portal.form_renderer.FormRenderer"
    assert isinstance(forms.Form().renderer, FormRenderer)
