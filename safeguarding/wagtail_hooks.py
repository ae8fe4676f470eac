from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.editor_shortcuts import SHORTCUTS_HOOK, Shortcut

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


@hooks.register(SHORTCUTS_HOOK)
def safeguarding_shortcuts(request):
    if not request.user.has_perm("safeguarding.see_cases"):
        return []
    return [Shortcut(_("Safeguarding cases"), reverse("safeguarding:cases"), order=70)]
