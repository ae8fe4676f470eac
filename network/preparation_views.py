"""The "What to get ready" form on a facilitator's run-session page (session_views.RunSessionView)."""

from django.shortcuts import render

from .session_forms import SessionPrepareForm
from .session_preparation import session_what_to_prepare_set
from .session_views import RunSessionView


class SessionPrepareView(RunSessionView):
    http_method_names = ["post"]
    success_message = (
        "Thank you. What to get ready is saved. It goes in the reminder the day before, and anyone "
        "who already had their reminder gets the new list by email."
    )

    def get_form(self):
        return SessionPrepareForm(self.request.POST)

    def show(self, form, status=200):
        context = self.get_context_data(form=self.attendance_form(), prepare_form=form)
        return render(self.request, self.template_name, context, status=status)

    def perform(self, form):
        return session_what_to_prepare_set(session=self.session, text=form.cleaned_data["what_to_prepare"])
