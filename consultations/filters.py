"""The filters on consultation pages (portal.filters.LenientFilterSet): a theme or status we do not
know is left out and mentioned once above the list, never an error page or an empty list."""

import django_filters
from django.utils.translation import gettext_lazy as _

from portal.filters import LenientFilterSet

from .models import BoardResponse, Priority, PriorityStatus, ResponseStatus


class PriorityFilter(LenientFilterSet):
    """The theme filter on a consultation's page. The themes are read once by the view and used
    both for the choices and for filtering."""

    theme = django_filters.ChoiceFilter(label=_("Theme"), empty_label=_("All themes"), method="filter_theme")

    def __init__(self, data=None, *, themes, **kwargs):
        super().__init__(data, **kwargs)
        self.themes = {str(theme.pk): theme for theme in themes}
        self.filters["theme"].extra["choices"] = [(pk, theme.name) for pk, theme in self.themes.items()]

    def filter_theme(self, queryset, name, value):
        return queryset.filter(theme=self.themes[value])

    def chosen_theme(self):
        return self.themes.get(self.used().get("theme"))


class ResponseFilter(LenientFilterSet):
    """The filters on "You said, we did": the board's decision, and a theme that has a response."""

    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ResponseStatus.choices, empty_label=_("Any status")
    )
    theme = django_filters.ChoiceFilter(label=_("Theme"), empty_label=_("Any theme"), method="filter_theme")

    def __init__(self, data=None, *, theme_names, **kwargs):
        super().__init__(data, **kwargs)
        self.filters["theme"].extra["choices"] = [(name, name) for name in theme_names]

    def filter_theme(self, queryset, name, value):
        # A taken-down priority's theme does not count: it must not bring its item back into view.
        themed = Priority.objects.filter(theme__name=value).exclude(status=PriorityStatus.REMOVED)
        return queryset.filter(
            pk__in=BoardResponse.objects.filter(agenda_item__priorities__in=themed).values("pk")
        )
