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
