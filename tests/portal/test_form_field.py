"""Every form field is drawn in Python (portal/form_field.py, {% form_field %}), as
templates/components/form_field.html drew it with Django's templates. Read with a parser, the two
are the same for every kind of field the portal uses, empty, filled in and with errors, with
markup in labels, choices and errors escaped."""

import pytest
from django import forms
from django.template import Context, Template
from django.utils.safestring import mark_safe

from portal.form_field import draw_field
from tests.consultations.test_tally_sheet import read

# The component as it was drawn by the template engine (with its hint-and-errors include inlined).
DRAWN_BY_DJANGO = Template(
    """{% load portal_forms %}
{% if field.is_hidden %}{{ field }}{% else %}
<div class="govuk-form-group{% if field.errors %} govuk-form-group--error{% endif %}">
  {% if field.widget_type == "checkbox" %}
    <div class="govuk-checkboxes govuk-checkboxes--small">
      {% if field.help_text %}<div id="{{ field.auto_id }}-hint" class="govuk-hint">{{ field.help_text|safe }}</div>{% endif %}
{% if field.errors %}<p id="{{ field.auto_id }}-error" class="govuk-error-message">{% for error in field.errors %}<span class="govuk-visually-hidden">Error:</span> {{ error }}{% if not forloop.last %}<br>{% endif %}{% endfor %}</p>{% endif %}
      <div class="govuk-checkboxes__item">
        {{ field|govuk_widget }}
        <label class="govuk-label govuk-checkboxes__label" for="{{ field.id_for_label }}">{{ field.label }}</label>
      </div>
    </div>
  {% elif field.widget_type == "radioselect" or field.widget_type == "checkboxselectmultiple" %}
    <fieldset class="govuk-fieldset"{% if field.help_text or field.errors %} aria-describedby="{% if field.help_text %}{{ field.auto_id }}-hint{% endif %}{% if field.help_text and field.errors %} {% endif %}{% if field.errors %}{{ field.auto_id }}-error{% endif %}"{% endif %}>
      <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{{ field.label }}{% if not field.field.required %} (optional){% endif %}</legend>
      {% if field.help_text %}<div id="{{ field.auto_id }}-hint" class="govuk-hint">{{ field.help_text|safe }}</div>{% endif %}
{% if field.errors %}<p id="{{ field.auto_id }}-error" class="govuk-error-message">{% for error in field.errors %}<span class="govuk-visually-hidden">Error:</span> {{ error }}{% if not forloop.last %}<br>{% endif %}{% endfor %}</p>{% endif %}
      {% if field.widget_type == "radioselect" %}
        <div class="govuk-radios govuk-radios--small">
          {% for choice in field %}
            <div class="govuk-radios__item">
              <input class="govuk-radios__input" id="{{ choice.id_for_label }}" name="{{ choice.data.name }}" type="radio" value="{{ choice.data.value|stringformat:'s' }}"{% if choice.data.selected %} checked{% endif %}>
              <label class="govuk-label govuk-radios__label" for="{{ choice.id_for_label }}">{{ choice.choice_label }}</label>
            </div>
          {% endfor %}
        </div>
      {% else %}
        <div class="govuk-checkboxes govuk-checkboxes--small">
          {% for choice in field %}
            <div class="govuk-checkboxes__item">
              <input class="govuk-checkboxes__input" id="{{ choice.id_for_label }}" name="{{ choice.data.name }}" type="checkbox" value="{{ choice.data.value|stringformat:'s' }}"{% if choice.data.selected %} checked{% endif %}>
              <label class="govuk-label govuk-checkboxes__label" for="{{ choice.id_for_label }}">{{ choice.choice_label }}</label>
            </div>
          {% endfor %}
        </div>
      {% endif %}
    </fieldset>
  {% else %}
    <label class="govuk-label govuk-label--s" for="{{ field.id_for_label }}">{{ field.label }}{% if not field.field.required %} (optional){% endif %}</label>
    {% if field.help_text %}<div id="{{ field.auto_id }}-hint" class="govuk-hint">{{ field.help_text|safe }}</div>{% endif %}
{% if field.errors %}<p id="{{ field.auto_id }}-error" class="govuk-error-message">{% for error in field.errors %}<span class="govuk-visually-hidden">Error:</span> {{ error }}{% if not forloop.last %}<br>{% endif %}{% endfor %}</p>{% endif %}
    {{ field|govuk_widget }}
  {% endif %}
</div>
{% endif %}
"""
)


class EveryKind(forms.Form):
    name = forms.CharField(
        label="Your <b>name</b>", max_length=5, help_text=mark_safe("Up to <i>5</i> letters")
    )
    nickname = forms.CharField(label="Nickname", required=False)
    story = forms.CharField(label="Your story", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    colour = forms.ChoiceField(label="Colour", choices=[("", "Choose"), ("red", "Red <script>")])
    size = forms.ChoiceField(
        label="Size",
        widget=forms.RadioSelect,
        choices=[("s", "Small & neat"), ("l", "Large")],
        help_text="Pick one",
    )
    extras = forms.MultipleChoiceField(
        label="Extras",
        widget=forms.CheckboxSelectMultiple,
        choices=[("tea", "Tea"), ("cake", "Cake <em>")],
        required=False,
    )
    agree = forms.BooleanField(label="I agree to <this>", help_text="You must agree")
    when = forms.DateField(
        label="Day", required=False, widget=forms.DateInput(attrs={"class": "govuk-input--width-10"})
    )
    secret = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_nickname(self):
        if self.cleaned_data["nickname"] == "bad":
            raise forms.ValidationError(["Not <that> one.", "Nor that."])
        return self.cleaned_data["nickname"]


@pytest.mark.parametrize(
    "data",
    [
        None,
        {
            "name": "Sam",
            "colour": "red",
            "size": "l",
            "extras": ["tea", "cake"],
            "agree": "on",
            "when": "2026-12-01",
        },
        {
            "name": "Samantha <b>",
            "nickname": "bad",
            "colour": "blue",
            "size": "x",
            "extras": ["pie"],
            "when": "soon",
        },
    ],
)
def test_every_kind_of_field_is_drawn_as_the_template_drew_it(data):
    form = EveryKind(data)
    form.is_valid()
    for field in form:
        ours = draw_field(field)
        theirs = DRAWN_BY_DJANGO.render(Context({"field": field}))
        assert read(ours) == read(theirs), field.name


def test_markup_in_labels_choices_and_errors_is_shown_as_text():
    form = EveryKind({"name": "Samantha", "nickname": "bad", "colour": "red"})
    form.is_valid()
    html = "".join(draw_field(field) for field in form)
    assert "<script>" not in html and "<b>name" not in html and "<this>" not in html
    assert "Red &lt;script&gt;" in html
    assert "Not &lt;that&gt; one." in html
    assert "Up to <i>5</i> letters" in html  # the portal's own help text, as the template's |safe
