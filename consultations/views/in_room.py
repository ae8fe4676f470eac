"""What facilitators enter for people who took part in the room: priorities and dot votes.

Dot votes go in three steps: choose where they were counted (a group session or another event),
fill in the sheet (it shows what is saved already), and see every count entered, each with a way to
change it or take it off."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from portal.actions import ActionView
from portal.permissions import rule_required

from .. import selectors, services
from ..forms import GatheredPriorityForm, GatheringChoiceForm, TallyEditForm, TallyForm
from ..models import InRoomGathering, InRoomTally
from .common import get_consultation


def gathering_from(form, consultation, facilitator):
    """The gathering the form chose, made first when it is a session or an event not used before."""
    chosen = form.chosen
    if "gathering" in chosen:
        return chosen["gathering"]
    return services.gathering_choose(consultation=consultation, facilitator=facilitator, **chosen)


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
            explanation=data["explanation"],
            gathering=gathering_from(form, self.consultation, self.request.user), theme=data.get("theme"),
        )  # fmt: skip

    def get_success_message(self, priority):
        return _("Added. It is showing now, marked as gathered at %(place)s.") % {
            "place": priority.gathered_place
        }


class GatheringChooseView(InRoomView):
    """Step 1: where the votes were counted."""

    form_class = GatheringChoiceForm
    template_name = "consultations/gathering_choose.html"

    def get_form_kwargs(self):
        return {"consultation": self.consultation}

    def perform(self, form):
        return gathering_from(form, self.consultation, self.request.user)

    def success_url(self, gathering):
        return reverse("consultations:tally_sheet", args=[self.consultation.pk, gathering.pk])


class TallyView(InRoomView):
    """Step 2: the sheet for one gathering, a page of priorities at a time, filled with what is
    saved for them. Saving a page goes on to the next one; the last page goes to every count."""

    form_class = TallyForm
    template_name = "consultations/tally_form.html"

    def load(self, pk, gathering_pk):
        super().load(pk)
        self.gathering = get_object_or_404(InRoomGathering, pk=gathering_pk, consultation=self.consultation)
        self.page = selectors.tally_sheet_page(self.consultation, self.request.GET.get("page"))

    def get_form_kwargs(self):
        if self.request.method == "POST":
            priorities = selectors.posted_sheet_priorities(self.consultation, self.request.POST)
        else:
            priorities = list(self.page.object_list)
        return {"priorities": priorities, "saved": selectors.saved_counts(self.gathering, priorities)}

    def get_context_data(self, **context):
        return super().get_context_data(gathering=self.gathering, page=self.page, **context)

    def perform(self, form):
        return services.tallies_record(
            gathering=self.gathering, facilitator=self.request.user, counts=form.counts()
        )

    def get_success_message(self, changed):
        if not changed:
            return _("Nothing changed: the numbers were the same as those already saved for %(where)s.") % {
                "where": self.gathering.label
            }
        return ngettext(
            "%(count)s count saved for %(where)s. In-room votes are counted apart from online votes.",
            "%(count)s counts saved for %(where)s. In-room votes are counted apart from online votes.",
            changed,
        ) % {"count": changed, "where": self.gathering.label}

    def success_url(self, result):
        if self.page.has_next():
            address = reverse("consultations:tally_sheet", args=[self.consultation.pk, self.gathering.pk])
            return f"{address}?page={self.page.next_page_number()}"
        return reverse("consultations:tally_list", args=[self.consultation.pk])


@require_GET
@rule_required("consultations.see_in_room_votes", get_consultation)
def tally_list(request, consultation, pk):
    """Step 3: every count entered for the consultation, with who entered it and when."""
    return render(
        request,
        "consultations/tally_list.html",
        {
            "consultation": consultation,
            "tallies": selectors.in_room_tallies(consultation),
            "is_open": consultation.is_open,
        },
    )


class OneTallyView(ActionView):
    """Change or take off one count. Facilitators and staff may open it whatever the state; the
    service says kindly that a closed consultation's counts stay as they are."""

    permission = "consultations.see_in_room_votes"
    permission_object = "consultation"

    def load(self, pk):
        self.tally = get_object_or_404(
            InRoomTally.objects.select_related("gathering__consultation", "priority", "entered_by__profile"),
            pk=pk,
        )
        self.consultation = self.tally.gathering.consultation

    def get_context_data(self, **context):
        return {
            "consultation": self.consultation,
            "tally": self.tally,
            "is_open": self.consultation.is_open,
            **context,
        }

    def success_url(self, result):
        return reverse("consultations:tally_list", args=[self.consultation.pk])


class TallyEditView(OneTallyView):
    form_class = TallyEditForm
    template_name = "consultations/tally_edit.html"

    def get_form_kwargs(self):
        return {"tally": self.tally}

    def perform(self, form):
        return services.tally_update(
            tally=self.tally, facilitator=self.request.user, votes=form.cleaned_data["votes"]
        )

    def get_success_message(self, tally):
        words = {"title": self.tally.priority.title, "where": self.tally.gathering.label}
        if tally is None:
            return _("The in-room votes for “%(title)s” at %(where)s were taken off.") % words
        return _("Changed: “%(title)s” now has %(votes)s in-room votes from %(where)s.") % {
            **words,
            "votes": tally.votes,
        }


class TallyUndoView(OneTallyView):
    """A confirmation page first; only its POST takes the count off."""

    template_name = "consultations/tally_undo.html"

    def perform(self, form):
        return services.tally_remove(tally=self.tally, facilitator=self.request.user)

    def get_success_message(self, result):
        return _("Undone: the %(votes)s in-room votes for “%(title)s” at %(where)s were taken off.") % {
            "votes": self.tally.votes,
            "title": self.tally.priority.title,
            "where": self.tally.gathering.label,
        }
