"""Filters on public listings (django-filter), forgiving by design.

A value that makes no sense (an old bookmark, a typo, a made-up link) never gives an error page
or an empty list: it is left out, the form says so kindly next to the field, and the list is
filtered by whatever else was chosen.
"""

import hashlib

import django_filters
from django.template.loader import render_to_string
from django.utils.translation import get_language

from .shared_reads import remember

EMPTY_VALUES = (None, "", [], ())
FIELDS_TEMPLATE = "components/form_fields.html"


class LenientFilterSet(django_filters.FilterSet):
    @property
    def is_filtered(self):
        """Whether any choice that made sense is narrowing the list."""
        if not self.is_bound:
            return False
        self.form.is_valid()
        return any(
            value not in EMPTY_VALUES
            for name, value in self.form.cleaned_data.items()
            if name not in self.form.errors
        )

    @property
    def dropped(self):
        """Whether a choice was left out because it made no sense."""
        return self.is_bound and bool(self.form.errors)

    def used(self):
        """{name: value} for the choices that made sense."""
        if not self.is_bound:
            return {}
        self.form.is_valid()
        return {
            name: value
            for name, value in self.form.cleaned_data.items()
            if name not in self.form.errors and value not in EMPTY_VALUES
        }

    def fields_html(self, form=None):
        """The fields of `form` (the filter's own, bound to the choices, unless another is given),
        as FIELDS_TEMPLATE shows them. When every choice made sense, that depends only on the
        choices, so it is made once and shared through the cache under the content version
        (shared_reads.remember): the select boxes are the slowest part of a listing to draw. A
        choice that made no sense is drawn every time, never kept."""

        def render():
            return render_to_string(FIELDS_TEMPLATE, {"form": form or self.form})

        if self.dropped:
            return render()
        chosen = repr(sorted((name, getattr(value, "pk", value)) for name, value in self.used().items()))
        digest = hashlib.blake2b(chosen.encode(), digest_size=12).hexdigest()
        return remember(f"filter-fields:{type(self).__qualname__}:{get_language()}:{digest}", render)

    def form_showing_choices(self):
        """The form again, unbound, showing the choices that were used: a dropped choice is
        mentioned once above the list rather than shown as an error on its field."""
        initial = {name: getattr(value, "pk", value) for name, value in self.used().items()}
        return type(self.form)(initial=initial)
