"""Facilitators' forms for what they do to a priority. They speak to the facilitator, and every
ready-written reason is shown in full: the facilitator reads the words the member will read."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.model_choices import ModelChoiceField
from portal.quick_widgets import DrawnOptions, QuickSelect

from .. import selectors
from ..alike import most_alike
from ..figures_cache import cached_part
from ..merge_choices import AToZ
from ..models import REASON_MAX_LENGTH, Priority, ReturnReason
from .priorities import explanation_field, title_field

# Ready-written reasons for taking a post down: the words the member reads, by email and on their
# contributions page. Kind and plain; the facilitator can write their own instead.
TAKE_DOWN_REASONS = [
    (
        "identifies",
        _(
            "Your post named or described someone, so they could be recognised. "
            "We took it down to keep everyone safe."
        ),
    ),
    (
        "hurtful",
        _(
            "Some of the words in your post could hurt or upset other members. "
            "Please have a look at the community guidelines and post again if you would like to."
        ),
    ),
    (
        "own_details",
        _(
            "Your post shared private details about you that everyone could read. "
            "We took it down to protect you. You are welcome to post again without them."
        ),
    ),
    (
        "off_topic",
        _(
            "Your post was not about something the network or the partnership could change, "
            "so it did not fit this consultation."
        ),
    ),
]


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


class ReadyReasonChoiceField(ModelChoiceField):
    """A ready-written reason, shown with the whole message the member will read."""

    def label_from_instance(self, reason):
        return f"{reason.title}: {reason.message}"


class ReturnForm(forms.Form):
    template = ReadyReasonChoiceField(
        queryset=ReturnReason.objects.all(),
        required=False,
        blank=True,
        widget=forms.RadioSelect,
        label=_("Choose a ready-written message"),
        help_text=_("The member reads these words exactly as they are shown here."),
        empty_label=_("None: I will write my own below"),
        error_messages={"invalid_choice": _("Choose one of the reasons in the list.")},
    )
    message = ReasonField(
        label=_("Or write your own message to the member"),
        required=False,
        help_text=_("Kind and plain. If you write here, the member gets your words instead."),
    )

    def clean(self):
        cleaned = super().clean()
        message = (cleaned.get("message") or "").strip()
        if not message and cleaned.get("template"):
            message = cleaned["template"].message
        if not message and not self.errors:
            self.add_error("template", _("Choose a reason or write a message to the member."))
        cleaned["message"] = message
        return cleaned


class ModeratorEditForm(forms.Form):
    """Changing a member's words. It speaks to the facilitator, about the member's priority."""

    title = title_field()
    explanation = explanation_field()
    reason = ReasonField(
        label=_("What did you take out, and why?"),
        help_text=_("For the record. The member is told their words were changed, and sees the new words."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        title, explanation = self.fields["title"], self.fields["explanation"]
        title.label = _("Their priority, in a few words")
        title.help_text = _("Change the words the member wrote only to take out personal details.")
        title.error_messages["required"] = _("Write the priority in a few words.")
        explanation.label = _("Why it matters to them")
        explanation.help_text = _(
            "Take out names, phone numbers and addresses; keep the rest as they wrote it."
        )
        explanation.error_messages["required"] = _("Write a little about why it matters to them.")


def _a_to_z(priorities):
    """The priorities, drawn as options from A to Z."""
    return AToZ(sorted(priorities.values_list("pk", "title"), key=lambda choice: choice[1].casefold()))


class MergeForm(forms.Form):
    """The published priority to join a post into: those most like it first (consultations/
    alike.py), then every other one from A to Z, in a list drawn quickly however long it is.

    The list of the consultation's published priorities, drawn, is the same for every post in it
    until one of them changes, which moves the consultation's mark on (figures_cache): so it is
    drawn once and kept."""

    survivor = forms.ModelChoiceField(
        queryset=Priority.objects.none(),
        widget=QuickSelect,
        label=_("Join it into this priority"),
        empty_label=_("Choose a priority"),
        error_messages={
            "required": _("Choose the priority to keep."),
            "invalid_choice": _("Choose one of the priorities in the list."),
        },
    )
    reason = ReasonField(label=_("Note for the record"), required=False)

    def __init__(self, *args, duplicate, **kwargs):
        super().__init__(*args, **kwargs)
        published = selectors.listed_priorities(duplicate.consultation)
        survivor = self.fields["survivor"]
        duplicate_id = duplicate.pk
        survivor.queryset = published.exclude(pk=duplicate_id)
        a_to_z = cached_part(duplicate.consultation_id, "merge-choices", lambda: _a_to_z(published))
        text = f"{duplicate.title} {duplicate.explanation}"
        # One more than is shown: the post itself, once published, is in the list, and most like itself.
        ranked = most_alike(text, a_to_z.choices, limit=6)
        alike = [choice for choice in ranked if choice[0] != duplicate_id][:5]
        others = DrawnOptions(
            a_to_z.options({duplicate_id, *(pk for pk, _title in alike)}, chosen=self["survivor"].value())
        )
        choices = [("", survivor.empty_label)]
        if alike:
            choices.append((_("Most like this one"), alike))
            if others:
                choices.append((_("Every other published priority, A to Z"), others))
        else:
            choices.append((None, others))
        # The list the page draws; what is sent back is checked against the queryset, as before.
        survivor.widget.choices = choices


class RemoveForm(forms.Form):
    ready = forms.ChoiceField(
        choices=TAKE_DOWN_REASONS,
        required=False,
        widget=forms.RadioSelect,
        label=_("Choose a ready-written reason"),
        help_text=_(
            "The member who posted it reads these words exactly as they are shown here, "
            "by email and on their contributions page."
        ),
        error_messages={"invalid_choice": _("Choose one of the reasons in the list.")},
    )
    reason = ReasonField(
        label=_("Or write why, in your own words"),
        required=False,
        help_text=_("If you write here, the member gets your words instead."),
    )

    def clean(self):
        cleaned = super().clean()
        reason = (cleaned.get("reason") or "").strip()
        if not reason and cleaned.get("ready"):
            reason = str(dict(TAKE_DOWN_REASONS)[cleaned["ready"]])
        if not reason and not self.errors:
            self.add_error("ready", _("Choose or write why it is being taken down."))
        cleaned["reason"] = reason
        return cleaned


class DismissReportsForm(forms.Form):
    reason = ReasonField(label=_("Note for the record"), required=False)
