"""Members' priorities: posting, changing, withdrawing and reporting them."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safeguarding.checks import check_text
from safeguarding.models import SourceKind
from safeguarding.services import case_open_if_crisis

from .. import notifications
from ..models import Priority, PriorityStatus, Report
from ..rules import is_eligible_participant
from .common import ConsultationError, clean_theme, require_open


def priority_submit(*, consultation, author, title, explanation, theme=None, show_name=False):
    if not is_eligible_participant(author, consultation):
        raise ConsultationError(_("This consultation is for a different group."))
    check = check_text(title, explanation)
    with transaction.atomic():
        require_open(consultation, _("This consultation is not taking new priorities now."))
        needs_a_look = consultation.needs_approval or check.crisis or check.has_personal_details
        now = timezone.now()
        priority = Priority.objects.create(
            consultation=consultation,
            author=author,
            title=title,
            explanation=explanation,
            theme=clean_theme(consultation, theme),
            show_name=show_name,
            is_urgent=check.crisis,
            may_include_personal_details=check.has_personal_details,
            status=PriorityStatus.SUBMITTED if needs_a_look else PriorityStatus.APPROVED,
            submitted_at=now,
            approved_at=None if needs_a_look else now,
        )
        case_open_if_crisis(
            source_kind=SourceKind.PRIORITY, source_id=priority.pk, member=author, texts=[title, explanation]
        )
    if check.crisis:
        notifications.notify_needs_a_look(priority)
    return priority


def priority_update(*, priority, author, title, explanation, theme=None, show_name=False):
    check = check_text(title, explanation)
    with transaction.atomic():
        priority = Priority.objects.select_for_update().select_related("consultation").get(pk=priority.pk)
        if priority.author_id != author.pk or priority.status not in PriorityStatus.editable_by_author():
            raise ConsultationError(_("This priority can no longer be changed."))
        require_open(
            priority.consultation, _("This consultation has closed, so priorities cannot be changed.")
        )
        priority.title = title
        priority.explanation = explanation
        priority.theme = clean_theme(priority.consultation, theme)
        priority.show_name = show_name
        priority.is_urgent = priority.is_urgent or check.crisis
        priority.may_include_personal_details = check.has_personal_details
        priority.status = PriorityStatus.SUBMITTED
        priority.version += 1
        priority.save()
        case_open_if_crisis(
            source_kind=SourceKind.PRIORITY_EDIT,
            source_id=priority.pk,
            member=author,
            texts=[title, explanation],
        )
    if check.crisis:
        notifications.notify_needs_a_look(priority)
    return priority


def priority_withdraw(*, priority, author):
    with transaction.atomic():
        priority = Priority.objects.select_for_update().get(pk=priority.pk)
        if priority.author_id != author.pk or priority.status not in PriorityStatus.editable_by_author():
            raise ConsultationError(_("This priority can no longer be withdrawn."))
        priority.status = PriorityStatus.WITHDRAWN
        priority.save(update_fields=["status", "updated_at"])
    return priority


def report_submit(*, priority, reporter, reason):
    with transaction.atomic():
        if priority.status != PriorityStatus.APPROVED:
            raise ConsultationError(_("This priority is not published, so it cannot be reported."))
        try:
            with transaction.atomic():
                report = Report.objects.create(priority=priority, reporter=reporter, reason=reason)
        except IntegrityError:
            raise ConsultationError(
                _("You have already told us about this. A facilitator will look at it.")
            ) from None
        case_open_if_crisis(
            source_kind=SourceKind.REPORT, source_id=report.pk, member=reporter, texts=[reason]
        )
    return report
