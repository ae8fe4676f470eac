"""Members' forms: a priority, a report, their email choices."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.model_choices import ModelChoiceField

from ..models import EXPLANATION_MAX_LENGTH, REASON_MAX_LENGTH, TITLE_MAX_LENGTH, NotificationPreferences

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


class ThemeChoiceField(ModelChoiceField):
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


class NotificationPreferencesForm(forms.ModelForm):
    class Meta:
        model = NotificationPreferences
        fields = ["post_updates", "closing_soon", "board_responses"]
