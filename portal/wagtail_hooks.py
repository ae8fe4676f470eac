from django.core.exceptions import PermissionDenied
from wagtail import hooks
from wagtail.models import Page, PageViewRestriction
from wagtail.permissions import register_permission_policy

from .admin_explorer import SiteHomePagePermissionPolicy
from .editor_shortcuts import EditorShortcutsPanel

register_permission_policy(Page, SiteHomePagePermissionPolicy())


@hooks.register("before_serve_page")
def refuse_signed_in_people_a_page_is_not_for(page, request, serve_args, serve_kwargs):
    """A page for chosen roles answers 403 to someone signed in without one of them. Wagtail would
    send them to sign in, and the sign-in page sends a signed-in person straight back home."""
    if not request.user.is_authenticated:
        return
    for restriction in page.get_view_restrictions():
        if restriction.restriction_type == PageViewRestriction.GROUPS and not restriction.accept_request(
            request
        ):
            raise PermissionDenied


@hooks.register("construct_page_action_menu")
def publish_first(menu_items, request, context):
    """Whoever may publish sees Publish as the main button, not under "More actions" (the way the
    Wagtail documentation shows). Everyone else keeps Wagtail's order."""
    for index, item in enumerate(menu_items):
        if item.name == "action-publish":
            menu_items.insert(0, menu_items.pop(index))
            return


@hooks.register("construct_homepage_panels")
def editor_shortcuts_first(request, panels):
    panels.insert(0, EditorShortcutsPanel(request))
