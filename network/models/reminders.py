"""What the reminder emails and a member's private calendar need to remember."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .groups import GroupSession


class SessionReminder(models.Model):
    """One reminder email to one member about one session: the first one (sequence 0), then one
    per change to what it promised (sequence 1, 2...). Written in the same transaction that queues
    the email, so however often (or how many at once) the sending runs, each goes once: a second
    run waits on the unique index, then finds the row there and sends nothing.

    Unique by sequence rather than by details: a link changed by mistake and changed back is a
    change too, and people must get the right link again."""

    session = models.ForeignKey(GroupSession, on_delete=models.CASCADE, related_name="reminders")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_reminders"
    )
    sequence = models.PositiveIntegerField()
    # A hash of what the email promised (times, place, link, what to get ready): never the link itself.
    details_key = models.CharField(max_length=64)
    # When it was last emailed: "I did not get the link" sends it again and moves this on.
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("session reminder")
        ordering = ["session", "member", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "member", "sequence"], name="one_reminder_per_member_session_and_change"
            )
        ]

    def __str__(self):
        return f"{self.session} ({self.member_id}, {self.sequence})"


class MemberCalendar(models.Model):
    """The version of a member's private calendar address. The address is signed with the site's
    secret key (network/member_calendar.py), so nothing secret is stored here; making a new
    address moves the version on, and the old one stops working."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="session_calendar"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("member's calendar address")

    def __str__(self):
        return f"{self.member_id} (version {self.version})"
