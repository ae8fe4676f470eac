"""Board meetings in the board area: a board's representatives (and staff) add a meeting, change
its day, time or place while it is planned, and mark it held or cancelled. Services write."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.actions import ActionView

from .. import services
from ..forms import MeetingForm
from ..models import Board, BoardMeeting
from .board import get_meeting


def meeting_url(meeting):
    return reverse("consultations:meeting", args=[meeting.pk])


class MeetingCreateView(ActionView):
    permission = "consultations.add_meeting"
    permission_object = "board"
    form_class = MeetingForm
    template_name = "consultations/board/meeting_form.html"

    def load(self, pk):
        self.board = get_object_or_404(Board, pk=pk)

    def get_context_data(self, **context):
        return {"board": self.board, "meeting": None, **context}

    def perform(self, form):
        return services.meeting_create(
            board=self.board,
            user=self.request.user,
            starts_at=form.cleaned_data["starts_at"],
            place=form.cleaned_data["place"],
        )

    def get_success_message(self, meeting):
        return _("Meeting added. You can now put priorities on its agenda.")

    def success_url(self, meeting):
        return meeting_url(meeting)


class MeetingEditView(ActionView):
    permission = "consultations.manage_meeting"
    permission_object = "meeting"
    form_class = MeetingForm
    template_name = "consultations/board/meeting_form.html"
    success_message = gettext_lazy("Meeting changed.")

    def load(self, pk):
        self.meeting = get_meeting(pk)

    def get_form_kwargs(self):
        return {"initial": MeetingForm.initial_for(self.meeting)}

    def get_context_data(self, **context):
        return {"board": self.meeting.board, "meeting": self.meeting, **context}

    def perform(self, form):
        return services.meeting_update(
            meeting=self.meeting,
            user=self.request.user,
            starts_at=form.cleaned_data["starts_at"],
            place=form.cleaned_data["place"],
        )

    def success_url(self, meeting):
        return meeting_url(self.meeting)


class MeetingStatusView(ActionView):
    """The buttons on the meeting page: "held" or "cancelled". No form: back to the meeting."""

    permission = "consultations.manage_meeting"
    permission_object = "meeting"
    http_method_names = ["post"]

    def load(self, pk):
        self.meeting = get_meeting(pk)

    def perform(self, form):
        status = self.request.POST.get("status", "")
        if status == BoardMeeting.Status.HELD:
            services.meeting_mark_held(meeting=self.meeting, user=self.request.user)
            return _("Marked as held. You can now record the board's response to each item.")
        if status == BoardMeeting.Status.CANCELLED:
            services.meeting_cancel(meeting=self.meeting, user=self.request.user)
            return _("Meeting cancelled. Its priorities can go on another meeting's agenda.")
        raise services.ConsultationError(_("Something went wrong with that button. Please try again."))

    def get_success_message(self, message):
        return message

    def success_url(self, result):
        return meeting_url(self.meeting)
