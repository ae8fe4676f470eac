"""Consultation models, one module per concern. Import from here: `from consultations.models import X`."""

from .board import (
    AGENDA_SUMMARY_MAX_LENGTH,
    AGENDA_TITLE_MAX_LENGTH,
    RESPONSE_TEXT_MAX_LENGTH,
    RESPONSIBLE_MAX_LENGTH,
    AgendaItem,
    AgendaItemPriority,
    Board,
    BoardMeeting,
    BoardResponse,
    ExportLog,
    ResponseUpdate,
)
from .choices import (
    ConsultationState,
    ExportFormat,
    ExportStatus,
    ExportSubject,
    MeetingStatus,
    ModerationAction,
    PriorityStatus,
    ResponseStatus,
)
from .constants import (
    EXPLANATION_MAX_LENGTH,
    MAX_IN_ROOM_VOTES,
    MAX_VOTES_PER_MEMBER,
    PLACE_MAX_LENGTH,
    REASON_MAX_LENGTH,
    TITLE_MAX_LENGTH,
)
from .consultation import Consultation, Theme
from .in_room import InRoomGathering, name_key, tidy_name
from .moderation import ModerationLog, PriorityRevision, ReturnReason
from .pages import HaveYourSayPage, YouSaidWeDidPage
from .participation import Ballot, InRoomTally, Priority, PriorityCounts, Report, Vote
from .preferences import ClosingReminder, NotificationPreferences

__all__ = [
    "AGENDA_SUMMARY_MAX_LENGTH",
    "AGENDA_TITLE_MAX_LENGTH",
    "EXPLANATION_MAX_LENGTH",
    "MAX_IN_ROOM_VOTES",
    "MAX_VOTES_PER_MEMBER",
    "PLACE_MAX_LENGTH",
    "REASON_MAX_LENGTH",
    "RESPONSE_TEXT_MAX_LENGTH",
    "RESPONSIBLE_MAX_LENGTH",
    "TITLE_MAX_LENGTH",
    "AgendaItem",
    "AgendaItemPriority",
    "Ballot",
    "Board",
    "BoardMeeting",
    "BoardResponse",
    "ClosingReminder",
    "Consultation",
    "ConsultationState",
    "ExportFormat",
    "ExportLog",
    "ExportStatus",
    "ExportSubject",
    "HaveYourSayPage",
    "InRoomGathering",
    "InRoomTally",
    "MeetingStatus",
    "ModerationAction",
    "ModerationLog",
    "NotificationPreferences",
    "Priority",
    "PriorityCounts",
    "PriorityRevision",
    "PriorityStatus",
    "Report",
    "ResponseStatus",
    "ResponseUpdate",
    "ReturnReason",
    "Theme",
    "Vote",
    "YouSaidWeDidPage",
    "name_key",
    "tidy_name",
]
