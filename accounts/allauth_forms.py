"""allauth form overrides. Kept apart from forms.py, which allauth imports while building its own."""

from allauth.account.forms import LoginForm, SignupForm
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext_lazy as _


class MemberLoginForm(LoginForm):
    """allauth's sign-in form in the portal's words (ACCOUNT_FORMS["login"])."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The page links to password reset itself, next to the button.
        self.fields["password"].help_text = ""
        if "remember" in self.fields:
            self.fields["remember"].label = _("Keep me signed in on this device")


class PortalSignupForm(SignupForm):
    """allauth's sign-up form (ACCOUNT_FORMS["signup"]), taking as long for an address that
    already has an account as for a new one."""

    def try_save(self, request):
        if self.account_already_exists:
            # A new account costs one password hash. Without the same cost here, the time a
            # sign-up takes would tell whether the address belongs to someone.
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)
