import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .display_names import is_reserved, skeleton
from .models import DISPLAY_NAME_MAX_LENGTH, MemberProfile

# A display name should not give away who someone is or how to reach them.
LOOKS_LIKE_EMAIL = re.compile(r"\S+@\S+")
LOOKS_LIKE_PHONE = re.compile(r"(?:\d[\s-]?){7,}")
ALLOWED_DISPLAY_NAME = re.compile(r"^[\w .'\-]+$")
KEEP_POSTS, REMOVE_POSTS = "keep", "remove"
DELETE_REASON_MAX_LENGTH = 1000


class DisplayNameField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("Display name"),
            help_text=_(
                "This is the name other people will see. It does not need to be your real name. "
                "Use 2 to 40 letters, numbers or spaces."
            ),
            min_length=2,
            max_length=DISPLAY_NAME_MAX_LENGTH,
            error_messages={
                "required": _("Enter a display name. It does not need to be your real name."),
                "min_length": _("Your display name needs at least 2 characters."),
                "max_length": _("Your display name can be up to 40 characters."),
            },
            **kwargs,
        )

    def clean(self, value):
        value = " ".join((value or "").split())
        value = super().clean(value)
        if LOOKS_LIKE_EMAIL.search(value):
            raise forms.ValidationError(_("Please do not use an email address as your display name."))
        if LOOKS_LIKE_PHONE.search(value):
            raise forms.ValidationError(_("Please do not use a phone number as your display name."))
        if not ALLOWED_DISPLAY_NAME.match(value):
            raise forms.ValidationError(
                _("Use only letters, numbers, spaces, full stops, dashes and apostrophes.")
            )
        if is_reserved(value):
            raise forms.ValidationError(
                _("The portal uses that name itself, so it could confuse people. Please choose another.")
            )
        return value


def display_name_taken(name, *, exclude_user=None):
    """True when someone already has a name that looks the same (accounts.display_names)."""
    profiles = MemberProfile.objects.filter(display_name_skeleton=skeleton(name))
    if exclude_user is not None:
        profiles = profiles.exclude(user=exclude_user)
    return profiles.exists()


class MemberSignupForm(forms.Form):
    """Extra fields on allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS)."""

    display_name = DisplayNameField(widget=forms.TextInput(attrs={"autocomplete": "nickname"}))

    field_order = ["display_name", "email", "password1", "password2"]

    def clean_display_name(self):
        name = self.cleaned_data["display_name"]
        if display_name_taken(name):
            raise forms.ValidationError(_("Someone already uses that display name. Please choose another."))
        return name

    def signup(self, request, user):
        MemberProfile.objects.create(user=user, display_name=self.cleaned_data["display_name"])


class ProfileForm(forms.ModelForm):
    display_name = DisplayNameField(widget=forms.TextInput(attrs={"autocomplete": "nickname"}))

    class Meta:
        model = MemberProfile
        fields = ["display_name"]

    def clean_display_name(self):
        name = self.cleaned_data["display_name"]
        if display_name_taken(name, exclude_user=self.instance.user):
            raise forms.ValidationError(_("Someone already uses that display name. Please choose another."))
        return name


class AccountDeleteForm(forms.Form):
    """Asks for the password where the account has one; someone who signs in only with emailed
    codes has none, so for everyone the tick is what says they mean it."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password.")},
    )
    posts = forms.ChoiceField(
        label=_("What should happen to what you posted?"),
        choices=[
            (KEEP_POSTS, _("Keep my posts, shown as “A former member”. Votes on them still count.")),
            (REMOVE_POSTS, _("Remove my posts. Votes on them go back to the people who gave them.")),
        ],
        initial=KEEP_POSTS,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose to keep your posts or remove them.")},
    )
    reason = forms.CharField(
        label=_("Would you like to tell us why you are leaving? (optional)"),
        help_text=_("You do not have to. Only the people who run the network read it."),
        required=False,
        max_length=DELETE_REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Please keep it to 1000 characters or fewer.")},
    )
    understood = forms.BooleanField(
        label=_("I understand this cannot be undone"),
        error_messages={"required": _("Tick the box to show you understand this cannot be undone.")},
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.has_usable_password():
            del self.fields["password"]

    def clean_posts(self):
        # Someone whose browser sent no choice keeps their posts: the choice that loses nothing.
        return self.cleaned_data["posts"] or KEEP_POSTS

    @property
    def remove_posts(self):
        return self.cleaned_data["posts"] == REMOVE_POSTS

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That password is not right. Please try again."))
        return password
