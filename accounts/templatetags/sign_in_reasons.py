"""{% sign_in_reason as reason %}: why this person is asked to sign in (accounts/sign_in_reasons.py).
`reason.key` goes back with the form, so the sentence stays after a wrong password."""

from types import SimpleNamespace

from django import template

from ..sign_in_reasons import sign_in_reason as reason_for

register = template.Library()


@register.simple_tag(takes_context=True)
def sign_in_reason(context):
    request = context.get("request")
    key, sentence = reason_for(request) if request is not None else ("", "")
    return SimpleNamespace(key=key, sentence=sentence)
