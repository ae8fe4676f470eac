"""Admin screens for the network's snippets (venues, support services and group sessions), and
what the network adds to shared things: members' data files and what editors may change."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.coreutils import safe_snake_case
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from accounts.role_permissions import MANAGE
from accounts.roles import EDITORS
from portal.editor_shortcuts import SHORTCUTS_HOOK, Shortcut

from . import privacy_records
from .data_rights import group_data
from .models import GroupIndexPage, GroupSession, NewsIndexPage, SupportService, Venue
from .models.venues import CLOSURES_HEADING


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


class NetworkViewSetGroup(SnippetViewSetGroup):
    items = (VenueViewSet, SupportServiceViewSet, GroupSessionViewSet)
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
        EDITORS: {"network.venue": MANAGE, "network.supportservice": MANAGE, "network.groupsession": MANAGE}
    }


@hooks.register("register_privacy_records")
def privacy_records_from_groups():
    return privacy_records.records()


def closures_anchor():
    """The venue form's closures panel, by the id Wagtail gives a panel: made from its heading."""
    return f"#panel-{safe_snake_case(str(CLOSURES_HEADING))}-section"


@hooks.register(SHORTCUTS_HOOK)
def network_shortcuts(request):
    user = request.user
    shortcuts = []
    news = NewsIndexPage.objects.first()
    if news is not None and news.permissions_for_user(user).can_add_subpage():
        url = reverse("wagtailadmin_pages:add", args=("network", "newspage", news.pk))
        shortcuts.append(Shortcut(_("Write a news story"), url, order=10))
    if user.has_perm("network.change_venue"):
        # The places with a drop-in page: the ones whose hours and closures people look up.
        for venue in Venue.objects.filter(drop_in_pages__isnull=False).distinct():
            url = reverse("wagtailsnippets_network_venue:edit", args=(venue.pk,))
            shortcuts += [
                Shortcut(_("Change the opening hours at %(venue)s") % {"venue": venue}, url, order=20),
                Shortcut(
                    _("Add a closure day at %(venue)s") % {"venue": venue}, url + closures_anchor(), order=30
                ),
            ]
    groups = GroupIndexPage.objects.first()
    if groups is not None:
        permissions = groups.permissions_for_user(user)
        if permissions.can_edit() or permissions.can_add_subpage():
            url = reverse("wagtailadmin_explore", args=(groups.pk,))
            shortcuts.append(Shortcut(_("Peer groups"), url, order=40))
        if permissions.can_add_subpage():
            url = reverse("wagtailadmin_pages:add", args=("network", "grouppage", groups.pk))
            shortcuts.append(Shortcut(_("Add a peer group"), url, order=41))
    if user.has_perm("network.change_groupsession"):
        url = reverse("wagtailsnippets_network_groupsession:list")
        shortcuts.append(Shortcut(_("Cancel a group session"), url, order=42))
    return shortcuts
