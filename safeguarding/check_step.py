"""The check step every member free-text form shares.

When the safety check finds personal details or stigmatising words, the form is shown again with
what was found and two buttons: "Check again" (after editing, the words are checked afresh) and
"Post it as it is" (sends `send_as_is`). It never blocks: the second button always sends. Crisis
words never hold anything up: the words go at once, and the help box is shown straight after.
"""

from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from .checks import check_text

SEND_AS_IS = "details_confirmed"


def check_step(request, title, explanation=""):
    """The check to show back before sending, or None when the words can go as they are."""
    check = check_text(title, explanation)
    asked = check.has_personal_details or check.has_stigma
    if asked and request.POST.get(SEND_AS_IS) != "True":
        return check
    return None


def help_now_url(next_url):
    return f"{reverse('safeguarding:help_now')}?{urlencode({'next': next_url})}"


def safe_next(request):
    next_url = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=False):
        return next_url
    return "/"
