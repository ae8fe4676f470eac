"""Emails about group sessions, through the portal's one mail helper (portal.mail): each person's
email is its own queued task. Subject lines never name the group or mention alcohol, drugs or
recovery: a subject shows on a lock screen or a shared inbox.
"""

from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from portal import mail
from safeguarding.models import SourceKind

from .models import JoinRequest, SessionReminder
from .session_ics import cancellation_file

SUBJECT_SESSION_CANCELLED = "A change to your plans"
SUBJECT_JOIN_REQUEST_ANSWERED = "An answer to your request"
SUBJECT_JOIN_REQUEST_RECEIVED = "Someone has asked you something"


def can_email(user):
    return user is not None and user.is_active and bool(user.email)


def send_session_cancelled(*, session):
    """Tell everyone signed up that the session is not happening. People with a place also get a
    calendar file that takes it out of their calendar (METHOD:CANCEL), one SEQUENCE on from the
    last reminder they had."""
    last_reminders = SessionReminder.objects.filter(session=session, member=OuterRef("member")).order_by(
        "-sequence"
    )
    registrations = (
        session.registrations.filter(member__is_active=True)
        .exclude(member__email="")
        .select_related("member")
        .annotate(last_sequence=Subquery(last_reminders.values("sequence")[:1]))
    )
    for registration in registrations:
        person = registration.member
        attachments = []
        if registration.is_booked:
            sequence = 1 if registration.last_sequence is None else registration.last_sequence + 1
            attachments.append(cancellation_file(session, person, sequence))
        mail.send(
            to=person.email,
            subject=SUBJECT_SESSION_CANCELLED,
            template="network/email/session_cancelled.txt",
            context={"user": person, "session": session, "group": session.group},
            attachments=attachments,
        )


def send_join_request_answered(*, join_request, note=""):
    if join_request.decided_at is None or not can_email(join_request.member):
        return
    mail.send(
        to=join_request.member.email,
        subject=SUBJECT_JOIN_REQUEST_ANSWERED,
        template="network/email/join_request_answered.txt",
        context={
            "user": join_request.member,
            "join_request": join_request,
            "group": join_request.group,
            "accepted": join_request.is_accepted,
            "note": note,
        },
    )


def group_supporters(group_ids):
    """Staff supporting a facilitator of one of these groups today: they get a copy of its emails."""
    return get_user_model().objects.filter(
        supported_facilitators__group_id__in=group_ids,
        supported_facilitators__support_ends_on__gte=timezone.localdate(),
        is_staff=True,
        is_active=True,
    )


def send_join_request_received(*, join_request):
    """Tell the group's facilitators, and any member of staff supporting one of them, that someone
    asked to join. The email names neither the group nor the person: they read the request signed
    in, on their groups page."""
    supporters = set(group_supporters([join_request.group_id]).values_list("pk", flat=True))
    people = (
        get_user_model()
        .objects.filter(
            Q(profile__facilitated_groups__group_id=join_request.group_id) | Q(pk__in=supporters),
            is_active=True,
        )
        .exclude(email="")
        .distinct()
    )
    for person in people:
        mail.send(
            to=person.email,
            subject=SUBJECT_JOIN_REQUEST_RECEIVED,
            template="network/email/join_request_received.txt",
            context={"user": person, "supporting": person.pk in supporters},
        )


def safeguarding_copies(source_kind, source_id):
    """For safeguarding's alerts (the hook `register_safeguarding_copies`): a case raised from a
    group's join request also goes to staff supporting that group's facilitator, while they do."""
    if source_kind != SourceKind.JOIN_REQUEST:
        return []
    group_ids = JoinRequest.objects.filter(pk=source_id).values("group_id")
    return list(group_supporters(group_ids).exclude(email="").values_list("email", flat=True).distinct())
