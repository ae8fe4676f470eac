import secrets
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django.contrib.sites.shortcuts import get_current_site
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.mail import queue, site_url
from portal.models import NetworkSettings
from portal.public_address import on_public_address


def on_the_sites_address(value):
    """A link allauth made from the request (its Host header, which may be 127.0.0.1:8104 or
    whatever a proxy passed on), moved onto the site's configured address. Anything else as is."""
    if isinstance(value, str) and urlsplit(value).scheme in {"http", "https"} and urlsplit(value).netloc:
        return on_public_address(value)
    return value


SIGN_UP_OPENERS_HOOK = "register_sign_up_openers"


class MemberAccountAdapter(DefaultAccountAdapter):
    # allauth's messages in the portal's words. (The wrong-password and too-many-tries ones stay.)
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _("This account is switched off. Please ask the staff at the drop-in."),
        "cannot_remove_primary_email": _(
            "This is the address your emails go to, so it cannot be taken off. Choose another one first."
        ),
        "duplicate_email": _("Your account already has this email address."),
        "email_taken": _("Someone already uses this email address here."),
        "enter_current_password": _("That is not the password you use now. Please try again."),
        "incorrect_code": _("That code is not right. Check the email and type it again."),
        "incorrect_password": _("That password is not right. Please try again."),
        "invalid_or_expired_key": _("That link or code has stopped working. Please ask for a new one."),
        "invalid_login": _("That did not work. Please try again."),
        "invalid_password_reset": _("That link has stopped working. Please ask for a new one."),
        "max_email_addresses": _("You can have up to %d email addresses."),
        "unknown_email": _("There is no account with that email address."),
        "unverified_primary_email": _("Confirm this email address before your emails go to it."),
        "select_only_one": _("Choose one."),
        "same_as_current": _("This is the same as now. Type something different."),
        "rate_limited": _(
            "You have tried this many times in a short while. Please wait a few minutes and try again."
        ),
    }

    def is_open_for_signup(self, request):
        """Open, unless the network takes people by invitation only (NetworkSettings); then open
        only to someone an app says may join now: one holding a valid invitation, say
        (the `register_sign_up_openers` hook: functions taking the request, returning True)."""
        if not NetworkSettings.for_request(request).invitation_only:
            return True
        return any(opens(request) for opens in hooks.get_hooks(SIGN_UP_OPENERS_HOOK))

    def populate_username(self, request, user):
        # Usernames are internal only. allauth would derive one from the email address,
        # which would then show in the admin; a random one reveals nothing.
        user.username = f"member-{secrets.token_hex(6)}"

    def _get_login_attempts_cache_key(self, request, **credentials):
        """The failed sign-in counter for an account, whatever host name the request came in on
        (allauth puts the site's domain in it, which follows the Host header when there is no
        Sites framework, so a changed Host header gave a fresh count)."""
        return credentials.get("email", credentials.get("username", "")).lower()

    def send_mail(self, template_prefix, email, context_data):
        """allauth's emails (codes, resets, "you already have an account") leave through the task
        queue like every other email (portal.mail), so how long a request takes says nothing
        about whether an address has an account.

        Their links use the site's configured address (WAGTAILADMIN_BASE_URL), as the portal's
        own emails do, never the host a request happened to arrive on."""
        request = context.request
        message = self.render_mail(
            template_prefix,
            email,
            {
                "request": request,
                "email": email,
                # Only allauth's own templates read it; ours use site_url. None after a commit.
                "current_site": get_current_site(request) if request is not None else None,
                **{key: on_the_sites_address(value) for key, value in context_data.items()},
                "site_url": site_url(),
            },
        )
        queue(message)


def display_name(user):
    """How allauth names a person in its messages and emails: the display name they chose,
    never the internal username."""
    profile = getattr(user, "profile", None)
    return profile.display_name if profile is not None else "you"
