"""Emails to members. Subject lines are neutral on purpose: a subject shows on a lock screen or a
shared inbox, so it never says who someone is or mentions alcohol, drugs or recovery.

Each email goes out as a background task (Django's tasks framework); tests use the immediate
backend. Members choose what they receive in NotificationPreferences.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.roles import FACILITATORS

from .models import (
    AgendaItem,
    ClosingReminder,
    Consultation,
    ConsultationState,
    ExportLog,
    NotificationPreferences,
    Priority,
    PriorityStatus,
)
from .rules import is_eligible_participant
from .taken_down import hide_taken_down

SUBJECT_POST_UPDATE = "An update on your post"
SUBJECT_CLOSING_SOON = "A few days left to have your say"
SUBJECT_BOARD_RESPONSE = "An update on something you took part in"
SUBJECT_NEEDS_A_LOOK = "Something in the queue needs a look soon"
SUBJECT_EXPORT_READY = "Your download is ready"

PREFERENCE_POST_UPDATES = "post_updates"
PREFERENCE_CLOSING_SOON = "closing_soon"
PREFERENCE_BOARD_RESPONSES = "board_responses"


def wants(user, preference):
    if user is None or not user.is_active or not user.email:
        return False
    preferences = NotificationPreferences.objects.filter(user=user).first()
    return preferences is None or getattr(preferences, preference)


def _send(user, subject, template, context):
    site_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    body = render_to_string(template, {"user": user, "site_url": site_url, **context})
    EmailMessage(subject=subject, body=body, to=[user.email]).send()


@task
def send_priority_update(priority_id):
    """Tell the author their priority was published or sent back."""
    priority = Priority.objects.select_related("author", "consultation").filter(pk=priority_id).first()
    if priority is None or priority.status not in (PriorityStatus.APPROVED, PriorityStatus.RETURNED):
        return
    if not wants(priority.author, PREFERENCE_POST_UPDATES):
        return
    _send(
        priority.author,
        SUBJECT_POST_UPDATE,
        "consultations/email/priority_update.txt",
        {"priority": priority, "approved": priority.status == PriorityStatus.APPROVED},
    )


@task
def send_needs_a_look(priority_id):
    """Tell facilitators something in the moderation queue should be looked at soon. The email says
    nothing about the post itself: they read it signed in."""
    User = get_user_model()
    for facilitator in User.objects.filter(groups__name=FACILITATORS, is_active=True).exclude(email=""):
        _send(facilitator, SUBJECT_NEEDS_A_LOOK, "consultations/email/needs_a_look.txt", {})


@task
def send_board_response(agenda_item_id):
    """Tell everyone who posted or voted for the item's priorities that the board has responded:
    one email each, however many of the item's priorities they took part in."""
    item = (
        AgendaItem.objects.filter(pk=agenda_item_id)
        .select_related("response")
        .prefetch_related("priorities")
        .first()
    )
    if item is None or not hasattr(item, "response"):
        return
    hide_taken_down([item])
    priority_ids = list(item.priorities.values_list("pk", flat=True))
    User = get_user_model()
    people = User.objects.filter(
        Q(priorities__pk__in=priority_ids) | Q(consultation_votes__priority__pk__in=priority_ids)
    ).distinct()
    for person in people:
        if wants(person, PREFERENCE_BOARD_RESPONSES):
            _send(
                person,
                SUBJECT_BOARD_RESPONSE,
                "consultations/email/board_response.txt",
                {"item": item, "response": item.response},
            )


@task
def send_export_ready(export_log_id):
    log = ExportLog.objects.select_related("user").filter(pk=export_log_id).first()
    if log is None or log.user is None or not log.user.is_active or not log.user.email:
        return
    _send(log.user, SUBJECT_EXPORT_READY, "consultations/email/export_ready.txt", {"log": log})


def notify_priority_update(priority):
    send_priority_update.enqueue(priority.pk)


def notify_needs_a_look(priority):
    send_needs_a_look.enqueue(priority.pk)


def notify_board_response(agenda_item):
    send_board_response.enqueue(agenda_item.pk)


def notify_export_ready(export_log):
    send_export_ready.enqueue(export_log.pk)


def send_closing_soon_reminders(*, within, now=None):
    """Remind everyone who can take part in a consultation closing within `within`. A reminder row
    is written before each email, so running this again (or twice at once) never repeats one."""
    now = now or timezone.now()
    sent = 0
    consultations = Consultation.objects.filter(
        opens_at__lte=now, closes_at__gt=now, closes_at__lte=now + within
    )
    User = get_user_model()
    for consultation in consultations:
        if consultation.state_at(now) != ConsultationState.OPEN:
            continue
        already = ClosingReminder.objects.filter(consultation=consultation).values_list("user_id", flat=True)
        candidates = User.objects.filter(is_active=True).exclude(email="").exclude(pk__in=already)
        for user in candidates.prefetch_related("groups"):
            if not is_eligible_participant(user, consultation) or not wants(user, PREFERENCE_CLOSING_SOON):
                continue
            try:
                with transaction.atomic():
                    ClosingReminder.objects.create(consultation=consultation, user=user)
            except IntegrityError:
                continue
            _send(
                user,
                SUBJECT_CLOSING_SOON,
                "consultations/email/closing_soon.txt",
                {"consultation": consultation},
            )
            sent += 1
    return sent
