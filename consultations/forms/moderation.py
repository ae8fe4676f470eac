"""Facilitators' forms for what they do to a priority."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import REASON_MAX_LENGTH, Priority, ReturnReason
from .priorities import explanation_field, title_field


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
    reason = ReasonField(
        label=_("Why is it being taken down?"),
        help_text=_("The member who posted it is told this, by email and on their contributions page."),
    )


class DismissReportsForm(forms.Form):
    reason = ReasonField(label=_("Note for the record"), required=False)
