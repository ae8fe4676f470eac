"""Every email the portal sends goes through here, and leaves through a background task.

A request never waits for the mail server. That keeps pages quick, and it keeps the time a
request takes from telling anything: signing up with an address that already has an account
takes as long as with a new one, because both only put an email in the queue.

`send()` renders a plain-text template with the site's address and queues one email to one
person. Subject lines are the caller's, and are neutral on purpose: a subject shows on a lock
screen or a shared inbox, so it never says who someone is or mentions alcohol, drugs or recovery.

Tests and `make run` use Django's immediate task backend; production uses the database queue
and `db_worker` (settings.TASKS).
"""

import base64

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.template.loader import render_to_string


@task
def deliver(*, subject, body, to, from_email=None, alternatives=(), headers=None, attachments=()):
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=from_email, to=to, headers=headers or {}
    )
    for content, mimetype in alternatives:
        message.attach_alternative(content, mimetype)
    for attachment in attachments:
        message.attach(*unpacked(attachment))
    message.send()


def packed(filename, content, mimetype):
    """An attachment as the task queue can keep it (JSON): text as it is, bytes as base64."""
    if isinstance(content, bytes):
        return {
            "filename": filename,
            "base64": base64.b64encode(content).decode("ascii"),
            "mimetype": mimetype,
        }
    return {"filename": filename, "text": str(content), "mimetype": mimetype}


def unpacked(attachment):
    """(filename, content, mimetype), as EmailMessage.attach() takes it."""
    content = base64.b64decode(attachment["base64"]) if "base64" in attachment else attachment["text"]
    return attachment["filename"], content, attachment["mimetype"]


def site_url():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def render(template, context):
    return render_to_string(template, {"site_url": site_url(), **context})


def send(*, to, subject, template, context, attachments=()):
    """Queue one email to one address: `template` rendered with `context` and the site's address.
    `attachments` are (filename, content, mimetype) tuples, content as text or bytes."""
    deliver.enqueue(
        subject=subject,
        body=render(template, context),
        to=[to],
        attachments=[packed(*attachment) for attachment in attachments],
    )


def send_now(*, to, subject, template, context):
    """Send straight away, not from the queue. Only for the email that says an account was deleted:
    a queued email would keep the address on file after the account has gone."""
    EmailMultiAlternatives(subject=subject, body=render(template, context), to=[to]).send()


def queue(message):
    """Send an EmailMessage (or EmailMultiAlternatives) made elsewhere (allauth's) from the queue."""
    deliver.enqueue(
        subject=str(message.subject),
        body=str(message.body),
        to=[str(address) for address in message.to],
        from_email=message.from_email,
        alternatives=[[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        headers=dict(message.extra_headers),
    )
