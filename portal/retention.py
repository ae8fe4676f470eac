"""Removing what is past its time, for `manage.py apply_retention`.

Every app that keeps something for a limited time adds a step with the Wagtail hook
`register_retention_steps`: a function returning a list of `RetentionStep`. A step's `run(now)`
removes what is due at `now` and returns how many things it removed. The periods come from
settings (the `*_RETENTION_DAYS` ones), and the privacy notice reads the same settings.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from wagtail import hooks

RETENTION_STEPS_HOOK = "register_retention_steps"


@dataclass(frozen=True)
class RetentionStep:
    name: str
    description: str
    run: Callable[[datetime], int]


def retention_steps():
    return [step for hook in hooks.get_hooks(RETENTION_STEPS_HOOK) for step in hook()]


class RetentionSettingError(ValueError):
    pass


def period(setting_name):
    """The time a setting says to keep something for, refusing a period that makes no sense."""
    value = getattr(settings, setting_name)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise RetentionSettingError(
            f"{setting_name} must be a whole number of days, 1 or more (it is {value!r})."
        )
    return timedelta(days=value)
