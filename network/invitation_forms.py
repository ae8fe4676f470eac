"""Forms for referrals and invitations. Every message says what to do, kindly."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.model_choices import ModelChoiceField

from .models.invitations import PHONE_MAX_LENGTH, REFERRAL_NAME_MAX_LENGTH, REFERRAL_REASON_MAX_LENGTH
from .models.sessions import JOIN_MESSAGE_MAX_LENGTH
from .session_forms import clean_note

PHONE = re.compile(r"^\+?[\d\s()-]+$")
ASK_AGAIN_MESSAGE_MAX_LENGTH = 300

EMAIL_ERRORS = {
    "required": _("Enter their email address."),
    "invalid": _("Enter an email address in the right format, like name@example.com."),
}


class GroupChoiceField(ModelChoiceField):
    def label_from_instance(self, group):
        return group.title


class ReferralForm(forms.Form):
    chosen_name = forms.CharField(
        label=_("What should we call them?"),
        help_text=_("Their first name, or the name they would like us to use."),
        max_length=REFERRAL_NAME_MAX_LENGTH,
        error_messages={
            "required": _("Enter the name the person would like us to use."),
            "max_length": _("The name can be up to 60 characters."),
        },
    )
    email = forms.EmailField(
        label=_("Their email address"),
        help_text=_("We send the invitation here. Leave it empty if they would rather have a phone call."),
        required=False,
        error_messages=EMAIL_ERRORS,
    )
    phone = forms.CharField(
        label=_("Their phone number"),
        help_text=_(
            "For a call from the group's facilitator. Give an email address, a phone number or both."
        ),
        required=False,
        max_length=PHONE_MAX_LENGTH,
        error_messages={"max_length": _("The phone number can be up to 30 characters.")},
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    group = GroupChoiceField(
        label=_("Which group?"),
        queryset=None,
        empty_label=_("Choose a group"),
        error_messages={
            "required": _("Choose the group you are referring them to."),
            "invalid_choice": _("Choose one of the groups in the list."),
        },
    )
    reason = forms.CharField(
        label=_("Why this group? (a sentence or two)"),
        help_text=_("Up to 300 characters. Only the group's facilitators and staff read it."),
        required=False,
        max_length=REFERRAL_REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("The reason can be up to 300 characters.")},
    )
    consent = forms.BooleanField(
        label=_("The person agreed to be referred, and to us keeping these details until we answer"),
        error_messages={"required": _("Please confirm the person agreed to be referred.")},
    )

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups

    def clean_phone(self):
        phone = " ".join(self.cleaned_data["phone"].split())
        if phone and (not PHONE.match(phone) or not 7 <= sum(c.isdigit() for c in phone) <= 15):
            raise forms.ValidationError(_("Enter a phone number in the right format, like 01234 567 890."))
        return phone

    def clean(self):
        cleaned = super().clean()
        no_way_to_reach = not cleaned.get("email") and not cleaned.get("phone")
        if no_way_to_reach and "email" not in self.errors and "phone" not in self.errors:
            self.add_error(
                "email", _("Give an email address or a phone number, so the group can get in touch.")
            )
        return cleaned


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Their email address"), error_messages=EMAIL_ERRORS)


class ReferralDeclineForm(forms.Form):
    note = forms.CharField(
        label=_("A note to the team who referred (optional)"),
        help_text=_(
            "It goes by email to whoever referred, and is not kept. For example: the group is full until "
            "the spring. Please leave out names and contact details."
        ),
        required=False,
        max_length=JOIN_MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("The note can be up to 500 characters.")},
    )

    def clean_note(self):
        return clean_note(self.cleaned_data["note"], goes_to="the team who referred")


class AskAgainForm(forms.Form):
    message = forms.CharField(
        label=_("Anything you would like to add (optional)"),
        help_text=_("For example, a better time to reach you. Please do not include anyone's real name."),
        required=False,
        max_length=ASK_AGAIN_MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": _("Your message can be up to 300 characters.")},
    )
