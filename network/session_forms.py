"""Forms for group sessions: asking to join, recording attendance, cancelling a session."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models.groups import WALK_INS_MAX
from .models.sessions import JOIN_MESSAGE_MAX_LENGTH

CANCELLATION_NOTE_MAX_LENGTH = 160


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Anything you would like the facilitator to know"),
        help_text=_("You do not have to write anything. Please do not include anyone's real name."),
        required=False,
        max_length=JOIN_MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Your message can be up to 500 characters.")},
    )


class AttendanceForm(forms.Form):
    came = forms.TypedMultipleChoiceField(
        label=_("Who came"),
        help_text=_("Tick everyone who signed up and came."),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose only people who signed up for this session.")},
    )
    walk_ins = forms.IntegerField(
        label=_("How many people came without signing up?"),
        help_text=_("Write 0 if nobody did."),
        min_value=0,
        max_value=WALK_INS_MAX,
        error_messages={
            "required": _("Write how many people came without signing up. Write 0 if nobody did."),
            "invalid": _("Write the number of people as a number, like 3."),
            "min_value": _("The number cannot be less than 0."),
            "max_value": _("The number can be up to %(limit_value)s. Please check it."),
        },
        # A text box, as GOV.UK advises for numbers: a number box would silently drop "abc".
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
    )

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["came"].choices = [(r.pk, r.display_name) for r in registrations]
        if not registrations:
            del self.fields["came"]


class SessionCancelForm(forms.Form):
    note = forms.CharField(
        label=_("Why is it cancelled?"),
        help_text=_(
            "A short note. Everyone can see it on the group's page, and people with a place get it by email."
        ),
        max_length=CANCELLATION_NOTE_MAX_LENGTH,
        error_messages={
            "required": _("Write a short note to say why the session is cancelled."),
            "max_length": _("The note can be up to 160 characters."),
        },
    )
