"""The moderation queue and one priority's moderation page, where a facilitator approves, sends
back, edits out personal details, joins with a similar priority, takes down or closes reports.

One page holds a form per action; the button sends which. Each action is a service call and a
line to say what happened (MODERATION_ACTIONS), so the page itself stays one small view. When an
action cannot go ahead, the same page comes back with the error summary at the top (focused, and
linking to the field), never a reload that leaves the error out of sight.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from portal.addresses import address_for_each
from portal.permissions import rule_required
from safeguarding.models import Case

from .. import selectors, services
from ..forms import DismissReportsForm, MergeForm, ModeratorEditForm, RemoveForm, ReturnForm
from ..safety import check_text
from .common import get_priority


@require_GET
@rule_required("consultations.moderate")
def moderation_queue(request):
    queue = list(selectors.moderation_queue())
    moderate_address = address_for_each("consultations:moderate")
    for priority in queue:
        priority.moderate_url = moderate_address(priority.pk)
    context = {"queue": queue, "open_cases": Case.objects.open().count()}
    return render(request, "consultations/moderation_queue.html", context)


def _return(priority, request, data, reviewed_version):
    services.priority_return(priority=priority, moderator=request.user, message=data["message"])


def _edit(priority, request, data, reviewed_version):
    publish = request.POST.get("publish") == "yes"
    services.priority_edit_details(
        priority=priority, moderator=request.user, title=data["title"], explanation=data["explanation"],
        reason=data["reason"], reviewed_version=reviewed_version, publish=publish,
    )  # fmt: skip
    return _("Saved and published. The words as they were are kept for safeguarding.") if publish else None


def _merge(priority, request, data, reviewed_version):
    services.priority_merge(
        duplicate=priority, survivor=data["survivor"], moderator=request.user, reason=data["reason"]
    )


def _remove(priority, request, data, reviewed_version):
    services.priority_remove(priority=priority, moderator=request.user, reason=data["reason"])


def _dismiss(priority, request, data, reviewed_version):
    services.reports_dismiss(priority=priority, moderator=request.user, reason=data["reason"])


# The button's value: its form, what it does, what to say after, and the page section it is in.
MODERATION_ACTIONS = {
    "return": (ReturnForm, _return, _("Sent back to the member with your message."), "send-back"),
    "edit": (
        ModeratorEditForm,
        _edit,
        _("Saved. The words as they were are kept for safeguarding."),
        "change-words",
    ),
    "merge": (MergeForm, _merge, _("Joined. Votes moved across, and nobody is counted twice."), "join"),
    "remove": (
        RemoveForm,
        _remove,
        _("Taken down. Any votes went back to the members who gave them."),
        "take-down",
    ),
    "dismiss": (DismissReportsForm, _dismiss, _("Reports closed with no change."), "reports"),
}


def _forms(priority, data=None, action=None):
    forms = {}
    for name, (form_class, _perform, _done, _section) in MODERATION_ACTIONS.items():
        bound = data if name == action else None
        kwargs = {"prefix": name}
        if form_class is MergeForm:
            kwargs["duplicate"] = priority
        if form_class is ModeratorEditForm and bound is None:
            kwargs["initial"] = {"title": priority.title, "explanation": priority.explanation}
        forms[name] = form_class(bound, **kwargs)
    return forms


def _reviewed_version(request):
    """The version of the words the moderator read (the page sends it back); -1 if missing."""
    raw = request.POST.get("version", "")
    return int(raw) if raw.isdecimal() and len(raw) < 10 else -1


@require_http_methods(["GET", "POST"])
@rule_required("consultations.moderate_priority", get_priority)
def moderate_priority(request, priority, pk):
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "dismiss" and not request.user.has_perm("consultations.close_reports", priority):
        raise PermissionDenied
    version = _reviewed_version(request)
    forms = _forms(priority, request.POST, action)
    # Errors come back with 200, as from every other form (portal.actions): a browser reports a
    # 400 page as a failed load, and the page is the answer, not a failure.
    page_errors, failed = [], None
    if action == "approve":
        try:
            services.priority_approve(priority=priority, moderator=request.user, reviewed_version=version)
        except services.ConsultationError as error:
            page_errors.append(error.message)
        else:
            messages.success(request, _("Published."))
            return redirect("consultations:moderation_queue")
    elif action in MODERATION_ACTIONS:
        _form_class, perform, message, _section = MODERATION_ACTIONS[action]
        failed = forms[action]
        if failed.is_valid():
            try:
                message = perform(priority, request, failed.cleaned_data, version) or message
            except services.ConsultationError as error:
                failed.add_error(None, error.message)
            else:
                messages.success(request, message)
                return redirect("consultations:moderation_queue")
    elif request.method == "POST":
        page_errors.append(_("Something went wrong with that button. Please try again."))
    if request.method == "POST":
        priority.refresh_from_db()  # what the page shows now, after an action that did not go ahead
    context = {
        "priority": priority,
        "forms": forms,
        "page_errors": page_errors,
        "failed_form": failed if failed is not None and failed.errors else None,
        "failed_section": MODERATION_ACTIONS[action][3] if action in MODERATION_ACTIONS else "",
        "check": check_text(priority.title, priority.explanation),
        "reports": selectors.open_reports_for(priority),
        "open_cases": selectors.open_cases_for(priority),
        "log": selectors.moderation_log(priority),
    }
    return render(request, "consultations/moderate_priority.html", context)
