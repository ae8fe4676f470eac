"""The filters on the peer groups page and the attendance figures (portal.filters.LenientFilterSet)."""

import datetime

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.filters import LenientFilterSet

from .models.choices import Audience, Format, Weekday


class GroupFilter(LenientFilterSet):
    day = django_filters.ChoiceFilter(
        field_name="weekday",
        label=_("Day"),
        choices=Weekday.choices,
        empty_label=_("Any day"),
        error_messages={
            "invalid_choice": _("Choose a day from the list. We have shown groups on every day.")
        },
    )
    format = django_filters.ChoiceFilter(
        label=_("In person or online"),
        choices=Format.choices,
        empty_label=_("Any"),
        method="filter_format",
        error_messages={"invalid_choice": _("Choose in person or online from the list. We have shown both.")},
    )
    audience = django_filters.ChoiceFilter(
        label=_("Who it is for"),
        choices=Audience.choices,
        empty_label=_("Anyone"),
        error_messages={
            "invalid_choice": _("Choose who the group is for from the list. We have shown all groups.")
        },
    )

    def filter_format(self, queryset, name, value):
        # A hybrid group suits someone looking for either.
        wanted = {Format.IN_PERSON: Format.meeting_in_person(), Format.ONLINE: Format.meeting_online()}
        return queryset.filter(format__in=wanted.get(value, {value}))


DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d %m %Y", "%d-%m-%Y", "%d %B %Y", "%d %b %Y"]
LONGEST_PERIOD_MONTHS = 36


class AttendanceFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error(
                "end",
                _(
                    "The last day must be on or after the first day. We have shown figures from the first day."
                ),
            )
        elif start and _months_apart(start, end or timezone.localdate()) >= LONGEST_PERIOD_MONTHS:
            self.add_error(
                "start", _("Choose a period of up to 3 years. We have shown the usual six months.")
            )
        return data


def _months_apart(first, last):
    return (last.year - first.year) * 12 + last.month - first.month


def _date_filter(label, hint, wrong):
    return django_filters.DateFilter(
        label=label,
        method="keep",
        input_formats=DATE_FORMATS,
        help_text=hint,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": wrong},
    )


class AttendanceFilter(LenientFilterSet):
    """The period of the attendance figures. The figures read the chosen days themselves (period()):
    a day that makes no sense is left out, said kindly next to it, and the usual period is used."""

    start = _date_filter(
        _("First day"),
        _("For example 1 3 2026, or pick a day."),
        _("Write the first day as a date, for example 1 3 2026. We have shown the usual period."),
    )
    end = _date_filter(
        _("Last day"),
        _("For example 31 5 2026, or pick a day. Leave it empty for today."),
        _("Write the last day as a date, for example 31 5 2026. We have shown figures up to today."),
    )

    class Meta:
        form = AttendanceFilterForm

    def keep(self, queryset, name, value):
        return queryset

    def period(self, today):
        """(first day, last day): the days chosen that made sense, else the last six months."""
        used = self.used()
        last = used.get("end") or today
        first = used.get("start") or (last.replace(day=1) - datetime.timedelta(days=150)).replace(day=1)
        return first, max(first, last)
