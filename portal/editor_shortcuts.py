"""Shortcuts on the admin's dashboard to the jobs editors come to do.

Each app offers its own with the Wagtail hook `register_editor_shortcuts`: a function that takes
the request and returns `Shortcut`s, only those the person may use. The dashboard lists them all
in `order`, as plain links.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

SHORTCUTS_HOOK = "register_editor_shortcuts"


@dataclass(frozen=True)
class Shortcut:
    label: str
    url: str
    order: int = 100


def shortcuts_for(request):
    found = [shortcut for hook in hooks.get_hooks(SHORTCUTS_HOOK) for shortcut in hook(request)]
    return sorted(found, key=lambda shortcut: shortcut.order)


class EditorShortcutsPanel(Component):
    name = "editor_shortcuts"
    order = 10
    template_name = "portal/admin/editor_shortcuts.html"
    heading = _("What would you like to do?")

    def __init__(self, request):
        self.shortcuts = shortcuts_for(request)

    def get_context_data(self, parent_context):
        return {"heading": self.heading, "shortcuts": self.shortcuts}

    def render_html(self, parent_context=None):
        return super().render_html(parent_context) if self.shortcuts else ""
