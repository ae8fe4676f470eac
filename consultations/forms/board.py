"""The board representatives' forms: shortlisting, agenda items and the board's response."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..figures import HIDDEN_WORD
from ..models import (
    AGENDA_SUMMARY_MAX_LENGTH,
    AGENDA_TITLE_MAX_LENGTH,
    RESPONSE_TEXT_MAX_LENGTH,
    RESPONSIBLE_MAX_LENGTH,
    Priority,
    ResponseStatus,
)


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
        choices=ResponseStatus.choices,
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
