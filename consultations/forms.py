from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .figures import HIDDEN_WORD
from .models import (
    AGENDA_SUMMARY_MAX_LENGTH,
    AGENDA_TITLE_MAX_LENGTH,
    EXPLANATION_MAX_LENGTH,
    MAX_IN_ROOM_VOTES,
    PLACE_MAX_LENGTH,
    REASON_MAX_LENGTH,
    RESPONSE_STATUS_CHOICES,
    RESPONSE_TEXT_MAX_LENGTH,
    RESPONSIBLE_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    NotificationPreferences,
    Priority,
    ReturnReason,
)

SHOW_NAME_CHOICES = [
    ("yes", _("Show my display name")),
    ("no", _("Anonymous to other members")),
]


def _tidy(value):
    return "\n".join(" ".join(line.split()) for line in (value or "").strip().splitlines()).strip()


def title_field():
    return forms.CharField(
        label=_("Your priority, in a few words"),
        help_text=_("For example: Evening opening at the hub. Up to %(max)s characters.")
        % {"max": TITLE_MAX_LENGTH},
        max_length=TITLE_MAX_LENGTH,
        error_messages={
            "required": _("Write your priority in a few words."),
            "max_length": _("Please keep it to %(limit_value)s characters or fewer."),
        },
    )


def explanation_field():
    return forms.CharField(
        label=_("Why it matters"),
        help_text=_("A few sentences. Please leave out names, phone numbers and addresses."),
        max_length=EXPLANATION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Tell us a little about why it matters."),
            "max_length": _("Please keep it to %(limit_value)s characters or fewer."),
        },
    )


class ThemeChoiceField(forms.ModelChoiceField):
    def __init__(self, consultation, **kwargs):
        super().__init__(
            queryset=consultation.themes.all(),
            label=_("Which theme is closest?"),
            empty_label=_("Choose a theme"),
            error_messages={
                "required": _("Choose the theme that is closest."),
                "invalid_choice": _("Choose one of the themes in the list."),
            },
            **kwargs,
        )


class PriorityForm(forms.Form):
    title = title_field()
    explanation = explanation_field()
    show_name = forms.ChoiceField(
        label=_("Who can see it is yours?"),
        help_text=_("Facilitators can always see who posted, to keep everyone safe."),
        choices=SHOW_NAME_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose whether to show your display name."),
            "invalid_choice": _("Choose one of the options."),
        },
    )
    details_confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        if consultation.themes.exists():
            self.fields["theme"] = ThemeChoiceField(consultation)
            self.order_fields(["title", "explanation", "theme", "show_name"])

    def clean_title(self):
        return _tidy(self.cleaned_data["title"]).replace("\n", " ")

    def clean_explanation(self):
        return _tidy(self.cleaned_data["explanation"])

    def service_kwargs(self):
        data = self.cleaned_data
        return {
            "title": data["title"],
            "explanation": data["explanation"],
            "theme": data.get("theme"),
            "show_name": data["show_name"] == "yes",
        }

    @classmethod
    def initial_from(cls, priority):
        return {
            "title": priority.title,
            "explanation": priority.explanation,
            "theme": priority.theme_id,
            "show_name": "yes" if priority.show_name else "no",
        }


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with it?"),
        help_text=_("For example: it names someone, or it is unkind. A facilitator will read this."),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Tell us a little about what is wrong."),
            "max_length": _("Please keep it to %(limit_value)s characters or fewer."),
        },
    )


class ReasonField(forms.CharField):
    def __init__(self, *, label, required=True, **kwargs):
        super().__init__(
            label=label,
            required=required,
            max_length=REASON_MAX_LENGTH,
            widget=forms.Textarea(attrs={"rows": 3}),
            error_messages={
                "required": _("Write a few words to say why."),
                "max_length": _("Please keep it to %(limit_value)s characters or fewer."),
            },
            **kwargs,
        )


class ReturnForm(forms.Form):
    template = forms.ModelChoiceField(
        queryset=ReturnReason.objects.all(),
        required=False,
        label=_("Start from a ready-written reason"),
        empty_label=_("Write my own"),
        error_messages={"invalid_choice": _("Choose one of the reasons in the list.")},
    )
    message = ReasonField(
        label=_("Message to the member"),
        required=False,
        help_text=_("Kind and plain. If you chose a reason above, it is used when this box is empty."),
    )

    def clean(self):
        cleaned = super().clean()
        message = (cleaned.get("message") or "").strip()
        if not message and cleaned.get("template"):
            message = cleaned["template"].message
        if not message and not self.errors:
            raise forms.ValidationError(_("Choose a reason or write a message to the member."))
        cleaned["message"] = message
        return cleaned


class ModeratorEditForm(forms.Form):
    title = title_field()
    explanation = explanation_field()
    reason = ReasonField(label=_("What did you take out, and why?"))


