"""The facilitator's part in places, beside session_views.py: setting a session's own number of
places on the run-session page, or letting it follow the group's again."""

from django.shortcuts import render

from . import services
from .session_forms import SessionPlacesForm
from .session_views import RunSessionView


class SessionPlacesView(RunSessionView):
    """A number that cannot be (fewer places than people with one) is shown on the form with what
    was typed, so the facilitator can put it right; a session that has started or was cancelled
    meanwhile is said as a message, as on the rest of the page."""

    http_method_names = ["post"]

    def refused(self, form, error):
        if isinstance(error, services.PlacesNumberRefused):
            form.add_error(None, error)
            return self.show(form)
        return super().refused(form, error)

    def get_form(self):
        return SessionPlacesForm(self.request.POST)

    def show(self, form, status=200):
        context = self.get_context_data(form=self.attendance_form(), places_form=form)
        return render(self.request, self.template_name, context, status=status)

    def perform(self, form):
        return services.session_places_set(
            session=self.session,
            places_wanted=form.cleaned_data["places"],
            from_group=form.cleaned_data["from_group"],
        )

    def get_success_message(self, session):
        if session.places is None:
            return "Saved. There is no limit on places at this session."
        if session.places == 1:
            return "Saved. There is 1 place at this session."
        return f"Saved. There are {session.places} places at this session."
