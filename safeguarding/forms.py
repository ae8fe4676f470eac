from django import forms
from django.utils.translation import gettext_lazy as _

from .services import FOLLOW_UP_NOTE_MAX_LENGTH


class CaseNoteForm(forms.Form):
    note = forms.CharField(
        label=_("What was done"),
        help_text=_("For example: who reached out, how, and what was agreed. Keep it short and factual."),
        max_length=FOLLOW_UP_NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Write a short note to say what was done."),
            "max_length": _("The note can be up to 2000 characters."),
        },
    )

    def clean_note(self):
        note = self.cleaned_data["note"].strip()
        if not note:
            raise forms.ValidationError(_("Write a short note to say what was done."))
        return note
