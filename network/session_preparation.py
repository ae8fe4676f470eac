"""What to get ready for one session (the cook-along's ingredients), set by its facilitator on the
run-session page. A write, like those in services.py, kept beside the reminders it goes out in."""

from django.db import transaction
from django.utils import timezone

from .cancellation_notes import cleaned_what_to_prepare, what_to_prepare_problem
from .models import GroupSession
from .models.groups import WHAT_TO_PREPARE_MAX_LENGTH
from .reminders import session_reminders_send
from .services import SessionError


def session_what_to_prepare_set(*, session, text, now=None):
    """Save this session's own list (empty: the group's usual list). People already reminded get
    the new list straight away, in one "changed" email."""
    now = now or timezone.now()
    text = cleaned_what_to_prepare(text)
    with transaction.atomic():
        session = (
            GroupSession.objects.select_for_update(of=("self",))
            .select_related("group__venue")
            .get(pk=session.pk)
        )
        if session.cancelled:
            raise SessionError("This session is cancelled, so there is nothing to get ready.")
        if session.starts_at <= now:
            raise SessionError("This session has already started, so the list cannot be changed now.")
        if len(text) > WHAT_TO_PREPARE_MAX_LENGTH:
            raise SessionError(f"The list can be up to {WHAT_TO_PREPARE_MAX_LENGTH} characters.")
        problem = what_to_prepare_problem(text)
        if problem:
            raise SessionError(problem)
        session.what_to_prepare = text
        session.save(update_fields=["what_to_prepare"])
    session_reminders_send(session=session, now=now)
    return session
