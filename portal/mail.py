"""Every email leaves through a background task.

A request never waits for the mail server. That keeps pages quick, and it keeps the time a
request takes from telling anything: signing up with an address that already has an account
takes as long as with a new one, because both only put an email in the queue.

Tests and `make run` use Django's immediate task backend; production uses the database queue
and `db_worker` (settings.TASKS).
"""

from django.core.mail import EmailMultiAlternatives
from django.tasks import task


@task
def deliver(*, subject, body, to, from_email=None, alternatives=(), headers=None):
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=from_email, to=to, headers=headers or {}
    )
    for content, mimetype in alternatives:
        message.attach_alternative(content, mimetype)
    message.send()


def queue(message):
    """Send an EmailMessage (or EmailMultiAlternatives) later, from the task queue."""
    deliver.enqueue(
        subject=str(message.subject),
        body=str(message.body),
        to=[str(address) for address in message.to],
        from_email=message.from_email,
        alternatives=[[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        headers=dict(message.extra_headers),
    )
