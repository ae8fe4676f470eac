"""What the account page needs to know about a person's sign-in."""

from allauth.mfa.utils import is_mfa_enabled
from django import template

from ..two_factor import role_needs_two_factor

register = template.Library()


@register.filter
def has_two_step_sign_in(user):
    return user.is_authenticated and is_mfa_enabled(user)


@register.filter
def role_needs_two_step_sign_in(user):
    return user.is_authenticated and role_needs_two_factor(user)
