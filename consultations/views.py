"""Thin views: check permission (rules), hand writes to services, render or redirect.

Signed-out people are sent to sign in; signed-in people without permission get 403.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.permissions import rule_required

from . import selectors, services
from .figures import show_on
from .forms import (
    DismissReportsForm,
    GatheredPriorityForm,
    MergeForm,
    ModeratorEditForm,
    NotificationPreferencesForm,
    PriorityFilterForm,
    PriorityForm,
    RemoveForm,
    ReportForm,
    ReturnForm,
    TallyForm,
)
from .models import APPROVED, CLOSED, UPCOMING, Consultation, ModerationLog, NotificationPreferences, Priority
from .rules import is_eligible_participant
from .safety import check_text


def get_consultation(pk):
    return get_object_or_404(Consultation.objects.select_related("eligible_group"), pk=pk)


def get_priority(pk):
    return get_object_or_404(
        Priority.objects.select_related("consultation", "theme", "author__profile"), pk=pk
    )


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _back(request, fallback):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


# Members


@require_GET
@login_required
def consultation_list(request):
    visible = [
        c
        for c in Consultation.objects.all()
        if request.user.has_perm("consultations.view_consultation_page", c)
    ]
    groups = {state: [c for c in visible if c.state == state] for state in ("open", UPCOMING, CLOSED)}
    return render(request, "consultations/consultation_list.html", {"groups": groups})


@require_GET
@rule_required("consultations.view_consultation_page", get_consultation)
def consultation_detail(request, obj, pk):
    consultation = obj
    user = request.user
    can_see_counts = user.has_perm("consultations.see_results", consultation)
    themes = list(consultation.themes.all())
    theme, theme_dropped = PriorityFilterForm(request.GET, themes=themes).chosen_theme()
    priorities = selectors.published_priorities(consultation)
    if theme is not None:
        priorities = priorities.filter(theme=theme)
    page = Paginator(priorities, selectors.PRIORITY_PAGE_SIZE).get_page(request.GET.get("page"))
    my_votes = selectors.member_votes(consultation, user)
    figures = selectors.consultation_figures([consultation.pk])[consultation.pk] if can_see_counts else None
    for priority in page.object_list:
        priority.my_dots = my_votes.get(priority.pk, 0)
        if figures is not None:
            show_on(priority, figures)
    filter_form = PriorityFilterForm(themes=themes, initial={"theme": theme.pk if theme else ""})
    return render(
        request,
        "consultations/consultation_detail.html",
        {
            "consultation": consultation,
            "page": page,
            "priorities": page.object_list,
            "filter_form": filter_form if len(themes) > 1 else None,
            "theme": theme,
            "theme_dropped": theme_dropped,
            "query_prefix": urlencode({"theme": theme.pk}) + "&" if theme else "",
            "my_votes": my_votes,
            "votes_left": consultation.votes_per_member - sum(my_votes.values()),
            "can_vote": user.has_perm("consultations.vote_in_consultation", consultation),
            "can_post": user.has_perm("consultations.post_priority", consultation),
            "can_see_counts": can_see_counts,
            "figures": figures,
            "my_pending": selectors.own_pending_priorities(consultation, user),
        },
    )


def _render_priority_form(request, form, consultation, priority=None, check=None):
    return render(
        request,
        "consultations/priority_form.html",
        {"form": form, "consultation": consultation, "priority": priority, "check": check},
    )


def _confirm_details_if_needed(request, form, consultation, priority=None):
    """The two-step safety check. Returns a response to show, or None to go ahead."""
    check = check_text(form.cleaned_data["title"], form.cleaned_data["explanation"])
    if check.has_personal_details and not form.cleaned_data.get("details_confirmed"):
        data = request.POST.copy()
        data["details_confirmed"] = "True"
        confirm_form = PriorityForm(data, consultation=consultation)
        confirm_form.is_valid()
        return _render_priority_form(request, confirm_form, consultation, priority, check)
    return None


def _after_posting(request, priority):
    if priority.is_urgent:
        return redirect("consultations:priority_posted", pk=priority.pk)
    if priority.status == APPROVED:
        messages.success(request, _("Thank you. Your priority is now showing."))
    else:
        messages.success(
            request, _("Thank you. A facilitator will check your priority soon, then it will show.")
        )
    return redirect("consultations:my_contributions")


@require_http_methods(["GET", "POST"])
@rule_required("consultations.post_priority", get_consultation)
def priority_create(request, obj, pk):
    consultation = obj
    form = PriorityForm(request.POST or None, consultation=consultation, initial={"show_name": "no"})
    if request.method == "POST" and form.is_valid():
        confirm = _confirm_details_if_needed(request, form, consultation)
        if confirm:
            return confirm
        try:
            priority = services.priority_submit(
                consultation=consultation, author=request.user, **form.service_kwargs()
            )
        except services.ConsultationError as error:
            form.add_error(None, error)
        else:
            return _after_posting(request, priority)
    return _render_priority_form(request, form, consultation)


@require_http_methods(["GET", "POST"])
@rule_required("consultations.change_own_priority", get_priority)
def priority_edit(request, obj, pk):
    priority = obj
    consultation = priority.consultation
    form = PriorityForm(
        request.POST or None, consultation=consultation, initial=PriorityForm.initial_from(priority)
    )
    if request.method == "POST" and form.is_valid():
        confirm = _confirm_details_if_needed(request, form, consultation, priority)
        if confirm:
            return confirm
        try:
            priority = services.priority_update(
                priority=priority, author=request.user, **form.service_kwargs()
            )
        except services.ConsultationError as error:
            form.add_error(None, error)
        else:
            return _after_posting(request, priority)
    return _render_priority_form(request, form, consultation, priority)


@require_GET
@login_required
def priority_posted(request, pk):
    priority = get_object_or_404(Priority, pk=pk, author=request.user)
    return render(request, "consultations/priority_posted.html", {"priority": priority})


@require_http_methods(["GET", "POST"])
@rule_required("consultations.change_own_priority", get_priority)
def priority_withdraw(request, obj, pk):
    priority = obj
    if request.method == "POST":
        try:
            services.priority_withdraw(priority=priority, author=request.user)
        except services.ConsultationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your priority has been withdrawn."))
        return redirect("consultations:my_contributions")
    return render(request, "consultations/priority_withdraw.html", {"priority": priority})


@require_POST
@rule_required("consultations.view_consultation_page", lambda pk: get_priority(pk).consultation)
def vote(request, obj, pk):
    consultation = obj
    priority = get_object_or_404(Priority.objects.select_related("consultation"), pk=pk)
    user = request.user
    if not is_eligible_participant(user, consultation):
        raise PermissionDenied
    action = request.POST.get("action")
    try:
        if action == "add":
            outcome = services.vote_cast(priority=priority, voter=user)
            message = _("Thank you. You support “%(title)s”.") % {"title": priority.title}
        elif action == "remove":
            outcome = services.vote_withdraw(priority=priority, voter=user)
            message = _("You took your vote back from “%(title)s”.") % {"title": priority.title}
        else:
            raise services.ConsultationError(_("Something went wrong with that button. Please try again."))
    except services.ConsultationError as error:
        if _wants_json(request):
            return JsonResponse({"ok": False, "message": error.message}, status=409)
        messages.error(request, error.message)
        return _back(request, reverse("consultations:detail", args=[consultation.pk]))
    if _wants_json(request):
        data = {
            "ok": True,
            "message": message,
            "dots": outcome.dots,
            "remaining": outcome.remaining,
            "budget": outcome.budget,
            "can_add": outcome.remaining > 0
            and (outcome.dots == 0 or consultation.several_votes_per_priority),
            "can_remove": outcome.dots > 0 and consultation.votes_can_be_moved,
        }
        if user.has_perm("consultations.see_results", consultation):
            figures = selectors.consultation_figures([consultation.pk])[consultation.pk]
            data["online_votes"] = figures.of(priority.pk).online_votes
        return JsonResponse(data)
    messages.success(request, message)
    return _back(request, reverse("consultations:detail", args=[consultation.pk]))


@require_http_methods(["GET", "POST"])
@rule_required("consultations.report_priority", get_priority)
def report(request, obj, pk):
    priority = obj
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_submit(
                priority=priority, reporter=request.user, reason=form.cleaned_data["reason"]
            )
        except services.ConsultationError as error:
            messages.info(request, error.message)
        else:
            messages.success(request, _("Thank you for telling us. A facilitator will look at it soon."))
        return redirect("consultations:detail", pk=priority.consultation_id)
    return render(request, "consultations/report_form.html", {"form": form, "priority": priority})


@require_GET
@rule_required("consultations.see_results", get_consultation)
def results(request, obj, pk):
    consultation = obj
    ranked, figures = selectors.results_for(consultation)
    return render(
        request,
        "consultations/results.html",
        {
            "consultation": consultation,
            "ranked": ranked,
            "figures": figures,
            "themes": selectors.themes_in_results(ranked),
            "tie_break": selectors.TIE_BREAK_EXPLANATION,
        },
    )


@require_GET
@rule_required("consultations.see_own_contributions")
def my_contributions(request):
    priorities = selectors.counts_for_author(list(selectors.member_contributions(request.user)), request.user)
    supported = list(selectors.member_supported_with_responses(request.user))
    for priority in priorities + supported:
        priority.journey = selectors.priority_journey(priority)
        priority.board_response = selectors.board_response_for(priority)
    any_hidden = any(p.counts_shown and None in (p.online_votes, p.in_room_votes) for p in priorities)
    return render(
        request,
        "consultations/my_contributions.html",
        {"priorities": priorities, "supported": supported, "any_hidden": any_hidden},
    )


@require_http_methods(["GET", "POST"])
@login_required
def notification_settings(request):
    preferences, _created = NotificationPreferences.objects.get_or_create(user=request.user)
    form = NotificationPreferencesForm(request.POST or None, instance=preferences)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your email choices are saved."))
        return redirect("consultations:notification_settings")
    return render(request, "consultations/notification_settings.html", {"form": form})


# Facilitators


@require_GET
@rule_required("consultations.moderate")
def moderation_queue(request):
    return render(request, "consultations/moderation_queue.html", {"queue": selectors.moderation_queue()})


MODERATION_FORMS = {
    "return": ReturnForm,
    "edit": ModeratorEditForm,
    "merge": MergeForm,
    "remove": RemoveForm,
    "dismiss": DismissReportsForm,
}


def _moderation_forms(priority, data=None, action=None):
    merge_candidates = selectors.published_priorities(priority.consultation)
    forms = {}
    for name, form_class in MODERATION_FORMS.items():
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


def _run_moderation(action, priority, form, moderator, reviewed_version):
    data = form.cleaned_data
    if action == "return":
        services.priority_return(priority=priority, moderator=moderator, message=data["message"])
        return _("Sent back to the member with your message.")
    if action == "edit":
        services.priority_edit_details(
            priority=priority, moderator=moderator, title=data["title"], explanation=data["explanation"],
            reason=data["reason"], reviewed_version=reviewed_version,
        )  # fmt: skip
        return _("Saved. The words as they were are kept for safeguarding.")
    if action == "merge":
        services.priority_merge(
            duplicate=priority, survivor=data["survivor"], moderator=moderator, reason=data["reason"]
        )
        return _("Joined. Votes moved across, and nobody is counted twice.")
    if action == "remove":
        services.priority_remove(priority=priority, moderator=moderator, reason=data["reason"])
        return _("Taken down. Any votes went back to the members who gave them.")
    services.reports_dismiss(priority=priority, moderator=moderator, reason=data["reason"])
    return _("Reports closed with no change.")


@require_http_methods(["GET", "POST"])
@rule_required("consultations.moderate")
def moderate_priority(request, pk):
    priority = get_priority(pk)
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "approve":
        try:
            services.priority_approve(
                priority=priority, moderator=request.user, reviewed_version=_reviewed_version(request)
            )
        except services.ConsultationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Published."))
        return redirect("consultations:moderation_queue")
    forms = _moderation_forms(priority, request.POST, action)
    status = 200
    if action in MODERATION_FORMS:
        form = forms[action]
        if form.is_valid():
            try:
                message = _run_moderation(action, priority, form, request.user, _reviewed_version(request))
            except services.ConsultationError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, message)
            return redirect("consultations:moderation_queue")
        status = 400
    elif request.method == "POST":
        messages.error(request, _("Something went wrong with that button. Please try again."))
    context = {
        "priority": priority,
        "forms": forms,
        "check": check_text(priority.title, priority.explanation),
        "reports": selectors.open_reports_for(priority),
        "log": ModerationLog.objects.filter(priority=priority).select_related("actor__profile")[:20],
    }
    return render(request, "consultations/moderate_priority.html", context, status=status)


@require_http_methods(["GET", "POST"])
@rule_required("consultations.enter_in_room", get_consultation)
def gathered_priority_create(request, obj, pk):
    consultation = obj
    form = GatheredPriorityForm(request.POST or None, consultation=consultation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.priority_gather(
                consultation=consultation, facilitator=request.user, title=data["title"],
                explanation=data["explanation"], place=data["place"], held_on=data["held_on"],
                theme=data.get("theme"),
            )  # fmt: skip
        except services.ConsultationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Added. It is showing now, marked as gathered at %(place)s.") % data)
            return redirect("consultations:detail", pk=consultation.pk)
    return render(request, "consultations/gathered_form.html", {"form": form, "consultation": consultation})


@require_http_methods(["GET", "POST"])
@rule_required("consultations.enter_in_room", get_consultation)
def tallies(request, obj, pk):
    consultation = obj
    priorities = selectors.published_priorities(consultation)
    form = TallyForm(request.POST or None, priorities=priorities)
    if request.method == "POST" and form.is_valid():
        try:
            services.tallies_record(
                consultation=consultation, facilitator=request.user, place=form.cleaned_data["place"],
                held_on=form.cleaned_data["held_on"], counts=form.counts(),
            )  # fmt: skip
        except services.ConsultationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("In-room votes saved. They are counted apart from online votes."))
            return redirect("consultations:detail", pk=consultation.pk)
    return render(request, "consultations/tally_form.html", {"form": form, "consultation": consultation})
