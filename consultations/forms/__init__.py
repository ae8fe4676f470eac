"""The consultations' forms, one module per part of the work. Filters are in consultations.filters."""

from .board import AgendaItemForm, BoardResponseForm, MeetingForm, ShortlistForm
from .in_room import GatheredPriorityForm, GatheringChoiceForm, TallyEditForm, TallyForm
from .moderation import DismissReportsForm, MergeForm, ModeratorEditForm, RemoveForm, ReturnForm
from .priorities import NotificationPreferencesForm, PriorityForm, ReportForm

__all__ = [
    "AgendaItemForm",
    "BoardResponseForm",
    "DismissReportsForm",
    "GatheredPriorityForm",
    "GatheringChoiceForm",
    "MeetingForm",
    "MergeForm",
    "ModeratorEditForm",
    "NotificationPreferencesForm",
    "PriorityForm",
    "RemoveForm",
    "ReportForm",
    "ReturnForm",
    "ShortlistForm",
    "TallyEditForm",
    "TallyForm",
]
