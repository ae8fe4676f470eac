"""Thin views for group sessions: check permission (network/rules.py), hand writes to services,
render or redirect. Signed-out people are sent to sign in; signed-in people without permission
get 403. The group's online link is never put in any page: it is only ever emailed.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.page_access import refused_by_page
from portal.permissions import rule_required
from safeguarding.check_step import check_step, help_now_url
from safeguarding.checks import has_crisis_words

from . import services
from .models import GroupPage, GroupSession, JoinRequest, SessionRegistration
from .rules import facilitated_group_ids
from .session_forms import AttendanceForm, JoinRequestForm, SessionCancelForm

SESSIONS_SHOWN = 8
RUN_SESSIONS_AHEAD = 3
RUN_SESSIONS_BEHIND = 2


def get_group(pk):
    return get_object_or_404(GroupPage.objects.live(), pk=pk)


def get_session(pk):
    return get_object_or_404(GroupSession.objects.select_related("group").filter(group__live=True), pk=pk)


def get_join_request(pk):
    return get_object_or_404(JoinRequest.objects.select_related("group", "member__profile"), pk=pk)


# Members


def _render_group_sessions(request, group, join_form=None, status=200, check=None):
    user = request.user
    sessions = list(group.sessions.filter(ends_at__gte=timezone.now())[:SESSIONS_SHOWN])
    mine = set(
        SessionRegistration.objects.filter(member=user, session__in=sessions).values_list(
            "session_id", flat=True
        )
    )
    for session in sessions:
        session.is_mine = session.pk in mine
    can_ask = user.has_perm("network.ask_to_join_group", group)
    context = {
        "group": group,
        "sessions": sessions,
        "can_sign_up": user.has_perm("network.sign_up_for_group", group),
        "can_ask": can_ask,
        "join_request": group.join_requests.filter(member=user).order_by("-created_at").first(),
        "join_form": (join_form or JoinRequestForm()) if can_ask else None,
        "check": check,
        "can_run": user.has_perm("network.run_group", group),
    }
    return render(request, "network/group_sessions.html", context, status=status)


@require_GET
@login_required
def group_sessions(request, pk):
    group = get_group(pk)
    return refused_by_page(request, group) or _render_group_sessions(request, group)


@require_POST
@login_required
def session_register(request, pk):
    session = get_session(pk)
    refused_by_page(request, session.group)
    if not request.user.has_perm("network.sign_up_for_group", session.group):
        raise PermissionDenied
    try:
        _registration, created = services.session_register(session=session, member=request.user)
    except services.SessionError as error:
        messages.error(request, error.message)
    else:
        if created:
            messages.success(request, f"You have a place on {_when(session)}. See you there.")
        else:
            messages.success(request, f"You already have a place on {_when(session)}.")
    return redirect("network:group_sessions", pk=session.group_id)


@require_POST
@login_required
def session_unregister(request, pk):
    session = get_session(pk)
    try:
        had_place = services.session_unregister(session=session, member=request.user)
    except services.SessionError as error:
        messages.error(request, error.message)
    else:
        if had_place:
            messages.success(
                request, f"Your place on {_when(session)} is cancelled. Thank you for letting us know."
            )
        else:
            messages.success(request, f"You did not have a place on {_when(session)}.")
    if request.POST.get("back") == "my_sessions":
        return redirect("network:my_sessions")
    return redirect("network:group_sessions", pk=session.group_id)


@require_POST
@rule_required("network.ask_to_join_group", get_group)
def join_request_create(request, group, pk):
    refused_by_page(request, group)
    form = JoinRequestForm(request.POST)
    if not form.is_valid():
        return _render_group_sessions(request, group, join_form=form)
    message = form.cleaned_data["message"]
    check = check_step(request, "", message)
    if check is not None:
        return _render_group_sessions(request, group, join_form=form, check=check)
    try:
        services.join_request_create(group=group, member=request.user, message=message)
    except services.SessionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Thank you for asking. A facilitator will answer you by email.")
        if has_crisis_words(message):
            return redirect(help_now_url(reverse("network:group_sessions", args=[group.pk])))
    return redirect("network:group_sessions", pk=group.pk)


@require_GET
@login_required
def my_sessions(request):
    registrations = (
        SessionRegistration.objects.filter(member=request.user, session__ends_at__gte=timezone.now())
        .select_related("session__group")
        .order_by("session__starts_at")
    )
    return render(request, "network/my_sessions.html", {"registrations": registrations})


def _when(session):
    local = timezone.localtime(session.starts_at)
    return f"{local:%A} {local.day} {local:%B}"


# Facilitators


@require_GET
@login_required
def my_groups(request):
    user = request.user
    if not user.has_perm("network.see_own_groups"):
        raise PermissionDenied
    groups = GroupPage.objects.live().order_by("title")
    if not user.is_staff:
        groups = groups.filter(pk__in=facilitated_group_ids(user))
    groups = list(groups)
    now = timezone.now()
    nearest = _nearest_sessions(groups, now)
    waiting = list(
        JoinRequest.objects.filter(group__in=groups, status=JoinRequest.Status.WAITING).select_related(
            "member__profile"
        )
    )
    for group in groups:
        sessions = nearest.get(group.pk, [])
        group.recent_sessions = [session for session in sessions if session.ends_at < now]
        group.next_sessions = [session for session in sessions if session.ends_at >= now]
        group.waiting_requests = [r for r in waiting if r.group_id == group.pk]
    return render(request, "network/my_groups.html", {"groups": groups})


def _nearest_sessions(groups, now):
    """{group id: its last few past sessions and next few, in time order, each with how many
    are `booked`}, in two queries however many groups there are."""

    def numbered(sessions, order):
        return sessions.annotate(place=Window(RowNumber(), partition_by=F("group_id"), order_by=order))

    in_groups = GroupSession.objects.filter(group__in=groups).annotate(booked=Count("registrations"))
    recent = numbered(in_groups.filter(ends_at__lt=now), F("starts_at").desc())
    upcoming = numbered(in_groups.filter(ends_at__gte=now), F("starts_at").asc())
    by_group = {}
    for session in sorted(
        [*recent.filter(place__lte=RUN_SESSIONS_BEHIND), *upcoming.filter(place__lte=RUN_SESSIONS_AHEAD)],
        key=lambda session: session.starts_at,
    ):
        by_group.setdefault(session.group_id, []).append(session)
    return by_group


def _render_run_session(request, session, attendance_form=None, cancel_form=None, status=200):
    registrations = list(session.registrations.select_related("member__profile"))
    if attendance_form is None:
        attendance_form = AttendanceForm(
            registrations=registrations,
            initial={"came": [r.pk for r in registrations if r.attended], "walk_ins": session.walk_ins},
        )
    context = {
        "session": session,
        "group": session.group,
        "registrations": registrations,
        "attendance_form": attendance_form,
        "cancel_form": cancel_form or SessionCancelForm(),
        "started": session.starts_at <= timezone.now(),
    }
    return render(request, "network/run_session.html", context, status=status)


@require_http_methods(["GET", "POST"])
@rule_required("network.run_session", get_session)
def run_session(request, session, pk):
    if request.method == "GET":
        return _render_run_session(request, session)
    registrations = list(session.registrations.select_related("member__profile"))
    form = AttendanceForm(request.POST, registrations=registrations)
    if not form.is_valid():
        return _render_run_session(request, session, attendance_form=form)
    try:
        services.attendance_record(
            session=session,
            attended_ids=form.cleaned_data.get("came", []),
            walk_ins=form.cleaned_data["walk_ins"],
        )
    except services.SessionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Thank you. Who came is saved.")
    return redirect("network:run_session", pk=session.pk)


@require_POST
@rule_required("network.run_session", get_session)
def session_cancel(request, session, pk):
    form = SessionCancelForm(request.POST)
    if not form.is_valid():
        return _render_run_session(request, session, cancel_form=form)
    try:
        services.session_cancel(
            session=session, reason=form.cleaned_data["reason"], note=form.cleaned_data["note"]
        )
    except services.SessionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "The session is cancelled. Everyone with a place will get an email.")
    return redirect("network:run_session", pk=session.pk)


@require_POST
@rule_required("network.decide_join_request", get_join_request)
def join_request_decide(request, join_request, pk):
    decision = request.POST.get("decision")
    if decision not in ("accept", "decline"):
        messages.error(request, "Choose to say yes or no to the request.")
        return redirect("network:my_groups")
    try:
        services.join_request_decide(
            join_request=join_request, decided_by=request.user, accept=decision == "accept"
        )
    except services.SessionError as error:
        messages.error(request, error.message)
    else:
        name = (
            join_request.member.profile.display_name
            if hasattr(join_request.member, "profile")
            else "the member"
        )
        answer = (
            "can now sign up" if decision == "accept" else "has been told, kindly, that it is a no this time"
        )
        messages.success(request, f"Thank you. {name} {answer}. They will get an email.")
    return redirect("network:my_groups")
