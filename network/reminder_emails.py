"""The reminder email (network/reminders.py decides when), with its calendar file. Subject lines
name only the day, like the other session emails (notifications.py)."""

from django.utils import timezone

from portal import mail

from .session_ics import invitation_file

SUBJECT_REMINDER = "A reminder for {day}"
SUBJECT_REMINDER_CHANGED = "New details for {day}"


def reminder_subject(session, changed=False):
    subject = SUBJECT_REMINDER_CHANGED if changed else SUBJECT_REMINDER
    return subject.format(day=f"{timezone.localtime(session.starts_at):%A}")


def send_session_reminder(*, session, member, details, sequence, changed=False):
    group = session.group
    mail.send(
        to=member.email,
        subject=reminder_subject(session, changed),
        template="network/email/session_reminder.txt",
        context={
            "user": member,
            "session": session,
            "group": group,
            "venue": group.venue if details.place else None,
            "link": details.link,
            "waiting_for_link": group.meets_online and not details.link,
            "what_to_prepare": details.what_to_prepare,
            "changed": changed,
        },
        attachments=[invitation_file(session, member, details, sequence)],
    )
