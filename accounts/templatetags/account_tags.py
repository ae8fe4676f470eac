"""What the account and sign-in pages, and their emails, need to know about a person's sign-in."""

from allauth.account import app_settings as account_settings
from allauth.mfa.utils import is_mfa_enabled
from django import template
from django.conf import settings

from ..two_factor import role_needs_two_factor

register = template.Library()


@register.filter
def has_two_step_sign_in(user):
    return user.is_authenticated and is_mfa_enabled(user)


@register.filter
def role_needs_two_step_sign_in(user):
    return user.is_authenticated and role_needs_two_factor(user)


def _in_words(seconds):
    """15 minutes, 1 hour, 3 days: how long, as a person would say it."""
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size and (seconds % size == 0 or unit == "minute"):
            count = seconds // size
            return f"{count} {unit}{'' if count == 1 else 's'}"
    return f"{seconds} seconds"


@register.simple_tag
def code_lifetime(kind):
    """How long an emailed code or link works, from the settings that decide it: "15 minutes".
    `kind` is "sign_in", "email" or "password_reset" (codes) or "password_reset_link"."""
    seconds = {
        "sign_in": lambda: account_settings.LOGIN_BY_CODE_TIMEOUT,
        "email": lambda: account_settings.EMAIL_VERIFICATION_BY_CODE_TIMEOUT,
        "password_reset": lambda: account_settings.PASSWORD_RESET_BY_CODE_TIMEOUT,
        "password_reset_link": lambda: settings.PASSWORD_RESET_TIMEOUT,
    }[kind]()
    return _in_words(int(seconds))
