"""allauth's forms in the portal's words (ACCOUNT_FORMS and MFA_FORMS in settings). Kept apart
from forms.py, which allauth imports while building its own.

Every field has a label (allauth's placeholders stood in for labels and are taken out), and a
message that names it when it is left empty ("Enter your email address", not "This field is
required."), so the error summary at the top says which box needs what. Password rules are said
once, as the hint of the box where a new password is chosen (accounts/passwords.py).
"""

from allauth.account import forms as account_forms
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

from .passwords import password_hint

# A field's label, what it says when it is left empty, and its hint (None keeps allauth's).
EMAIL = (_("Email address"), _("Enter your email address"), "")
PASSWORD = (_("Password"), _("Enter your password"), "")
NEW_PASSWORD = (_("Password"), _("Enter a password"), lazy(password_hint, str)())
NEW_PASSWORD_AGAIN = (_("Password (again)"), _("Type the password again, to check it"), "")
EMAILED_CODE = (_("Code from the email"), _("Enter the code from the email"), "")
APP_CODE = (
    _("Authenticator code"),
    _("Enter the 6-number code from your authenticator app"),
    _("The 6 numbers your authenticator app shows now."),
)


# Messages allauth writes into its forms itself, and the portal's words for them.
ALLAUTH_MESSAGES = {
    "You must type the same password each time.": _(
        "The two passwords are not the same. Type the same password in both boxes."
    ),
}


class InPortalWords:
    """Labels, "left empty" messages and hints for allauth's fields, by field name (`words`)."""

    words = {}

    def add_error(self, field, error):
        if isinstance(error, str | Promise):
            error = ALLAUTH_MESSAGES.get(str(error), error)
        elif isinstance(error, ValidationError) and not hasattr(error, "error_dict"):
            # One message a box, as GOV.UK asks: the first rule a password breaks, not all four.
            error = error.error_list[0]
        if field is not None and field in (self._errors or {}):
            return
        super().add_error(field, error)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.pop("placeholder", None)
            if name not in self.words:
                continue
            label, required, hint = self.words[name]
            field.label = label
            field.error_messages["required"] = required
            if hint is not None:
                field.help_text = hint


class MemberLoginForm(InPortalWords, account_forms.LoginForm):
    # The page links to password reset itself, next to the button.
    words = {"login": EMAIL, "password": PASSWORD}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "remember" in self.fields:
            self.fields["remember"].label = _("Keep me signed in on this device")


class PortalSignupForm(InPortalWords, account_forms.SignupForm):
    """allauth's sign-up form, taking as long for an address that already has an account as for
    a new one."""

    words = {"email": EMAIL, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD_AGAIN}

    def try_save(self, request):
        if self.account_already_exists:
            # A new account costs one password hash. Without the same cost here, the time a
            # sign-up takes would tell whether the address belongs to someone.
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)


class AddEmailForm(InPortalWords, account_forms.AddEmailForm):
    words = {"email": (_("Email address to add"), _("Enter the email address you want to add"), "")}


class ChangeEmailForm(InPortalWords, account_forms.ChangeEmailForm):
    words = {"email": (_("New email address"), _("Enter the new email address"), "")}


class ChangePasswordForm(InPortalWords, account_forms.ChangePasswordForm):
    words = {
        "oldpassword": (_("Your password now"), _("Enter the password you use now"), ""),
        "password1": (_("New password"), _("Enter a new password"), NEW_PASSWORD[2]),
        "password2": (_("New password (again)"), NEW_PASSWORD_AGAIN[1], ""),
    }


class SetPasswordForm(InPortalWords, account_forms.SetPasswordForm):
    words = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD_AGAIN}


class ResetPasswordForm(InPortalWords, account_forms.ResetPasswordForm):
    words = {"email": (_("Email address"), _("Enter the email address you joined with"), "")}


class ResetPasswordKeyForm(InPortalWords, account_forms.ResetPasswordKeyForm):
    words = {
        "password1": (_("New password"), _("Enter a new password"), NEW_PASSWORD[2]),
        "password2": (_("New password (again)"), NEW_PASSWORD_AGAIN[1], ""),
    }


class RequestLoginCodeForm(InPortalWords, account_forms.RequestLoginCodeForm):
    words = {"email": EMAIL}


class ConfirmLoginCodeForm(InPortalWords, account_forms.ConfirmLoginCodeForm):
    words = {"code": EMAILED_CODE}


class ConfirmEmailVerificationCodeForm(InPortalWords, account_forms.ConfirmEmailVerificationCodeForm):
    words = {"code": EMAILED_CODE}


class ReauthenticateForm(InPortalWords, account_forms.ReauthenticateForm):
    words = {"password": (_("Your password"), _("Enter your password"), "")}


class AuthenticateForm(InPortalWords, mfa_forms.AuthenticateForm):
    words = {
        "code": (
            _("Code"),
            _("Enter the 6-number code from your authenticator app, or a recovery code"),
            _("The 6 numbers your authenticator app shows now, or one of your recovery codes."),
        )
    }


class MFAReauthenticateForm(InPortalWords, mfa_forms.ReauthenticateForm):
    words = {"code": AuthenticateForm.words["code"]}


class ActivateTOTPForm(InPortalWords, totp_forms.ActivateTOTPForm):
    words = {"code": APP_CODE}
