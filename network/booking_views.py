"""Views for a member's booked places, beside session_views.py: "I did not get the link", and a
new address for their private calendar."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from portal.actions import ActionView

from .booking import session_link_resend
from .member_calendar import member_calendar_reset
from .models import GroupSession


class SessionLinkResendView(ActionView):
    """A button on "Your sessions". The service decides whether the link may go again; either
    way the member is told kindly what happens next, and the link itself stays in the email."""

    http_method_names = ["post"]

    def load(self, pk):
        self.session = get_object_or_404(GroupSession.objects.filter(group__live=True), pk=pk)

    def perform(self, form):
        return session_link_resend(session=self.session, member=self.request.user)

    def get_success_message(self, result):
        return (
            "We have sent the link again to your email address. It can take a few minutes to arrive. "
            "If it still does not come, please look in your junk or spam folder."
        )

    def success_url(self, result):
        return reverse("network:my_sessions")

    def refused(self, form, error):
        messages.info(self.request, error.message)
        return redirect(self.refused_url())


class MemberCalendarResetView(ActionView):
    """ "Make a new link" for the private calendar: a page that says what happens, then the button."""

    template_name = "network/member_calendar_reset.html"
    success_message = (
        "Your calendar has a new link. The old one no longer works: add the new one to your calendar app."
    )

    def perform(self, form):
        return member_calendar_reset(member=self.request.user)

    def success_url(self, result):
        return reverse("network:my_sessions") + "#calendar"
