from wagtail import hooks

from . import data_rights, privacy_records, retention


@hooks.register("register_member_data")
def member_data_from_safeguarding(user):
    return data_rights.member_data(user)


@hooks.register("register_privacy_records")
def privacy_records_from_safeguarding():
    return privacy_records.records()


@hooks.register("register_retention_steps")
def retention_steps_from_safeguarding():
    return retention.steps()
