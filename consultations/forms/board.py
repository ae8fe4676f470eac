"""The board representatives' forms: shortlisting, agenda items and the board's response."""

import re
from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..figures import HIDDEN_WORD
from ..models import (
    AGENDA_SUMMARY_MAX_LENGTH,
    AGENDA_TITLE_MAX_LENGTH,
    RESPONSE_TEXT_MAX_LENGTH,
    RESPONSIBLE_MAX_LENGTH,
    BoardMeeting,
    Priority,
    ResponseStatus,
)
from ..priority_choices import priority_rows

MEETING_PLACE_MAX_LENGTH = BoardMeeting._meta.get_field("place").max_length
MEETING_DAYS_BACK = 365
MEETING_DAYS_AHEAD = 3 * 365


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
        label = gettext("%(rank)s. %(title)s (votes in all: %(votes)s)") % {
            "rank": priority.rank,
            "title": priority.title,
            "votes": HIDDEN_WORD if priority.total_votes is None else priority.total_votes,
        }
        answered = [earlier for earlier in getattr(priority, "earlier", []) if earlier.status]
        if answered:
            label += " " + gettext("Answered before: %(status)s") % {"status": answered[0].status}
        elif getattr(priority, "earlier", None):
            label += " " + gettext("On an earlier agenda, not answered yet")
        return label


def _priorities_field(candidates):
    field = RankedPriorityChoiceField(
        queryset=Priority.objects.filter(pk__in=[p.pk for p in candidates]),
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
    field.choices = [(p.pk, field.label_from_instance(p)) for p in candidates]
    return field


class PriorityChoicesForm(forms.Form):
    """A form with the priorities to tick, each shown with why it matters and what the board said
    about it before (templates/consultations/board/includes/priority_choices.html)."""

    def set_priorities(self, candidates):
        self.candidates = list(candidates)
        self.fields["priorities"] = _priorities_field(self.candidates)

    def priority_rows(self):
        """The boxes, drawn quickly however many there are (consultations/priority_choices.py)."""
        return priority_rows(self)


class ShortlistForm(PriorityChoicesForm):
    """Choose one or more of a closed consultation's priorities for one agenda item."""

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_priorities(p for p in candidates if not p.already_on_agenda)
        self.fields["title"] = _agenda_title_field(required=False)
        self.fields["summary"] = _summary_field()


class AgendaItemForm(PriorityChoicesForm):
    """An agenda item's title and summary and, while the meeting is planned, its priorities: the
    ones it has are ticked, and the consultation's others not on this agenda can be added."""

    # Sent with the ticks, so that unticking every box is told apart from a form without them.
    PRIORITIES_SHOWN = "priorities_shown"

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if candidates is not None and (not self.is_bound or self.PRIORITIES_SHOWN in self.data):
            self.set_priorities(candidates)
        self.fields["title"] = _agenda_title_field(required=True)
        self.fields["summary"] = _summary_field()


def parse_clock(value):
    """A time of day as people write it: 19:00, 7pm, 7.30pm, 10:15am, midday. None if not one."""
    text = (value or "").strip().lower().replace(" ", "")
    if text in ("midday", "noon", "12noon"):
        return time(12, 0)
    match = re.fullmatch(r"(\d{1,2})(?:[:.](\d{2}))?(am|pm)?", text)
    if not match:
        return None
    hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
    if minute > 59 or (match[2] is None and half is None):
        return None
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif hour > 23:
        return None
    return time(hour, minute)


class MeetingForm(forms.Form):
    """A board meeting's day, time and place."""

    day = forms.DateField(
        label=_("Day"),
        help_text=_("For example: 27/3/2027"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"],
        error_messages={
            "required": _("Enter the day of the meeting."),
            "invalid": _("Enter the day like 27/3/2027."),
        },
    )
    time = forms.CharField(
        label=_("Time"),
        help_text=_("For example: 2pm or 14:00"),
        max_length=20,
        error_messages={
            "required": _("Enter the time the meeting starts."),
            "max_length": _("Enter the time like 2pm or 14:00."),
        },
    )
    place = forms.CharField(
        label=_("Place"),
        help_text=_("For example: Council chambers, or Online"),
        max_length=MEETING_PLACE_MAX_LENGTH,
        error_messages={
            "required": _("Say where the meeting is."),
            "max_length": _("Please keep it to %(limit_value)s characters or fewer."),
        },
    )

    def clean_day(self):
        day = self.cleaned_data["day"]
        today = timezone.localdate()
        if not today - timedelta(days=MEETING_DAYS_BACK) <= day <= today + timedelta(days=MEETING_DAYS_AHEAD):
            raise forms.ValidationError(_("Choose a day in the last year or the next three years."))
        return day

    def clean_time(self):
        parsed = parse_clock(self.cleaned_data["time"])
        if parsed is None:
            raise forms.ValidationError(_("Enter the time like 2pm or 14:00."))
        return parsed

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("day") and cleaned.get("time"):
            cleaned["starts_at"] = timezone.make_aware(datetime.combine(cleaned["day"], cleaned["time"]))
        return cleaned

    @staticmethod
    def initial_for(meeting):
        starts = timezone.localtime(meeting.starts_at)
        return {
            "day": starts.strftime("%-d/%-m/%Y"),
            "time": starts.strftime("%H:%M"),
            "place": meeting.place,
        }


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
