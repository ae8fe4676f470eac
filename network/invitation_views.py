"""Views for invitations: staff and facilitators send them; the person follows the link, which
explains what it is for and takes them to sign up (or, signed in, accepts it for their account).
A link that stopped working says so kindly, with a way to ask for a new one."""

from urllib.parse import urlencode

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from portal.actions import ActionView
from portal.errors import ServiceError

from .invitation_forms import AskAgainForm, InvitationForm
from .invitations import (
    invitation_accept,
    invitation_ask_again,
    invitation_create,
    invitation_for_token,
    invitation_hold,
    invitation_withdraw,
)
from .models import GroupPage, Invitation


class InvitationCreateView(ActionView):
    """Inviting someone by email to one group (its facilitators, staff)."""

    permission = "network.invite_to_group"
    permission_object = "group"
    form_class = InvitationForm
    template_name = "network/invitation_form.html"

    def load(self, pk):
        self.group = get_object_or_404(GroupPage.objects.live(), pk=pk)

    def get_context_data(self, **context):
        return {"group": self.group, "valid_days": settings.INVITATION_VALID_DAYS, **context}

    def perform(self, form):
        invitation, _token = invitation_create(
            email=form.cleaned_data["email"], group=self.group, invited_by=self.request.user
        )
        return invitation

    def get_success_message(self, invitation):
        return f"Thank you. The invitation is on its way to {invitation.email}."

    def success_url(self, result):
        return reverse("network:my_groups")


class NetworkInvitationCreateView(InvitationCreateView):
    """Staff invite someone to the network as a whole, with no group."""

    permission = "network.invite_to_network"
    permission_object = None

    def load(self):
        self.group = None


class InvitationWithdrawView(ActionView):
    http_method_names = ["post"]
    permission = "network.withdraw_invitation"
    permission_object = "invitation"
    refusals_as_messages = True
    success_message = "The invitation is cancelled. Its link no longer works."

    def load(self, pk):
        self.invitation = get_object_or_404(Invitation.objects.select_related("group"), pk=pk)

    def perform(self, form):
        return invitation_withdraw(invitation=self.invitation, withdrawn_by=self.request.user)

    def success_url(self, result):
        return reverse("network:my_groups")


def _stopped_working(request, invitation, form=None, status=410):
    context = {"invitation": invitation, "state": invitation.state if invitation else "unknown"}
    if invitation is not None:
        context["form"] = form or AskAgainForm()
    return render(request, "network/invitation_stopped.html", context, status=status)


def _after_joining(invitation):
    if invitation.group is not None and invitation.group.live:
        return reverse("network:group_sessions", args=[invitation.group.pk])
    return "/"


@require_http_methods(["GET", "POST"])
def invitation(request, token):
    """The link in the invitation email. POST "join" holds the invitation and goes on to sign up;
    POST "accept" uses it for the account signed in."""
    found = invitation_for_token(token)
    if found is None:
        return _stopped_working(request, None, status=404)
    if not found.is_usable():
        return _stopped_working(request, found)
    if request.method == "GET":
        return render(request, "network/invitation.html", {"invitation": found})
    if request.POST.get("action") == "accept":
        return _accept(request, found)
    if request.user.is_authenticated:
        # Signed in already: the page offers to accept it for this account instead.
        return redirect(request.path)
    invitation_hold(request, found)
    # The link came to this address, so it needs no second check by code (allauth's own way).
    get_adapter(request).stash_verified_email(request, found.email)
    query = urlencode({"email": found.email, "next": _after_joining(found)})
    return redirect(f"{reverse('account_signup')}?{query}")


def _accept(request, found):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        invitation_accept(invitation=found, user=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(request.path)
    if found.group is not None:
        messages.success(request, f"Welcome. You can now sign up for the sessions of {found.group.title}.")
    else:
        messages.success(request, "Welcome. The invitation is accepted.")
    return redirect(_after_joining(found))


@require_POST
def invitation_ask_again_view(request, token):
    found = invitation_for_token(token)
    if found is None:
        return _stopped_working(request, None, status=404)
    if found.is_usable():
        return redirect("network:invitation", token=token)
    form = AskAgainForm(request.POST)
    if not form.is_valid():
        return _stopped_working(request, found, form=form)
    try:
        invitation_ask_again(invitation=found, message=form.cleaned_data["message"])
    except ServiceError as error:
        form.add_error(None, error)
        return _stopped_working(request, found, form=form)
    return render(request, "network/invitation_asked.html", {}, status=200)
