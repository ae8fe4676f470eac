"""Site search's form. It never fails loudly: a query that is too long gets a kind message."""

from django import forms
from django.utils.translation import gettext_lazy as _

SEARCH_QUERY_MAX_LENGTH = 100


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search this site"),
        max_length=SEARCH_QUERY_MAX_LENGTH,
        required=False,
        error_messages={"max_length": _("Use %(limit_value)d characters or fewer.")},
    )
