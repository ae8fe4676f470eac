"""Two-step sign-in for the roles that can see who posted what.

Facilitators, board representatives, editors and staff see the accounts behind anonymous posts
(for safeguarding) or can change the site, so a stolen password alone must not be enough. When
such a person signs in without an authenticator app, every page sends them to set one up first.

Whether someone may need to set one up is decided when they sign in (and again if they remove
their app) and kept in their session, so pages cost no extra query for everyone else. While the
flag is up, each page checks again, and the flag goes once the app is there.
"""

import re

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_removed
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect

from .roles import BOARD_REPRESENTATIVES, EDITORS, FACILITATORS

ROLES_NEEDING_TWO_FACTOR = (FACILITATORS, BOARD_REPRESENTATIVES, EDITORS)
SETUP_NEEDED = "two_factor_setup_needed"
# Pages a person may still use before they have set up an app: the set-up pages themselves,
# signing out, and the pages that confirm who they are.
ALWAYS_ALLOWED = ("/accounts/2fa/", "/accounts/logout/", "/accounts/reauthenticate/", "/static/")


def role_needs_two_factor(user):
    if not settings.TWO_FACTOR_REQUIRED_FOR_ROLES:
        return False
    return (
        user.is_staff or user.is_superuser or user.groups.filter(name__in=ROLES_NEEDING_TWO_FACTOR).exists()
    )


def needs_setup(user):
    """True when the person's role asks for two-step sign-in and they have no app yet."""
    return (
        role_needs_two_factor(user)
        and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    )


def _remember(request, user):
    """Store whether the person must still set up an app; True when they must."""
    if request is None or not hasattr(request, "session"):
        return False
    if needs_setup(user):
        request.session[SETUP_NEEDED] = True
        return True
    request.session.pop(SETUP_NEEDED, None)
    return False


@receiver(user_logged_in, dispatch_uid="two_factor_on_sign_in")
def _on_sign_in(sender, request, user, **kwargs):
    if _remember(request, user):
        # They proved who they are a moment ago: do not ask for the password again before
        # they may set up the app they are being sent to set up.
        record_authentication(request, user, method="sign_in", reauthenticated=True)


@receiver(authenticator_removed, dispatch_uid="two_factor_on_remove")
def _on_authenticator_change(sender, request, user, **kwargs):
    _remember(request, user)


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.user.is_authenticated
            and request.session.get(SETUP_NEEDED)
            and not request.path.startswith(ALWAYS_ALLOWED)
            and _remember(request, request.user)
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)


class PortalMFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": "That code did not work. The code changes every 30 seconds, so type the "
        "newest one. You can also use a recovery code.",
    }

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
