"""The network's shortcuts on the admin's dashboard (portal/editor_shortcuts.py): its news, the
hours and closures of each drop-in venue, its peer groups and their sessions, for whoever may
change them; and the groups' attendance figures, for whoever may see them."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import safe_snake_case

from portal.editor_shortcuts import Shortcut

from .models import GroupIndexPage, NewsIndexPage, Venue
from .models.venues import CLOSURES_HEADING


def closures_anchor():
    """The venue form's closures panel, by the id Wagtail gives a panel: made from its heading."""
    return f"#panel-{safe_snake_case(str(CLOSURES_HEADING))}-section"


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
    if user.has_perm("network.see_attendance_figures"):
        shortcuts.append(
            Shortcut(_("Attendance at peer groups"), reverse("network:attendance_figures"), order=43)
        )
    return shortcuts
