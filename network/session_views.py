"""Thin views for group sessions: check permission (network/rules.py), hand writes to services,
render or redirect. Signed-out people are sent to sign in; signed-in people without permission
get 403. The group's online link is never put in any page: it is only ever emailed.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from portal.actions import ActionView
from portal.page_access import refused_by_page
from safeguarding.check_step import check_step, help_now_url
from safeguarding.checks import has_crisis_words

from . import services
from .invitation_queue import attach_referrals_and_invitations
from .member_calendar import calendar_addresses
from .models import GroupFacilitator, GroupPage, GroupSession, JoinRequest, SessionRegistration
from .rules import facilitated_group_ids
from .selectors import nearest_sessions
from .session_forms import (
    AttendanceForm,
    JoinRequestDeclineForm,
    JoinRequestForm,
    SessionCancelForm,
    SessionPlacesForm,
    SessionPrepareForm,
)

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
    mine = {
        registration.session_id: registration
        for registration in SessionRegistration.objects.filter(
            member=user, session__in=sessions
        ).with_waiting_position()
    }
    for session in sessions:
        session.mine = mine.get(session.pk)
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


class SessionAction(ActionView):
    """An action on one session by a member; the group page's privacy setting applies first."""

    http_method_names = ["post"]
    permission_object = "group"
    refusals_as_messages = True

    def load(self, pk):
        self.session = get_session(pk)
        self.group = self.session.group
        refused_by_page(self.request, self.group)

    def success_url(self, result):
        return reverse("network:group_sessions", args=[self.group.pk])


class SessionSignUpView(SessionAction):
    """Signing up for a place. A full session refuses kindly and offers its waiting list, which
    is a second, separate button (SessionWaitingListJoinView)."""

    permission = "network.sign_up_for_group"
    wait_if_full = False

    def perform(self, form):
        return services.session_register(
            session=self.session, member=self.request.user, wait_if_full=self.wait_if_full
        )

    def get_success_message(self, result):
        registration, created = result
        when = _when(self.session)
        if registration.is_waiting:
            position = SessionRegistration.objects.with_waiting_position().get(pk=registration.pk)
            already = "" if created else "already "
            return (
                f"You are {already}on the waiting list for {when}. You are number "
                f"{position.waiting_position}. If a place comes up, it is yours, and we will email you."
            )
        if created:
            return f"You have a place on {when}. See you there."
        return f"You already have a place on {when}."


class SessionWaitingListJoinView(SessionSignUpView):
    """Joining the waiting list of a full session. If a place came free meanwhile, it is theirs."""

    wait_if_full = True


class SessionPlaceCancelView(SessionAction):
    """Giving up one's own place, or leaving a waiting list: anyone signed in may, for their own."""

    def perform(self, form):
        return services.session_unregister(session=self.session, member=self.request.user)

    def get_success_message(self, given_up):
        if given_up == SessionRegistration.Status.BOOKED:
            return f"Your place on {_when(self.session)} is cancelled. Thank you for letting us know."
        if given_up == SessionRegistration.Status.WAITING:
            return f"You have left the waiting list for {_when(self.session)}."
        return f"You did not have a place on {_when(self.session)}."

    def success_url(self, result):
        if self.request.POST.get("back") == "my_sessions":
            return reverse("network:my_sessions")
        return super().success_url(result)


class JoinRequestCreateView(ActionView):
    """Asking to join a group by invite or referral, with the safety check on the message first."""

    http_method_names = ["post"]
    permission = "network.ask_to_join_group"
    permission_object = "group"
    form_class = JoinRequestForm
    refusals_as_messages = True
    success_message = "Thank you for asking. A facilitator will answer you by email."

    def load(self, pk):
        self.group = get_group(pk)
        refused_by_page(self.request, self.group)

    def show(self, form, status=200, check=None):
        return _render_group_sessions(self.request, self.group, join_form=form, status=status, check=check)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            check = check_step(request, "", form.cleaned_data["message"])
            if check is not None:
                return self.show(form, check=check)
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        return services.join_request_create(
            group=self.group, member=self.request.user, message=form.cleaned_data["message"]
        )

    def success_url(self, join_request):
        back = reverse("network:group_sessions", args=[self.group.pk])
        crisis = join_request is not None and has_crisis_words(join_request.message)
        return help_now_url(back) if crisis else back


