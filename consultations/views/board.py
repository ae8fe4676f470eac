"""The board area, for the representatives of a board and for staff: results, meetings, the
shortlist, agenda items and the board's responses. The rules decide, services write."""

from urllib.parse import urlencode

from django.contrib import messages
from django.db.models import prefetch_related_objects
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from portal.actions import ActionView
from portal.permissions import rule_required
from portal.prepared import PreparedLookup

from .. import selectors, services
from ..forms import AgendaItemForm, BoardResponseForm, ShortlistForm
from ..models import AgendaItem, BoardMeeting, Consultation
from ..taken_down import hide_taken_down

# What the board's pages read first, compiled once (portal/prepared.py).
MEETING = PreparedLookup(lambda pk: BoardMeeting.objects.select_related("board").filter(pk=pk))
AGENDA_ITEM = PreparedLookup(lambda pk: AgendaItem.objects.select_related("meeting__board").filter(pk=pk))
CONSULTATION_WITH_BOARD = PreparedLookup(
    lambda pk: Consultation.objects.select_related("board").filter(pk=pk)
)


def get_meeting(pk):
    return MEETING.get_or_404(pk)


def get_item(pk):
    """The agenda item, showing neutral words over anything a moderator took down."""
    item = AGENDA_ITEM.get_or_404(pk)
    prefetch_related_objects([item], "priorities")
    return hide_taken_down([item])[0]


def get_closed_consultation(pk):
    return CONSULTATION_WITH_BOARD.get_or_404(pk)


def closed_consultations_of(board):
    return board.consultations.closed().order_by("-closes_at")


@require_GET
@rule_required("consultations.use_board_area")
def board_home(request):
    context = {
        "boards": selectors.boards_for(request.user),
        "without_board": selectors.consultations_without_board(),
    }
    return render(request, "consultations/board/home.html", context)


@require_GET
@rule_required("consultations.see_board_results", get_closed_consultation)
def board_consultation(request, consultation, pk):
    if not request.user.has_perm("consultations.export_consultation", consultation):
        # Still open (or not open yet): say when the results will be here, not "no permission".
        context = {"consultation": consultation, "not_started": consultation.opens_at > timezone.now()}
        return render(request, "consultations/board/results_not_ready.html", context)
    ranked, figures = selectors.results_for(consultation)
    return render(
        request,
        "consultations/board/consultation.html",
        {
            "consultation": consultation,
            "ranked": ranked,
            "figures": figures,
            "tie_break": selectors.TIE_BREAK_EXPLANATION,
            "meetings": consultation.board.meetings.filter(status=BoardMeeting.Status.PLANNED)
            if consultation.board
            else [],
        },
    )


@require_GET
@rule_required("consultations.manage_meeting", get_meeting)
def meeting_detail(request, meeting, pk):
    items = selectors.agenda_for(meeting)
    return render(
        request,
        "consultations/board/meeting.html",
        {
            "meeting": meeting,
            "items": items,
            "has_hidden": any(
                priority.total_votes is None
                for item in items
                for priority in item.shown_priorities
                if not priority.is_taken_down
            ),
            "can_change": meeting.is_planned,
            "can_mark_held": meeting.is_planned
            and timezone.localdate(meeting.starts_at) <= timezone.localdate(),
            "can_respond": meeting.is_held,
            "consultations": closed_consultations_of(meeting.board),
        },
    )


class MeetingAction(ActionView):
    """An action on a meeting's agenda, by its board's representatives or staff."""

    permission = "consultations.manage_meeting"
    permission_object = "meeting"

    def success_url(self, result):
        return reverse("consultations:meeting", args=[self.meeting.pk])


# How many of a consultation's priorities the shortlist and an agenda item show before "Show all".
SHORTLIST_FIRST = 50


def first_shown(request):
    """SHORTLIST_FIRST, or None where the board representative asked to see every priority."""
    return None if (request.POST.get("all") or request.GET.get("all")) == "yes" else SHORTLIST_FIRST


def not_shown(request, candidates, url_name, pk, query):
    """What the page says of the priorities it leaves out, with a link to show them all."""
    return {
        "show_all": first_shown(request) is None,
        "available": candidates.available,
        "not_shown": candidates.left_out,
        "first_shown": candidates.available - candidates.left_out,
        "all_url": f"{reverse(url_name, args=[pk])}?{urlencode({**query, 'all': 'yes'})}",
    }


