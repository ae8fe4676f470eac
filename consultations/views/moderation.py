"""The moderation queue and one priority's moderation page, where a facilitator approves, sends
back, edits out personal details, joins with a similar priority, takes down or closes reports.

One page holds a form per action; the button sends which. Each action is a service call and a
line to say what happened (MODERATION_ACTIONS), so the page itself stays one small view.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from portal.permissions import rule_required
from safeguarding.models import Case

from .. import selectors, services
from ..forms import DismissReportsForm, MergeForm, ModeratorEditForm, RemoveForm, ReturnForm
from ..models import ModerationLog
from ..safety import check_text
from .common import get_priority


@require_GET
@rule_required("consultations.moderate")
def moderation_queue(request):
    context = {"queue": selectors.moderation_queue(), "open_cases": Case.objects.open().count()}
    return render(request, "consultations/moderation_queue.html", context)


def _return(priority, moderator, data, reviewed_version):
    services.priority_return(priority=priority, moderator=moderator, message=data["message"])


def _edit(priority, moderator, data, reviewed_version):
    services.priority_edit_details(
        priority=priority, moderator=moderator, title=data["title"], explanation=data["explanation"],
        reason=data["reason"], reviewed_version=reviewed_version,
    )  # fmt: skip


def _merge(priority, moderator, data, reviewed_version):
    services.priority_merge(
        duplicate=priority, survivor=data["survivor"], moderator=moderator, reason=data["reason"]
    )


def _remove(priority, moderator, data, reviewed_version):
    services.priority_remove(priority=priority, moderator=moderator, reason=data["reason"])


def _dismiss(priority, moderator, data, reviewed_version):
    services.reports_dismiss(priority=priority, moderator=moderator, reason=data["reason"])


# The button's value: its form, what it does, and what to say after.
MODERATION_ACTIONS = {
    "return": (ReturnForm, _return, _("Sent back to the member with your message.")),
    "edit": (ModeratorEditForm, _edit, _("Saved. The words as they were are kept for safeguarding.")),
    "merge": (MergeForm, _merge, _("Joined. Votes moved across, and nobody is counted twice.")),
    "remove": (RemoveForm, _remove, _("Taken down. Any votes went back to the members who gave them.")),
    "dismiss": (DismissReportsForm, _dismiss, _("Reports closed with no change.")),
}


def _forms(priority, data=None, action=None):
    merge_candidates = selectors.published_priorities(priority.consultation)
    forms = {}
    for name, (form_class, _perform, _done) in MODERATION_ACTIONS.items():
        bound = data if name == action else None
        kwargs = {"prefix": name}
        if form_class is MergeForm:
            kwargs.update(duplicate=priority, queryset=merge_candidates)
        if form_class is ModeratorEditForm and bound is None:
            kwargs["initial"] = {"title": priority.title, "explanation": priority.explanation}
        forms[name] = form_class(bound, **kwargs)
    return forms


def _reviewed_version(request):
    """The version of the words the moderator read (the page sends it back); -1 if missing."""
    raw = request.POST.get("version", "")
    return int(raw) if raw.isdecimal() and len(raw) < 10 else -1


def _done(request, message, run):
    try:
        run()
    except services.ConsultationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, message)
    return redirect("consultations:moderation_queue")


@require_http_methods(["GET", "POST"])
@rule_required("consultations.moderate")
def moderate_priority(request, pk):
    priority = get_priority(pk)
    action = request.POST.get("action") if request.method == "POST" else None
    moderator, version = request.user, _reviewed_version(request)
    if action == "approve":
        return _done(
            request,
            _("Published."),
            lambda: services.priority_approve(
                priority=priority, moderator=moderator, reviewed_version=version
            ),
        )
    forms = _forms(priority, request.POST, action)
    status = 200
    if action in MODERATION_ACTIONS:
        form = forms[action]
        if form.is_valid():
            _form_class, perform, message = MODERATION_ACTIONS[action]
            return _done(request, message, lambda: perform(priority, moderator, form.cleaned_data, version))
        status = 400
    elif request.method == "POST":
        messages.error(request, _("Something went wrong with that button. Please try again."))
    context = {
        "priority": priority,
        "forms": forms,
        "check": check_text(priority.title, priority.explanation),
        "reports": selectors.open_reports_for(priority),
        "open_cases": selectors.open_cases_for(priority),
        "log": ModerationLog.objects.filter(priority=priority).select_related("actor__profile")[:20],
    }
    return render(request, "consultations/moderate_priority.html", context, status=status)
