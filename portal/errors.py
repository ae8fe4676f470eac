"""What every app's services raise when a request is not allowed by the rules."""

from django.core.exceptions import ValidationError


class ServiceError(ValidationError):
    """A request the rules do not allow, with a kind message to show the person (`.message`).

    Views never need to know which app raised it: the action view (portal.actions) shows it as a
    form error or a message, and the page stays as it was.
    """
