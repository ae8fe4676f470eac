"""allauth form overrides. Kept apart from forms.py, which allauth imports while building its own."""

from allauth.account.forms import LoginForm
from django.utils.translation import gettext_lazy as _


class MemberLoginForm(LoginForm):
    """allauth's sign-in form in the portal's words (ACCOUNT_FORMS["login"])."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The page links to password reset itself, next to the button.
        self.fields["password"].help_text = ""
        if "remember" in self.fields:
            self.fields["remember"].label = _("Keep me signed in on this device")
