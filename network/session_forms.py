"""Forms for group sessions: asking to join, recording attendance, cancelling a session, what to
get ready for it, its number of places."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .cancellation_notes import (
    cleaned_what_to_prepare,
    personal_details_in_note,
    personal_details_message,
    what_to_prepare_problem,
)
from .models.choices import CancellationReason
from .models.groups import CANCELLATION_NOTE_MAX_LENGTH, PLACES_MAX, WALK_INS_MAX, WHAT_TO_PREPARE_MAX_LENGTH
from .models.sessions import JOIN_MESSAGE_MAX_LENGTH


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Anything you would like the facilitator to know"),
        help_text=_("You do not have to write anything. Please do not include anyone's real name."),
        required=False,
        max_length=JOIN_MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Your message can be up to 500 characters.")},
    )


class JoinRequestDeclineForm(forms.Form):
    note = forms.CharField(
        label=_("A note to send with the answer (optional)"),
        help_text=_(
            "It goes only to them, by email. For example: the group is full until the spring, but "
            "the Thursday drop-in is open to everyone. Please leave out names and contact details."
        ),
        required=False,
        max_length=JOIN_MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("The note can be up to 500 characters.")},
    )

    def clean_note(self):
        return clean_note(self.cleaned_data["note"], goes_to="the person who asked")


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


class SessionPlacesForm(forms.Form):
    """The session's own number of places, or (`from_group`, a button of its own) the group's."""

    places = forms.IntegerField(
        label=_("How many places are there at this session?"),
        help_text=_("Leave it empty for no limit. When it is full, people can join the waiting list."),
        required=False,
        min_value=1,
        max_value=PLACES_MAX,
        error_messages={
            "invalid": _("Write the number of places as a number, like 12."),
            "min_value": _("There needs to be at least 1 place. Leave it empty for no limit."),
            "max_value": _("The number of places can be up to %(limit_value)s. Please check it."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
    )
    from_group = forms.BooleanField(required=False, widget=forms.HiddenInput)


class SessionCancelForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why is it cancelled?"),
        help_text=_("Everyone can see this on the group's page."),
        choices=CancellationReason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose why the session is cancelled."),
            "invalid_choice": _("Choose one of the reasons in the list."),
        },
    )
    note = forms.CharField(
        label=_("A note for people with a place (optional)"),
        help_text=_(
            "Only people with a place (or on the waiting list) get it, by email. Please leave out "
            "names, contact details and news about anyone, for example: we meet in the garden room "
            "next week."
        ),
        required=False,
        max_length=CANCELLATION_NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": _("The note can be up to 160 characters.")},
    )

    def clean_note(self):
        return clean_note(self.cleaned_data["note"])


def clean_note(note, goes_to="everyone with a place"):
    """A note from a facilitator to people by email: one line of plain words, with no one's
    personal details in it."""
    note = " ".join(note.split())
    found = personal_details_in_note(note)
    if found:
        raise forms.ValidationError(personal_details_message(found, goes_to))
    return note


class SessionPrepareForm(forms.Form):
    what_to_prepare = forms.CharField(
        label=_("What to get ready for this session (optional)"),
        help_text=_(
            "It goes in the reminder email the day before, for example the ingredients to buy. "
            "Leave it empty to send the group's usual list. Please leave out names and contact details."
        ),
        required=False,
        max_length=WHAT_TO_PREPARE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("The list can be up to %(limit_value)s characters.")},
    )

    def clean_what_to_prepare(self):
        text = cleaned_what_to_prepare(self.cleaned_data["what_to_prepare"])
        problem = what_to_prepare_problem(text)
        if problem:
            raise forms.ValidationError(problem)
        return text
