"""What facilitators enter for people who took part in the room: priorities and dot votes."""

from django.urls import reverse
from django.utils.translation import gettext as _

from portal.actions import ActionView

from .. import selectors, services
from ..forms import GatheredPriorityForm, TallyForm
from .common import get_consultation


class InRoomView(ActionView):
    permission = "consultations.enter_in_room"
    permission_object = "consultation"

    def load(self, pk):
        self.consultation = get_consultation(pk)

    def get_context_data(self, **context):
        return {"consultation": self.consultation, **context}

    def success_url(self, result):
        return reverse("consultations:detail", args=[self.consultation.pk])


class GatheredPriorityView(InRoomView):
    form_class = GatheredPriorityForm
    template_name = "consultations/gathered_form.html"

    def get_form_kwargs(self):
        return {"consultation": self.consultation}

    def perform(self, form):
        data = form.cleaned_data
        return services.priority_gather(
            consultation=self.consultation, facilitator=self.request.user, title=data["title"],
            explanation=data["explanation"], place=data["place"], held_on=data["held_on"],
            theme=data.get("theme"),
        )  # fmt: skip

    def get_success_message(self, priority):
        return _("Added. It is showing now, marked as gathered at %(place)s.") % {
            "place": priority.gathered_place
        }


class TallyView(InRoomView):
    form_class = TallyForm
    template_name = "consultations/tally_form.html"
    success_message = _("In-room votes saved. They are counted apart from online votes.")

    def get_form_kwargs(self):
        return {"priorities": selectors.published_priorities(self.consultation)}

    def perform(self, form):
        return services.tallies_record(
            consultation=self.consultation, facilitator=self.request.user, place=form.cleaned_data["place"],
            held_on=form.cleaned_data["held_on"], counts=form.counts(),
        )  # fmt: skip
