from wagtail import hooks

from . import data_rights


@hooks.register("register_member_data")
def member_data_from_safeguarding(user):
    return data_rights.member_data(user)
