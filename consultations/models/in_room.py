"""Where dot votes were counted in the room: a group session or a named event, once per consultation.

A gathering is chosen from a list, never typed afresh for every sheet, so one session is one
gathering: names are compared with their spaces collapsed and case ignored ("Drop-in at the Net
Loft" and "drop-in at the net loft " on the same day are the same), and the database refuses a
second row with the same consultation, name and day.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import times

from .constants import PLACE_MAX_LENGTH
from .consultation import Consultation

SOURCE_MAX_LENGTH = 60


def tidy_name(name):
    """The name as shown: spaces at the ends gone, runs of spaces made one."""
    return " ".join((name or "").split())


def name_key(name):
    """What two names must share to be the same gathering."""
    return tidy_name(name).lower()


class InRoomGathering(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="gatherings")
    name = models.CharField(_("where"), max_length=PLACE_MAX_LENGTH)
    # The name with its spaces collapsed and in lower case: what the unique constraint compares.
    name_key = models.CharField(max_length=PLACE_MAX_LENGTH, editable=False)
    held_on = models.DateField(_("day"))
    # What it came from, when it came from somewhere ("group-session:123"), so the same session is
    # offered once however its name reads. Set through the `register_in_room_sources` hook.
    source = models.CharField(max_length=SOURCE_MAX_LENGTH, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("in-room gathering")
        ordering = ["-held_on", "name_key", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "name_key", "held_on"], name="one_gathering_per_name_and_day"
            ),
            models.UniqueConstraint(
                fields=["consultation", "source"],
                condition=~Q(source=""),
                name="one_gathering_per_source",
            ),
            models.CheckConstraint(condition=~Q(name_key=""), name="gathering_has_a_name"),
        ]

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        self.name = tidy_name(self.name)
        self.name_key = name_key(self.name)
        super().save(*args, **kwargs)

    @property
    def label(self):
        """Drop-in at the Net Loft, Tuesday 1 December 2026."""
        return f"{self.name}, {times.day(self.held_on, with_year=True)}"
