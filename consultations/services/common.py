"""What the consultation services share: the error they raise, the moderation record, and the
checks every write makes."""

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.errors import ServiceError

from ..models import ConsultationState, ModerationLog


class ConsultationError(ServiceError):
    """A request the rules do not allow, with a kind message to show the person."""


def log(priority, actor, action, reason=""):
    ModerationLog.objects.create(priority=priority, actor=actor, action=action, reason=reason)


def require_open(consultation, message):
    if consultation.state_at(timezone.now()) != ConsultationState.OPEN:
        raise ConsultationError(message)


def clean_theme(consultation, theme):
    if theme is not None and theme.consultation_id != consultation.pk:
        raise ConsultationError(_("Choose one of this consultation's themes."))
    return theme


def clean_text(value, message):
    value = (value or "").strip()
    if not value:
        raise ConsultationError(message)
    return value
