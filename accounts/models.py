from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from .display_names import skeleton

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
    # How the name looks (accounts.display_names): unique, so no name can pass for another.
    display_name_skeleton = models.CharField(max_length=4 * DISPLAY_NAME_MAX_LENGTH, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("member profile")
        # Made by the network app before accounts had its own; the table kept its name.
        db_table = "network_memberprofile"
        constraints = [
            models.UniqueConstraint(Lower("display_name"), name="unique_display_name_ignoring_case"),
            models.UniqueConstraint(fields=["display_name_skeleton"], name="unique_display_name_look"),
        ]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        self.display_name_skeleton = skeleton(self.display_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "display_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "display_name_skeleton"}
        super().save(*args, **kwargs)


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