class ShortlistView(MeetingAction):
    """Choose a closed consultation of the board, then priorities from it for one agenda item."""

    form_class = ShortlistForm
    template_name = "consultations/board/shortlist.html"

    def load(self, pk):
        self.meeting = get_meeting(pk)
        self.consultation = self.chosen_consultation()

    def chosen_consultation(self):
        """The board's closed consultation named in the request, or None (an unknown id is ignored)."""
        raw = self.request.POST.get("consultation") or self.request.GET.get("consultation") or ""
        if not raw.isdecimal() or len(raw) > 18:
            return None
        return closed_consultations_of(self.meeting.board).filter(pk=int(raw)).first()

    def get(self, request, *args, **kwargs):
        return self.not_now() or self.choose_first() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.not_now() or self.choose_first() or super().post(request, *args, **kwargs)

    def not_now(self):
        if self.meeting.is_planned:
            return None
        messages.info(
            self.request,
            _("This meeting has already happened or was cancelled, so its agenda cannot change."),
        )
        return redirect("consultations:meeting", pk=self.meeting.pk)

    def choose_first(self):
        if self.consultation is not None:
            return None
        if self.request.method == "POST" or "consultation" in self.request.GET:
            messages.info(self.request, _("Choose one of the board's closed consultations."))
        return render(
            self.request,
            "consultations/board/choose_consultation.html",
            {"meeting": self.meeting, "consultations": closed_consultations_of(self.meeting.board)},
        )

    def get_form_kwargs(self):
        """The priorities not on this agenda yet, most votes first: the first SHORTLIST_FIRST of
        them unless the board representative asked for all. At 1,000 priorities the whole list
        was 650 KB, its page 1.5% of a bare view's requests a second (bench/load.py's sweep);
        boards shortlist from the top."""
        self.candidates = selectors.shortlist_first(
            self.consultation, self.meeting, first_shown(self.request)
        )
        return {"candidates": self.candidates.priorities}

    def get_context_data(self, **context):
        query = {"consultation": self.consultation.pk}
        return {
            "meeting": self.meeting,
            "consultation": self.consultation,
            **not_shown(self.request, self.candidates, "consultations:shortlist", self.meeting.pk, query),
            **context,
        }

    def perform(self, form):
        return services.agenda_item_create(
            meeting=self.meeting,
            priority_ids=[p.pk for p in form.cleaned_data["priorities"]],
            title=form.cleaned_data["title"],
            summary=form.cleaned_data["summary"],
        )

    def get_success_message(self, item):
        return _("“%(title)s” is on the agenda.") % {"title": item.title}


class ItemAction(MeetingAction):
    """An action on one agenda item: the rule is checked on its meeting."""

    def load(self, pk):
        self.item = get_item(pk)
        self.meeting = self.item.meeting

    def get_context_data(self, **context):
        return {"item": self.item, **context}


class AgendaItemEditView(ItemAction):
    form_class = AgendaItemForm
    template_name = "consultations/board/agenda_item_form.html"
    success_message = _("Agenda item saved.")

    def get_form_kwargs(self):
        ticked = [priority.pk for priority in self.item.priorities.all()]
        self.candidates = None
        if self.meeting.is_planned:
            self.candidates = selectors.agenda_item_candidates(self.item, first_shown(self.request))
        return {
            "initial": {"title": self.item.title, "summary": self.item.summary, "priorities": ticked},
            "candidates": self.candidates.priorities if self.candidates else None,
        }

    def get_context_data(self, **context):
        if self.candidates is not None:
            context.update(
                not_shown(self.request, self.candidates, "consultations:agenda_item_edit", self.item.pk, {})
            )
        return super().get_context_data(**context)

    def perform(self, form):
        chosen = form.cleaned_data.get("priorities")
        return services.agenda_item_update(
            item=self.item,
            title=form.cleaned_data["title"],
            summary=form.cleaned_data["summary"],
            priority_ids=None if chosen is None else [priority.pk for priority in chosen],
            user=self.request.user,
        )


class AgendaButton(ItemAction):
    """A button on the meeting page (move, take off): no form, back to the agenda either way."""

    http_method_names = ["post"]

    def success_url(self, result):
        return reverse("consultations:meeting", args=[self.meeting.pk]) + "#agenda"


class AgendaItemMoveView(AgendaButton):
    def perform(self, form):
        return services.agenda_reorder(item=self.item, direction=self.request.POST.get("direction", ""))

    def get_success_message(self, result):
        return _("Moved “%(title)s”.") % {"title": self.item.title}


class AgendaItemRemoveView(AgendaButton):
    def perform(self, form):
        return services.agenda_item_remove(item=self.item)

    def get_success_message(self, result):
        return _("“%(title)s” is off the agenda. Its priorities can be shortlisted again.") % {
            "title": self.item.title
        }


class ResponseView(ItemAction):
    form_class = BoardResponseForm
    template_name = "consultations/board/response_form.html"
    success_message = _("Saved. Members who took part will get an email to say the board has responded.")

    def load(self, pk):
        super().load(pk)
        self.response = getattr(self.item, "response", None)

    def get_form_kwargs(self):
        response = self.response
        if response is None:
            return {"initial": {}}
        return {
            "initial": {
                "status": response.status,
                "responsible": response.responsible,
                "due_by": response.due_by,
            }
        }

    def get_context_data(self, **context):
        return {
            "item": self.item,
            "response": self.response,
            "updates": self.response.updates.all() if self.response else [],
            "can_respond": self.meeting.is_held,
            **context,
        }

    def perform(self, form):
        return services.board_response_record(item=self.item, user=self.request.user, **form.cleaned_data)
