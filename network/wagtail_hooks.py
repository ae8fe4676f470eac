"""Admin screens for the network's snippets (venues, support services and group sessions), and
what the network adds to shared things: members' data files, what editors may change and the
sessions facilitators may have counted in-room votes at."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from accounts.role_permissions import MANAGE
from accounts.roles import EDITORS
from portal.editor_shortcuts import SHORTCUTS_HOOK

from . import invitation_retention, notifications, privacy_records
from .admin_shortcuts import network_shortcuts
from .data_rights import group_data
from .in_room_sources import sessions_for_in_room_votes
from .invitations import invitation_held
from .models import GroupSession, PartnerTeam, SupportService, Venue


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "home"
    list_display = ["name", "phone"]
    search_fields = ["name", "address"]


class SupportServiceViewSet(SnippetViewSet):
    model = SupportService
    icon = "group"
    list_display = ["name"]
    search_fields = ["name", "description"]


class SessionsComeFromTheSchedule(ModelPermissionPolicy):
    """Sessions are made from each group's schedule, never added by hand: a session form has only
    the cancellation, so an added one could not be saved."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([action for action in actions if action != "add"])


register_permission_policy(GroupSession, SessionsComeFromTheSchedule(GroupSession))


class GroupSessionViewSet(SnippetViewSet):
    """Sessions are made from each group's schedule; here staff cancel one or add a note."""

    model = GroupSession
    icon = "date"
    list_display = ["group", "starts_at", "cancelled"]
    list_filter = ["cancelled", "group"]
    ordering = ["starts_at"]
    add_to_admin_menu = False
    inspect_view_enabled = True


class PartnerTeamViewSet(SnippetViewSet):
    """Teams from other services who refer people to groups, each through its own secret link."""

    model = PartnerTeam
    icon = "link"
    list_display = ["name", "contact_email", "active", "referral_link"]
    search_fields = ["name"]
    inspect_view_enabled = True
    inspect_view_fields = ["name", "contact_email", "active", "referral_link"]


class NetworkViewSetGroup(SnippetViewSetGroup):
    items = (VenueViewSet, SupportServiceViewSet, GroupSessionViewSet, PartnerTeamViewSet)
    menu_icon = "site"
    menu_label = _("Drop-in and groups")
    menu_name = "drop-in-and-groups"


register_snippet(NetworkViewSetGroup)


@hooks.register("register_member_data")
def member_data_from_groups(user):
    return group_data(user)


@hooks.register("register_role_permissions")
def role_permissions():
    return {
        EDITORS: {
            "network.venue": MANAGE,
            "network.supportservice": MANAGE,
            "network.groupsession": MANAGE,
            "network.partnerteam": MANAGE,
        }
    }


hooks.register(SHORTCUTS_HOOK, network_shortcuts)


@hooks.register("register_privacy_records")
def privacy_records_from_groups():
    return privacy_records.records()


@hooks.register("register_in_room_sources")
def in_room_sources_from_groups(starts, ends):
    return sessions_for_in_room_votes(starts, ends)


hooks.register("register_safeguarding_copies", notifications.safeguarding_copies)


@hooks.register("register_retention_steps")
def retention_steps_from_invitations():
    return invitation_retention.steps()


@hooks.register("register_sign_up_openers")
def invited_people_may_sign_up(request):
    """Open sign-up, when the network takes people by invitation only, to someone holding one."""
    return invitation_held(request) is not None
