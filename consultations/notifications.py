"""Emails to members and facilitators, through the portal's one mail helper (portal.mail): each
person's email is its own queued task. Recipients and their email choices are read in one query.

Subject lines are neutral on purpose: a subject shows on a lock screen or a shared inbox, so it
never says who someone is or mentions alcohol, drugs or recovery. Members choose what they
receive in NotificationPreferences; someone who never chose gets every kind.
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from accounts.roles import FACILITATORS
from portal import mail

from .models import ClosingReminder, Consultation, NotificationPreferences
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


def reachable(people):
    """Active people with an email address."""
    return people.filter(is_active=True).exclude(email="")


def wanting(people, preference):
    """Those of `people` who want this kind of email: in the same query, not one per person."""
    declined = NotificationPreferences.objects.filter(user=OuterRef("pk"), **{preference: False})
    return reachable(people).exclude(Exists(declined))


def _send(user, subject, template, context):
    mail.send(to=user.email, subject=subject, template=template, context={"user": user, **context})


def notify_priority_update(priority):
    """Tell the author their priority was published or sent back."""
    if not (priority.is_published or priority.is_returned) or priority.author_id is None:
        return
    author = wanting(get_user_model().objects.filter(pk=priority.author_id), PREFERENCE_POST_UPDATES).first()
    if author is not None:
        _send(
            author,
            SUBJECT_POST_UPDATE,
            "consultations/email/priority_update.txt",
            {"priority": priority, "approved": priority.is_published},
        )


def _author_wanting_updates(priority):
    if priority.author_id is None:
        return None
    return wanting(get_user_model().objects.filter(pk=priority.author_id), PREFERENCE_POST_UPDATES).first()


def notify_priority_moderated(priority, *, what, reason="", merged_into=None):
    """Tell the author what a moderator did to their words: `what` is "edited" (the email shows
    the words as they are now; "edited_and_published" when it was published in the same step),
    "merged" (into which priority) or "taken_down" (with the reason)."""
    author = _author_wanting_updates(priority)
    if author is not None:
        _send(
            author,
            SUBJECT_POST_UPDATE,
            "consultations/email/priority_moderated.txt",
            {"priority": priority, "what": what, "reason": reason, "merged_into": merged_into},
        )


def notify_needs_a_look(priority):
    """Tell facilitators something in the moderation queue should be looked at soon. The email says
    nothing about the post itself: they read it signed in."""
    for facilitator in reachable(get_user_model().objects.filter(groups__name=FACILITATORS)).select_related(
        "profile"
    ):
        _send(facilitator, SUBJECT_NEEDS_A_LOOK, "consultations/email/needs_a_look.txt", {})


def notify_board_response(item):
    """Tell everyone who posted or voted for the item's priorities that the board has responded:
    one email each, however many of the item's priorities they took part in."""
    if not hasattr(item, "response"):
        return
    hide_taken_down([item])
    priority_ids = list(item.priorities.values_list("pk", flat=True))
    people = get_user_model().objects.filter(
        Q(priorities__pk__in=priority_ids) | Q(consultation_votes__priority__pk__in=priority_ids)
    )
    for person in wanting(people, PREFERENCE_BOARD_RESPONSES).select_related("profile").distinct():
        _send(
            person,
            SUBJECT_BOARD_RESPONSE,
            "consultations/email/board_response.txt",
            {"item": item, "response": item.response},
        )


def notify_export_ready(log):
    if log.user is not None and log.user.is_active and log.user.email:
        _send(log.user, SUBJECT_EXPORT_READY, "consultations/email/export_ready.txt", {"log": log})


def send_closing_soon_reminders(*, within, now=None):
    """Remind everyone who can take part in a consultation closing within `within`. A reminder row
    is written before each email, so running this again (or twice at once) never repeats one.

    The people are read in one query per consultation: active, with an email, wanting these
    reminders, not reminded yet, with their roles; eligibility is then checked on those rows."""
    sent = 0
    User = get_user_model()
    consultations = Consultation.objects.open(now).filter(closes_at__lte=(now or timezone.now()) + within)
    for consultation in consultations:
        reminded = ClosingReminder.objects.filter(consultation=consultation, user=OuterRef("pk"))
        people = wanting(User.objects.all(), PREFERENCE_CLOSING_SOON).exclude(Exists(reminded))
        for person in people.select_related("profile").prefetch_related("groups"):
            if not is_eligible_participant(person, consultation):
                continue
            try:
                with transaction.atomic():
                    ClosingReminder.objects.create(consultation=consultation, user=person)
            except IntegrityError:
                continue
            _send(
                person,
                SUBJECT_CLOSING_SOON,
                "consultations/email/closing_soon.txt",
                {"consultation": consultation},
            )
            sent += 1
    return sent
