"""Why someone is asked to sign in, in one sentence on the sign-in page.

Only the sentences written here can be shown: a link may name one by its key (`?reason=vote`),
or the sentence follows from the page the person was on their way to (`?next=/consultations/`).
Nothing from the address itself is ever put on the page.

The keys and the names of the pages are plain strings, so accounts needs to import nothing from
the apps above it.
"""

from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

REASON_PARAMETER = "reason"

HAVE_YOUR_SAY = "have-your-say"
VOTE = "vote"
SIGN_UP_FOR_A_SESSION = "sign-up-for-a-session"

REASONS = {
    HAVE_YOUR_SAY: _("Sign in or join to have your say."),
    VOTE: _("Sign in or join to vote for the priorities that matter to you."),
    SIGN_UP_FOR_A_SESSION: _("Sign in or join to sign up for a session."),
}

# The page someone was going to, by its URL name ("namespace:name") or by its namespace alone.
REASONS_BY_PAGE = {
    "consultations": HAVE_YOUR_SAY,
    "network:group_sessions": SIGN_UP_FOR_A_SESSION,
    "network:session_register": SIGN_UP_FOR_A_SESSION,
    "network:my_sessions": SIGN_UP_FOR_A_SESSION,
}


def reason_for_next(next_url, host):
    """The reason's key for the page at `next_url` (a path on this site), or ""."""
    if not next_url or not url_has_allowed_host_and_scheme(next_url, allowed_hosts={host}):
        return ""
    try:
        match = resolve(next_url.split("?", 1)[0].split("#", 1)[0])
    except Resolver404:
        return ""
    return REASONS_BY_PAGE.get(match.view_name) or REASONS_BY_PAGE.get(match.namespace, "")


def sign_in_reason(request):
    """(key, sentence) saying why this person is asked to sign in, or ("", "")."""
    data = request.POST if request.method == "POST" else request.GET
    key = data.get(REASON_PARAMETER, "")
    if key not in REASONS:
        key = reason_for_next(data.get("next", ""), request.get_host())
    return (key, REASONS[key]) if key else ("", "")
