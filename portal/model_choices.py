"""A model choice field whose choices are read with one plain query.

Django reads a ModelChoiceField's choices with QuerySet.iterator(), which is meant for very long
results: on PostgreSQL it is a server-side cursor (DECLARE ... WITH HOLD, then FETCH and CLOSE,
three round trips). The portal's lists are short (themes, ready-written reasons, groups), and on a
facilitator's "check a post" reading three ready-written reasons that way cost a millisecond:
more than drawing the radios. Read here as an ordinary query, once per form."""

from django import forms
from django.forms.models import ModelChoiceIterator


class ListedChoices(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:  # read once, then from the queryset's own list
            yield self.choice(obj)


class ModelChoiceField(forms.ModelChoiceField):
    iterator = ListedChoices
