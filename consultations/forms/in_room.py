"""Facilitators' forms for input gathered in the room."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import MAX_IN_ROOM_VOTES, PLACE_MAX_LENGTH
from .priorities import ThemeChoiceField, explanation_field, title_field


class GatheredPriorityForm(forms.Form):
    title = title_field()
    explanation = explanation_field()
    place = forms.CharField(
        label=_("Where was it gathered?"),
        help_text=_("The group or place, for example: Tuesday peer group."),
        max_length=PLACE_MAX_LENGTH,
        error_messages={"required": _("Say where it was gathered.")},
    )
    held_on = forms.DateField(
        label=_("On what day?"),
        help_text=_("For example: 27/3/2026"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"],
        error_messages={"required": _("Enter the day."), "invalid": _("Enter the day like 27/3/2026.")},
    )

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        if consultation.themes.exists():
            self.fields["theme"] = ThemeChoiceField(consultation)

    def clean_held_on(self):
        day = self.cleaned_data["held_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The day cannot be in the future."))
        return day


class TallyForm(forms.Form):
    """Place and day, then one number box per published priority."""

    place = GatheredPriorityForm.base_fields["place"]
    held_on = GatheredPriorityForm.base_fields["held_on"]
    clean_held_on = GatheredPriorityForm.clean_held_on

    def __init__(self, *args, priorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.priorities = list(priorities)
        for priority in self.priorities:
            self.fields[f"votes_{priority.pk}"] = forms.IntegerField(
                label=priority.title,
                required=False,
                min_value=0,
                max_value=MAX_IN_ROOM_VOTES,
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
                error_messages={
                    "invalid": _("Enter a whole number of votes."),
                    "min_value": _("Votes cannot be fewer than 0."),
                    "max_value": _("That is more votes than we can take. Please check the number."),
                },
            )

    def counts(self):
        return {p.pk: self.cleaned_data.get(f"votes_{p.pk}") or 0 for p in self.priorities}
