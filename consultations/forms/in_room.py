"""Facilitators' forms for input gathered in the room.

Where it was gathered is chosen from a list (the consultation's gatherings so far, and group
sessions that ended while it was open) or added once as another event with a name and a day. The
form works out which; the view asks services.gathering_choose for a new one.
"""

import copy

from django import forms
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from portal.form_field import draw_field
from portal.quick_widgets import QuickTextInput

from .. import selectors
from ..models import MAX_IN_ROOM_VOTES, PLACE_MAX_LENGTH
from .priorities import ThemeChoiceField, explanation_field, title_field

NEW = "new"
GATHERING = "gathering:"
SOURCE = "source:"


def votes_field(label):
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=MAX_IN_ROOM_VOTES,
        # Text that brings up a keypad, as GOV.UK advises and the group session forms do: a number
        # box would turn "ten" into nothing in some browsers, and could not show it back.
        widget=QuickTextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
        error_messages={
            "invalid": _("Enter a whole number of votes."),
            "min_value": _("Votes cannot be fewer than 0."),
            "max_value": _("That is more votes than we can take. Please check the number."),
        },
    )


class GatheringField(forms.ChoiceField):
    """The list of choices, and a session already made into a gathering since the page was shown
    (another facilitator chose it a moment ago): that one still means its gathering."""

    also_accepted = frozenset()

    def validate(self, value):
        # Nothing chosen may still mean "another event" (its name typed in): the form decides.
        if value not in self.empty_values:
            super().validate(value)

    def valid_value(self, value):
        return value in self.also_accepted or super().valid_value(value)


class GatheringChoiceForm(forms.Form):
    """Choose where it was gathered, or add another event with its name and day."""

    missing_message = _("Choose where the votes were counted, or add another event below.")
    place_missing_message = _("Say where the votes were counted.")

    gathering = GatheringField(
        label=_("Where were the votes counted?"),
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the sessions in the list.")},
    )
    place = forms.CharField(
        label=_("Another event: its name"),
        help_text=_("Only if it is not in the list. For example: Drop-in at the Net Loft."),
        required=False,
        max_length=PLACE_MAX_LENGTH,
        error_messages={"max_length": _("Please keep the name to %(limit_value)s characters or fewer.")},
    )
    held_on = forms.DateField(
        label=_("Another event: the day"),
        help_text=_("For example: 27/3/2026"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"],
        error_messages={"invalid": _("Enter the day like 27/3/2026.")},
    )

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        gatherings, sources = selectors.gathering_choices(consultation)
        self.gatherings = {f"{GATHERING}{g.pk}": g for g in gatherings}
        self.sources = {f"{SOURCE}{s.key}": s for s in sources}
        made_from = {f"{SOURCE}{g.source}": g for g in gatherings if g.source}
        self.gatherings.update(made_from)
        self.fields["gathering"].also_accepted = frozenset(made_from)
        self.fields["gathering"].choices = [
            *((f"{GATHERING}{g.pk}", g.label) for g in gatherings),
            *((value, s.label) for value, s in self.sources.items()),
            (NEW, _("Another event (fill in its name and day below)")),
        ]

    def clean_held_on(self):
        day = self.cleaned_data.get("held_on")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("The day cannot be in the future."))
        return day

    def clean(self):
        data = super().clean()
        choice = data.get("gathering")
        if "gathering" in self.errors:
            return data
        if choice in self.gatherings:
            self.chosen = {"gathering": self.gatherings[choice]}
        elif choice in self.sources:
            source = self.sources[choice]
            self.chosen = {"source": source.key, "name": source.name, "held_on": source.held_on}
        elif choice == NEW or data.get("place") or self.data.get("held_on"):
            if not data.get("place") and "place" not in self.errors:
                self.add_error("place", self.place_missing_message)
            if not data.get("held_on") and "held_on" not in self.errors:
                self.add_error("held_on", _("Enter the day."))
            self.chosen = {"name": data.get("place"), "held_on": data.get("held_on")}
        else:
            self.add_error("gathering", self.missing_message)
        return data


class GatheredPriorityForm(GatheringChoiceForm):
    missing_message = _("Choose where it was gathered, or add another event below.")
    place_missing_message = _("Say where it was gathered.")

    title = title_field()
    explanation = explanation_field()

    field_order = ["title", "explanation", "gathering", "place", "held_on"]

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, consultation=consultation, **kwargs)
        self.fields["gathering"].label = _("Where was it gathered?")
        if consultation.themes.exists():
            self.fields["theme"] = ThemeChoiceField(consultation)


class TallyForm(forms.Form):
    """One number box per published priority, filled with what is saved for this gathering. An
    empty box was not entered on this sheet and keeps what is saved; 0 takes a saved count off."""

    def __init__(self, *args, priorities, saved=None, **kwargs):
        saved = saved or {}
        initial = {f"votes_{pk}": votes for pk, votes in saved.items()}
        super().__init__(*args, initial=initial, **kwargs)
        self.priorities = list(priorities)
        # One field made, and copied for each box with its own label: making a field (and its
        # widget) a thousand times took longer than the rest of the sheet.
        box = votes_field("")
        for priority in self.priorities:
            field = copy.copy(box)
            field.label = priority.title
            self.fields[f"votes_{priority.pk}"] = field

    def boxes(self):
        """The page's boxes, each drawn in Python (portal/form_field.py), every value escaped."""
        return mark_safe("\n".join(draw_field(self[name]) for name in self.fields))  # noqa: S308

    def counts(self):
        """{priority id: votes}, with None for a box left empty."""
        return {p.pk: self.cleaned_data.get(f"votes_{p.pk}") for p in self.priorities}


class TallyEditForm(forms.Form):
    votes = votes_field(_("Votes"))

    def __init__(self, *args, tally, **kwargs):
        super().__init__(*args, initial={"votes": tally.votes}, **kwargs)
        self.fields["votes"].required = True
        self.fields["votes"].error_messages["required"] = _(
            "Enter the number of votes, or 0 to take them off."
        )
