"""Emails about group sessions. Subject lines are neutral on purpose: a subject shows on a lock
screen or a shared inbox, so it never names the group or mentions alcohol, drugs or recovery.

Each email goes out as a background task (Django's tasks framework); tests use the immediate backend.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone

from .models import GroupSession, JoinRequest, SessionRegistration

SUBJECT_SESSION_LINK = "Your link for {day}"
SUBJECT_SESSION_CANCELLED = "A change to your plans"
SUBJECT_JOIN_REQUEST_ANSWERED = "An answer to your request"


def session_link_subject(session):
    return SUBJECT_SESSION_LINK.format(day=f"{timezone.localtime(session.starts_at):%A}")


def _can_email(user):
    return user is not None and user.is_active and bool(user.email)


def _send(user, subject, template, context):
    site_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    body = render_to_string(template, {"user": user, "site_url": site_url, **context})
    EmailMessage(subject=subject, body=body, to=[user.email]).send()


@task
def send_session_link(session_id, member_id):
    """The group's private online link, to one member with a place at the session."""
    registration = (
        SessionRegistration.objects.select_related("session__group", "member")
        .filter(session_id=session_id, member_id=member_id)
        .first()
    )
    if registration is None or registration.session.cancelled:
        return
    session, group = registration.session, registration.session.group
    if not group.meets_online or not group.online_link or not _can_email(registration.member):
        return
    _send(
        registration.member,
        session_link_subject(session),
        "network/email/session_link.txt",
        {"session": session, "group": group, "link": group.online_link},
    )


@task
def send_session_cancelled(session_id):
    """Tell everyone with a place that the session is not happening."""
    session = GroupSession.objects.select_related("group").filter(pk=session_id, cancelled=True).first()
    if session is None:
        return
    people = get_user_model().objects.filter(session_registrations__session=session)
    for person in people:
        if _can_email(person):
            _send(
                person,
                SUBJECT_SESSION_CANCELLED,
                "network/email/session_cancelled.txt",
                {"session": session, "group": session.group},
            )


@task
def send_join_request_answered(join_request_id):
    join_request = JoinRequest.objects.select_related("group", "member").filter(pk=join_request_id).first()
    if join_request is None or join_request.decided_at is None or not _can_email(join_request.member):
        return
    _send(
        join_request.member,
        SUBJECT_JOIN_REQUEST_ANSWERED,
        "network/email/join_request_answered.txt",
        {
            "join_request": join_request,
            "group": join_request.group,
            "accepted": join_request.is_accepted,
        },
    )
