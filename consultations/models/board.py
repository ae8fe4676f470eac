"""The partnership board: its meetings, the agenda items shortlisted from consultations, the
board's responses to them, and the record of every export.

Board membership is explicit: a representative is listed on the board *and* is in the "Board
representatives" group (see rules.represents_board). Neither alone is enough.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from accounts.roles import BOARD_REPRESENTATIVES

from ..storage import PrivateFileStorage
from .choices import ExportFormat, ExportStatus, ExportSubject, MeetingStatus, ResponseStatus
from .participation import Priority

AGENDA_TITLE_MAX_LENGTH = 150
AGENDA_SUMMARY_MAX_LENGTH = 3000
RESPONSE_TEXT_MAX_LENGTH = 3000
RESPONSIBLE_MAX_LENGTH = 150


class Board(models.Model):
    name = models.CharField(_("name"), max_length=150, unique=True)
    description = models.TextField(_("description"), blank=True)
    representatives = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("network representatives"),
        blank=True,
        related_name="boards_represented",
        limit_choices_to={"groups__name": BOARD_REPRESENTATIVES},
        help_text=_("Members who sit on this board for the network. They must be board representatives."),
    )

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("representatives")]

    class Meta:
        verbose_name = _("partnership board")
        ordering = ["name"]

    def __str__(self):
        return self.name


class BoardMeeting(models.Model):
    Status = MeetingStatus

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="meetings")
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=150)
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )

    panels = [
        FieldPanel("board"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("status")]),
        FieldPanel("place"),
    ]

    class Meta:
        verbose_name = _("board meeting")
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=MeetingStatus.values),
                name="board_meeting_status_valid",
            )
        ]

    def __str__(self):
        return f"{self.board.name}, {timezone.localtime(self.starts_at):%-d %B %Y}"

    @property
    def is_planned(self):
        return self.status == MeetingStatus.PLANNED

    @property
    def is_held(self):
        return self.status == MeetingStatus.HELD

    @property
    def is_cancelled(self):
        return self.status == MeetingStatus.CANCELLED


class AgendaItem(models.Model):
    """One item on a meeting's agenda. It may group several priorities that say similar things."""

    meeting = models.ForeignKey(BoardMeeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(_("title"), max_length=AGENDA_TITLE_MAX_LENGTH)
    summary = models.TextField(_("summary for the board"), max_length=AGENDA_SUMMARY_MAX_LENGTH)
    priorities = models.ManyToManyField(Priority, through="AgendaItemPriority", related_name="agenda_items")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("agenda item")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="one_agenda_item_per_position"),
            # Position 0 is only ever held for a moment while two items swap places.
            models.CheckConstraint(condition=Q(position__lte=1000), name="agenda_position_in_range"),
        ]

    def __str__(self):
        return self.title


class AgendaItemPriority(models.Model):
    """A priority shortlisted onto an agenda item. The meeting is repeated here so the database
    itself refuses the same priority twice on one meeting's agenda."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="priority_links")
    meeting = models.ForeignKey(BoardMeeting, on_delete=models.CASCADE, related_name="+")
    priority = models.ForeignKey(Priority, on_delete=models.PROTECT, related_name="agenda_links")
    shortlisted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "priority"], name="priority_once_per_meeting_agenda")
        ]

    def __str__(self):
        return f"Priority {self.priority_id} on agenda item {self.agenda_item_id}"


class BoardResponse(models.Model):
    """The board's current answer to an agenda item. Every change is kept as a ResponseUpdate."""

    Status = ResponseStatus

    agenda_item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="response")
    status = models.CharField(_("status"), max_length=20, choices=ResponseStatus.choices)
    explanation = models.TextField(_("what the board said"), max_length=RESPONSE_TEXT_MAX_LENGTH)
    responsible = models.CharField(_("who is doing it"), max_length=RESPONSIBLE_MAX_LENGTH, blank=True)
    due_by = models.DateField(_("by when"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("board response")
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["-updated_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ResponseStatus.values),
                name="board_response_status_valid",
            )
        ]

    def __str__(self):
        return f"{self.get_status_display()}: {self.agenda_item}"

    @property
    def is_done(self):
        return self.status == ResponseStatus.DONE

    @property
    def is_not_taken_forward(self):
        return self.status == ResponseStatus.NOT_TAKEN_FORWARD


class ResponseUpdate(models.Model):
    response = models.ForeignKey(BoardResponse, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(max_length=20, choices=ResponseStatus.choices)
    note = models.TextField(max_length=RESPONSE_TEXT_MAX_LENGTH)
    written_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-written_at", "-pk"]

    def __str__(self):
        return f"{self.get_status_display()} on {timezone.localtime(self.written_at):%-d %B %Y}"


class ExportLog(models.Model):
    """Every export: who asked (kept for staff, never written into the file), the role it was made
    under, what it was of, the format and when. Files made in the background hang off it."""

    Format, Subject, Status = ExportFormat, ExportSubject, ExportStatus
    # A record, never something another page uses: Wagtail's "usage" index need not list what it
    # points at (that was four more statements on every export).
    wagtail_reference_index_ignore = True

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    role = models.CharField(max_length=60)
    subject = models.CharField(max_length=20, choices=ExportSubject.choices)
    object_id = models.PositiveIntegerField()
    description = models.CharField(max_length=250)
    format = models.CharField(max_length=10, choices=ExportFormat.choices)
    status = models.CharField(max_length=10, choices=ExportStatus.choices, default=ExportStatus.SENT)
    file = models.FileField(upload_to="exports/%Y/%m/", storage=PrivateFileStorage(), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("export record")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_format_display()} of {self.description}"

    @property
    def is_ready(self):
        return self.status == ExportStatus.READY

    @property
    def is_failed(self):
        return self.status == ExportStatus.FAILED
