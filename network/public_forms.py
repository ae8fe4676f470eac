"""GET forms for the public listings. They never fail loudly: a value they cannot use is dropped."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AUDIENCE_CHOICES, FORMAT_CHOICES, WEEKDAY_CHOICES

SEARCH_QUERY_MAX_LENGTH = 100


class GroupFilterForm(forms.Form):
    day = forms.TypedChoiceField(
        label=_("Day"),
        choices=[("", _("Any day")), *WEEKDAY_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={
            "invalid_choice": _("Choose a day from the list. We have shown groups on every day.")
        },
    )
    format = forms.ChoiceField(
        label=_("In person or online"),
        choices=[("", _("Any")), *FORMAT_CHOICES],
        required=False,
        error_messages={"invalid_choice": _("Choose in person or online from the list. We have shown both.")},
    )
    audience = forms.ChoiceField(
        label=_("Who it is for"),
        choices=[("", _("Anyone")), *AUDIENCE_CHOICES],
        required=False,
        error_messages={
            "invalid_choice": _("Choose who the group is for from the list. We have shown all groups.")
        },
    )

    def usable_filters(self):
        """The choices that made sense, ignoring any that did not."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value not in (None, "") and name not in self.errors
        }


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search this site"),
        max_length=SEARCH_QUERY_MAX_LENGTH,
        required=False,
        error_messages={"max_length": _("Use %(limit_value)d characters or fewer.")},
    )
