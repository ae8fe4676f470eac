"""Two-step sign-in for the roles that can see who posted what.

Facilitators, board representatives, editors and staff see the accounts behind anonymous posts
(for safeguarding) or can change the site, so a stolen password alone must not be enough.

It is checked on every request, not only at sign-in. A person whose role needs it may use the
site only in a session that passed the second step itself (allauth records each step a session
passes), with an app they still have:

- with no app yet, every page sends them to set one up (a session that just set one up has
  passed the step: it typed a code from the new app);
- with an app, a session that did not pass the step (signed in before the app was set up
  elsewhere, or before a promotion) is sent to type a code before any other page.

Roles are read once per request and shared with the permission checks (accounts.rules), so this
costs people without such a role nothing extra; those with one pay one query for their app.
Their other sessions end when roles, password or app change (accounts.signed_in_sessions).
"""

import re

from allauth.account.internal.flows.login import get_authentication_records, record_authentication
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from . import secret_encryption
from .roles import BOARD_REPRESENTATIVES, EDITORS, FACILITATORS
from .rules import role_names

ROLES_NEEDING_TWO_FACTOR = frozenset({FACILITATORS, BOARD_REPRESENTATIVES, EDITORS})
# What a person may still open before they have an app: setting it up (which may first ask for
# their password again) and signing out.
SET_UP_PAGES = ("/accounts/2fa/totp/activate/", "/accounts/reauthenticate/", "/accounts/logout/", "/static/")
# What a person with an app may open before this session has passed the second step.
SECOND_STEP_PAGES = ("/accounts/2fa/reauthenticate/", "/accounts/logout/", "/static/")
SECOND_STEP = "mfa"


def role_needs_two_factor(user):
    if not settings.TWO_FACTOR_REQUIRED_FOR_ROLES:
        return False
    return user.is_staff or user.is_superuser or bool(role_names(user) & ROLES_NEEDING_TWO_FACTOR)


# accounts/backends.py reads whether a signed-in person has an app with them; adding or
# removing one in a request updates it (below).
APP_ANNOTATION = "has_app_read_with_user"


def has_app(user):
    known = getattr(user, APP_ANNOTATION, None)
    if known is not None:
        return known
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def _request_user_is(user_id):
    request = context.request
    user = getattr(request, "user", None) if request is not None else None
    return user if user is not None and user.pk == user_id else None


def passed_second_step(request, user):
    return any(record.get("method") == SECOND_STEP for record in get_authentication_records(request, user))


def needs_setup(user):
    """True when the person's role asks for two-step sign-in and they have no app yet."""
    return role_needs_two_factor(user) and not has_app(user)


@receiver(user_logged_in, dispatch_uid="two_factor_on_sign_in")
def _on_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session") and needs_setup(user):
        # They proved who they are a moment ago: do not ask for the password again before
        # they may set up the app they are being sent to set up.
        record_authentication(request, user, method="sign_in", reauthenticated=True)


@receiver(post_save, sender=Authenticator, dispatch_uid="two_factor_on_app_added")
def _on_app_added(sender, instance, created, **kwargs):
    """Setting an app up takes a code from it, typed in the session doing it: that session has
    passed the second step. Recorded as the app is saved, inside the request (allauth's own
    signal comes after the transaction commits, which may be after the session is saved)."""
    user = _request_user_is(instance.user_id)
    if user is not None and instance.type == Authenticator.Type.TOTP:
        setattr(user, APP_ANNOTATION, None)
        if created:
            record_authentication(context.request, user, SECOND_STEP, id=instance.pk, type=instance.type)


@receiver(post_delete, sender=Authenticator, dispatch_uid="two_factor_on_app_removed")
def _on_app_removed(sender, instance, **kwargs):
    user = _request_user_is(instance.user_id)
    if user is not None:
        setattr(user, APP_ANNOTATION, None)


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and role_needs_two_factor(user):
            if not has_app(user):
                if not request.path.startswith(SET_UP_PAGES):
                    return redirect("mfa_activate_totp")
            elif not passed_second_step(request, user) and not request.path.startswith(SECOND_STEP_PAGES):
                url = reverse("mfa_reauthenticate")
                if request.method == "GET":
                    url += "?" + urlencode({"next": request.get_full_path()})
                return redirect(url)
        return self.get_response(request)


class PortalMFAAdapter(DefaultMFAAdapter):
    """allauth's MFA adapter: authenticator secrets encrypted at rest (accounts.secret_encryption), plain words."""

    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": "That code did not work. The code changes every 30 seconds, so type the "
        "newest one. You can also use a recovery code.",
    }

    def encrypt(self, text):
        return secret_encryption.encrypt(text)

    def decrypt(self, encrypted_text):
        return secret_encryption.decrypt(encrypted_text)

    def build_totp_svg(self, url):
        """The QR code as markup to place in the page (the CSP allows no data: images), sized
        in pixels and named for screen readers."""
        svg = super().build_totp_svg(url)
        svg = re.sub(r"<\?xml[^>]*\?>\s*", "", svg)
        return re.sub(
            r'<svg width="[^"]*" height="[^"]*"',
            '<svg width="200" height="200" role="img" aria-label="QR code for your authenticator app"',
            svg,
            count=1,
        )
