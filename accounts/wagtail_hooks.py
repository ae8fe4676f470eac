"""What accounts adds to shared things: the privacy notice and the retention command."""

from wagtail import hooks

from . import privacy_records, retention


@hooks.register("register_privacy_records")
def privacy_records_from_accounts():
    return privacy_records.records()


@hooks.register("register_retention_steps")
def retention_steps_from_accounts():
    return retention.steps()