@require_GET
@login_required
def my_sessions(request):
    registrations = (
        SessionRegistration.objects.filter(member=request.user, session__ends_at__gte=timezone.now())
        .with_waiting_position()
        .select_related("session__group")
        .order_by("session__starts_at")
    )
    calendar_url, calendar_webcal_url = calendar_addresses(request.user)
    context = {
        "registrations": registrations,
        "calendar_url": calendar_url,
        "calendar_webcal_url": calendar_webcal_url,
    }
    return render(request, "network/my_sessions.html", context)


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
    supported = supported_until(user)
    # The groups they support come first: those are the ones they are asked to keep an eye on.
    groups = sorted(groups, key=lambda group: group.pk not in supported)
    now = timezone.now()
    nearest = nearest_sessions(groups, now, behind=RUN_SESSIONS_BEHIND, ahead=RUN_SESSIONS_AHEAD)
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
        group.supported_until = supported.get(group.pk)
    whole_network = attach_referrals_and_invitations(groups, now, whole_network=user.is_staff)
    context = {
        "groups": groups,
        "network_invitations": whole_network,
        "can_see_figures": user.has_perm("network.see_attendance_figures"),
    }
    return render(request, "network/my_groups.html", context)


def supported_until(user):
    """{group id: the last day of support} for the groups where this member of staff supports a
    facilitator today."""
    if not user.is_staff:
        return {}
    rows = GroupFacilitator.objects.filter(supported_by=user, support_ends_on__gte=timezone.localdate())
    return dict(rows.order_by("support_ends_on").values_list("group_id", "support_ends_on"))


class RunSessionView(ActionView):
    """A facilitator's page for one session: who signed up, who came, and cancelling it."""

    permission = "network.run_session"
    permission_object = "session"
    template_name = "network/run_session.html"
    refusals_as_messages = True  # the session changed under them (started, cancelled): say so
    success_message = "Thank you. Who came is saved."

    def load(self, pk):
        self.session = get_session(pk)
        everyone = list(self.session.registrations.select_related("member__profile"))
        # Only people with a place can have come; the waiting list is shown apart, in its order.
        self.registrations = [r for r in everyone if r.is_booked]
        self.waiting = [r for r in everyone if r.is_waiting]

    def attendance_form(self, data=None):
        came = [r.pk for r in self.registrations if r.attended]
        initial = {"came": came, "walk_ins": self.session.walk_ins}
        return AttendanceForm(data, registrations=self.registrations, initial=initial)

    def get_form(self):
        return self.attendance_form(self.request.POST if self.request.method == "POST" else None)

    def get_context_data(self, form=None, cancel_form=None, prepare_form=None, places_form=None):
        return {
            "session": self.session,
            "group": self.session.group,
            "registrations": self.registrations,
            "waiting": self.waiting,
            "attendance_form": form,
            "cancel_form": cancel_form or SessionCancelForm(),
            "prepare_form": prepare_form
            or SessionPrepareForm(initial={"what_to_prepare": self.session.what_to_prepare}),
            "places_form": places_form or SessionPlacesForm(initial={"places": self.session.places}),
            "started": self.session.starts_at <= timezone.now(),
        }

    def perform(self, form):
        return services.attendance_record(
            session=self.session,
            attended_ids=form.cleaned_data.get("came", []),
            walk_ins=form.cleaned_data["walk_ins"],
        )

    def success_url(self, result):
        return reverse("network:run_session", args=[self.session.pk])


class SessionCancelView(RunSessionView):
    http_method_names = ["post"]
    success_message = (
        "The session is cancelled. Everyone with a place will get an email, and so will everyone on "
        "the waiting list."
    )

    def get_form(self):
        return SessionCancelForm(self.request.POST)

    def show(self, form, status=200):
        context = self.get_context_data(form=self.attendance_form(), cancel_form=form)
        return render(self.request, self.template_name, context, status=status)

    def perform(self, form):
        return services.session_cancel(
            session=self.session, reason=form.cleaned_data["reason"], note=form.cleaned_data["note"]
        )


class JoinRequestAction(ActionView):
    permission = "network.decide_join_request"
    permission_object = "join_request"
    refusals_as_messages = True

    def load(self, pk):
        self.join_request = get_join_request(pk)

    def success_url(self, result):
        return reverse("network:my_groups")

    def get_success_message(self, join_request):
        name = self.join_request.display_name
        if join_request.is_accepted:
            return f"Thank you. {name} can now sign up. They will get an email."
        return f"Thank you. {name} has been told, kindly, that it is a no this time. They will get an email."


class JoinRequestDecideView(JoinRequestAction):
    """Saying yes (one click) or no (which the "Say no" page confirms, with an optional note)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if request.POST.get("decision") not in ("accept", "decline"):
            messages.error(request, "Choose to say yes or no to the request.")
            return redirect("network:my_groups")
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        return services.join_request_decide(
            join_request=self.join_request,
            decided_by=self.request.user,
            accept=self.request.POST["decision"] == "accept",
        )


class JoinRequestDeclineView(JoinRequestAction):
    """The "Say no" page: who asked and what they wrote, and a kind note to send with the answer."""

    form_class = JoinRequestDeclineForm
    template_name = "network/join_request_decline.html"

    def get_context_data(self, **context):
        return {"join_request": self.join_request, "group": self.join_request.group, **context}

    def perform(self, form):
        return services.join_request_decide(
            join_request=self.join_request,
            decided_by=self.request.user,
            accept=False,
            note=form.cleaned_data["note"],
        )
