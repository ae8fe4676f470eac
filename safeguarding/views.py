"""The safeguarding case list and one case's page, where a facilitator, staff member or lead
reads what was sent, sees what was done, adds a note or records the follow-up that closes it."""

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from portal.permissions import rule_required

from . import services
from .check_step import safe_next
from .forms import CaseNoteForm
from .models import Case, CaseStatus, SafeguardingSettings
from .sources import source_url


@require_GET
@rule_required("safeguarding.see_cases")
def case_list(request):
    cases = Case.objects.all()
    context = {
        "open_cases": cases.open().order_by("opened_at"),
        "closed_cases": cases.exclude(status=CaseStatus.OPEN).order_by("-closed_at")[:50],
        "config": SafeguardingSettings.for_request(request),
    }
    return render(request, "safeguarding/case_list.html", context)


def _contact(case):
    if case.member is None:
        return None
    address = EmailAddress.objects.filter(user=case.member).order_by("-primary", "-verified").first()
    return address.email if address else case.member.email


def get_case(pk):
    return get_object_or_404(Case.objects.select_related("member"), pk=pk)


@require_http_methods(["GET", "POST"])
@rule_required("safeguarding.see_cases", get_case)
def case_detail(request, case, pk):
    action = request.POST.get("action") if request.method == "POST" else None
    form = CaseNoteForm(request.POST if action else None)
    if action in ("note", "follow_up"):
        if form.is_valid():
            perform = services.case_follow_up if action == "follow_up" else services.case_add_note
            try:
                perform(case=case, actor=request.user, note=form.cleaned_data["note"])
            except services.SafeguardingError as error:
                messages.error(request, error.message)
            else:
                messages.success(
                    request,
                    _("Followed up. The case is closed.") if action == "follow_up" else _("Note added."),
                )
            return redirect("safeguarding:case", pk=case.pk)
    elif action is not None:
        messages.error(request, _("Something went wrong with that button. Please try again."))
    context = {
        "case": case,
        "form": form,
        "history": case.actions.select_related("actor__profile"),
        "source_url": source_url(case),
        "config": SafeguardingSettings.for_request(request),
        "contact": _contact(case) if request.user.has_perm("safeguarding.see_member_contact") else None,
    }
    return render(request, "safeguarding/case_detail.html", context)


@require_GET
def help_now(request):
    """Where a member lands after sending words that suggest they may need help now: the help
    contacts first, then a link back to where they were."""
    return render(request, "safeguarding/help_now.html", {"next_url": safe_next(request)})
