from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

DISPLAY_NAME_MAX_LENGTH = 40


class MemberProfile(models.Model):
    """What the network knows a member by. A display name, never a real name.

    Contributions point at the user and read the display name from here when a page
    renders, so changing or deleting a profile changes it everywhere at once.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(
        _("display name"),
        max_length=DISPLAY_NAME_MAX_LENGTH,
        help_text=_("The name other people see. It does not need to be your real name."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("member profile")
        constraints = [
            models.UniqueConstraint(Lower("display_name"), name="unique_display_name_ignoring_case"),
        ]

    def __str__(self):
        return self.display_name


class SignedInSession(models.Model):
    """A session someone is signed in with. Kept so that their other sessions can be ended when
    something about their sign-in changes (roles, password, two-step sign-in) or the account goes,
    whichever session engine stores the sessions themselves."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signed_in_sessions"
    )
    session_key = models.CharField(max_length=40, unique=True)
    signed_in_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("signed-in session")

    def __str__(self):
        return f"Session of user {self.user_id} since {self.signed_in_at:%Y-%m-%d %H:%M}"
