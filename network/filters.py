"""The filters on the peer groups page (portal.filters.LenientFilterSet)."""

import django_filters
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