class MergeForm(forms.Form):
    survivor = forms.ModelChoiceField(
        queryset=Priority.objects.none(),
        label=_("Join it into this priority"),
        empty_label=_("Choose a priority"),
        error_messages={
            "required": _("Choose the priority to keep."),
            "invalid_choice": _("Choose one of the priorities in the list."),
        },
    )
    reason = ReasonField(label=_("Note for the record"), required=False)

    def __init__(self, *args, duplicate, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survivor"].queryset = queryset.exclude(pk=duplicate.pk)


class RemoveForm(forms.Form):
    reason = ReasonField(label=_("Why is it being taken down?"))


class DismissReportsForm(forms.Form):
    reason = ReasonField(label=_("Note for the record"), required=False)


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


class NotificationPreferencesForm(forms.ModelForm):
    class Meta:
        model = NotificationPreferences
        fields = ["post_updates", "closing_soon", "board_responses"]


# The partnership board


def _summary_field():
    return forms.CharField(
        label=_("Summary for the board"),
        help_text=_(
            "What members said and why it matters, in a few plain sentences. Up to %(max)s characters."
        )
        % {"max": AGENDA_SUMMARY_MAX_LENGTH},
        max_length=AGENDA_SUMMARY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Write a short summary for the board."),
            "max_length": _("Please keep it to %(limit_value)s characters or fewer."),
        },
    )


def _agenda_title_field(required):
    return forms.CharField(
        label=_("Agenda item title"),
        help_text=None if required else _("Leave empty to use the title of the first priority you choose."),
        required=required,
        max_length=AGENDA_TITLE_MAX_LENGTH,
        error_messages={
            "required": _("Give the agenda item a short title."),
            "max_length": _("Please keep it to %(limit_value)s characters or fewer."),
        },
    )


class RankedPriorityChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, priority):
        return _("%(rank)s. %(title)s (votes in all: %(votes)s)") % {
            "rank": priority.rank,
            "title": priority.title,
            "votes": HIDDEN_WORD if priority.total_votes is None else priority.total_votes,
        }


class ShortlistForm(forms.Form):
    """Choose one or more of a closed consultation's priorities for one agenda item."""

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        available = [p for p in candidates if not p.already_on_agenda]
        field = RankedPriorityChoiceField(
            queryset=Priority.objects.filter(pk__in=[p.pk for p in available]),
            label=_("Priorities for this agenda item"),
            help_text=_("Choose one, or several that say similar things."),
            widget=forms.CheckboxSelectMultiple,
            error_messages={
                "required": _("Choose at least one priority to put on the agenda."),
                "invalid_choice": _("One of those priorities cannot be chosen. Please choose again."),
                "invalid_pk_value": _("One of those priorities cannot be chosen. Please choose again."),
            },
        )
        # Ranked order and labels from the candidates already read, without another query each.
        field.choices = [(p.pk, field.label_from_instance(p)) for p in available]
        self.fields["priorities"] = field
        self.fields["title"] = _agenda_title_field(required=False)
        self.fields["summary"] = _summary_field()


class AgendaItemForm(forms.Form):
    title = _agenda_title_field(required=True)
    summary = _summary_field()


class BoardResponseForm(forms.Form):
    status = forms.ChoiceField(
        label=_("What did the board decide?"),
        choices=RESPONSE_STATUS_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what the board decided."),
            "invalid_choice": _("Choose one of the options."),
        },
    )
    explanation = forms.CharField(
        label=_("What the board said, in plain words"),
        help_text=_("Members and the public will read this. If it is not going ahead, say why."),
        max_length=RESPONSE_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Say in a few plain words what the board decided."),
            "max_length": _("Please keep it to %(limit_value)s characters or fewer."),
        },
    )
    responsible = forms.CharField(
        label=_("Who is doing it"),
        help_text=_("A role or organisation, not a person's name. For example: the hub manager."),
        required=False,
        max_length=RESPONSIBLE_MAX_LENGTH,
        error_messages={"max_length": _("Please keep it to %(limit_value)s characters or fewer.")},
    )
    due_by = forms.DateField(
        label=_("By when"),
        help_text=_("For example: 30/6/2027"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"],
        error_messages={"invalid": _("Enter the day like 30/6/2027.")},
    )


class PriorityFilterForm(forms.Form):
    """The theme filter on a consultation's page. A theme we do not know is dropped, not an error."""

    theme = forms.ChoiceField(label=_("Theme"), required=False)

    def __init__(self, data=None, *, themes, **kwargs):
        super().__init__(data, **kwargs)
        self.themes = {str(theme.pk): theme for theme in themes}
        self.fields["theme"].choices = [
            ("", _("All themes")),
            *((pk, theme.name) for pk, theme in self.themes.items()),
        ]

    def chosen_theme(self):
        """(theme or None, whether a choice was dropped)."""
        if not self.is_valid():
            return None, True
        return self.themes.get(self.cleaned_data["theme"]), False


class ResponseFilterForm(forms.Form):
    """The filters on "You said, we did". A value we do not know is dropped, not an error."""

    status = forms.ChoiceField(label=_("Status"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)

    def __init__(self, data=None, *, theme_names, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["status"].choices = [("", _("Any status")), *RESPONSE_STATUS_CHOICES]
        self.fields["theme"].choices = [("", _("Any theme")), *((name, name) for name in theme_names)]

    def filters(self):
        """(status, theme, whether anything was dropped)."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        dropped = bool(self.errors)
        return cleaned.get("status") or None, cleaned.get("theme") or None, dropped
