import pytest
from django import forms
from django.template.loader import render_to_string

from tests.checks import assert_valid_html

CHOICES = [("tea", "Tea"), ("coffee", "Coffee")]


class ExampleForm(forms.Form):
    name = forms.CharField(help_text="What people call you")
    drink = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect)
    extras = forms.MultipleChoiceField(choices=CHOICES, widget=forms.CheckboxSelectMultiple, required=False)
    agree = forms.BooleanField()


def render(form):
    return render_to_string("components/form_fields.html", {"form": form})


def test_radios_and_checkboxes_get_govuk_markup_and_keep_their_choice():
    html = render(ExampleForm(data={"name": "Sam", "drink": "coffee", "extras": ["tea"]}))
    assert '<div class="govuk-radios govuk-radios--small">' in html
    assert (
        'class="govuk-radios__input" id="id_drink_1" name="drink" type="radio" value="coffee" checked' in html
    )
    assert 'id="id_extras_0" name="extras" type="checkbox" value="tea" checked' in html
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Drink</legend>' in html


def test_errors_are_linked_to_their_fields():
    html = render(ExampleForm(data={}))
    assert "There is a problem" in html
    assert 'href="#id_drink_0"' in html
    assert 'aria-describedby="id_name-hint id_name-error"' in html
    assert 'class="govuk-input govuk-input--error"' in html


@pytest.mark.xdist_group("html")  # one HTML checker run: tests/test_html_checker.py
def test_rendered_form_is_valid_html():
    page = (
        "<!DOCTYPE html><html lang='en'><head><title>Form</title></head><body><form>{}</form></body></html>"
    )
    assert_valid_html(
        {"empty": page.format(render(ExampleForm())), "errors": page.format(render(ExampleForm(data={})))}
    )
