"""A vote, or taking one back: a plain form post that comes back to the page, or (from the
script) the same post answered with JSON so the page updates in place."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from portal.permissions import rule_required
from portal.prepared import PreparedLookup

from .. import selectors, services
from ..models import Priority
from ..rules import is_eligible_participant
from ..vote_buttons import vote_buttons
from .common import back, wants_json

# What a vote reads of the priority: its title for the message, its status under the lock.
VOTE_READS = ("title", "status", "consultation")
# The button's value: the service that does it (looked up when called), and what to say after.
ACTIONS = {
    "add": ("vote_cast", _("Thank you. You support “%(title)s”.")),
    "remove": ("vote_withdraw", _("You took your vote back from “%(title)s”.")),
}


# Compiled once (portal/prepared.py): 0.93 ms a vote through the ORM, 0.47 ms compiled once.
PRIORITY_TO_VOTE_ON = PreparedLookup(
    lambda pk: Priority.objects.select_related("consultation").only(*VOTE_READS).filter(pk=pk)
)


def get_priority_to_vote_on(pk):
    return PRIORITY_TO_VOTE_ON.get_or_404(pk)


@require_POST
@rule_required("consultations.view_consultation_page", get_priority_to_vote_on, lambda p: p.consultation)
def vote(request, priority, pk):
    consultation = priority.consultation
    user = request.user
    if not is_eligible_participant(user, consultation):
        raise PermissionDenied
    fallback = reverse("consultations:detail", args=[consultation.pk])
    try:
        if request.POST.get("action") not in ACTIONS:
            raise services.ConsultationError(_("Something went wrong with that button. Please try again."))
        service, message = ACTIONS[request.POST["action"]]
        outcome = getattr(services, service)(priority=priority, voter=user)
    except services.ConsultationError as error:
        if wants_json(request):
            return JsonResponse({"ok": False, "message": error.message}, status=409)
        messages.error(request, error.message)
        return back(request, fallback)
    message = message % {"title": priority.title}
    if not wants_json(request):
        messages.success(request, message)
        return back(request, fallback)
    buttons = vote_buttons(consultation, dots=outcome.dots, remaining=outcome.remaining)
    data = {
        "ok": True,
        "message": message,
        "dots": outcome.dots,
        "remaining": outcome.remaining,
        "budget": outcome.budget,
        "can_add": buttons.can_add,
        "can_remove": buttons.can_remove,
    }
    if user.has_perm("consultations.see_results", consultation):
        figures = selectors.consultation_figures([consultation.pk])[consultation.pk]
        data["online_votes"] = figures.of(priority.pk).online_votes
    return JsonResponse(data)
