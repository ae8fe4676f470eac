"""Django's password rules, in the portal's words (AUTH_PASSWORD_VALIDATORS).

Django lists its rules as four separate sentences under every password box; the portal says them
once, as one hint (`password_hint`), and says plainly which rule a password broke.
"""

from django.contrib.auth import password_validation
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    cannot_be = _lazy("like your email address")

    def get_error_message(self):
        return _("Your password is too like your email address. Choose one that is different.")

    def get_help_text(self):
        return _("It cannot be like your email address.")


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "Your password needs at least %(min_length)d character.",
            "Your password needs at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self):
        return ngettext(
            "Use at least %(min_length)d character.",
            "Use at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    cannot_be = _lazy("a common password")

    def get_error_message(self):
        return _("That password is used by many people, so it is easy to guess. Choose a less common one.")

    def get_help_text(self):
        return _("It cannot be a common password.")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    cannot_be = _lazy("only numbers")

    def get_error_message(self):
        return _("Your password cannot be only numbers. Add some letters.")

    def get_help_text(self):
        return _("It cannot be only numbers.")


def password_hint():
    """The rules of the validators switched on, said once: "Use at least 10 characters. A few words
    you will remember make a good password. It cannot be a common password, only numbers or like
    your email address."
    """
    validators = password_validation.get_default_password_validators()
    sentences = [v.get_help_text() for v in validators if isinstance(v, MinimumLengthValidator)]
    sentences.append(_("A few words you will remember make a good password."))
    cannot_be = [str(v.cannot_be) for v in validators if getattr(v, "cannot_be", None)]
    if cannot_be:
        sentences.append(_("It cannot be %(things)s.") % {"things": get_text_list(cannot_be, _("or"))})
    return " ".join(sentences)
