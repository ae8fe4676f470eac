"""In the Wagtail admin: after an editor saves a venue whose closures fall on days a group meets
there, a message says how many sessions that reaches, with a link to a page that lists them
and cancels the ones the editor chooses (network/closures.py).

Registered from NetworkConfig.ready(), beside the app's other admin screens (wagtail_hooks.py).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from wagtail import hooks
from wagtail.admin import messages as admin_messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .closures import sessions_cancel_for_closure, sessions_hit_by_closures
from .models import Venue
from .services import SessionError

# Editors manage sessions in the admin (role permissions), and so may cancel them here.
PERMISSION = "network.change_groupsession"


@hooks.register("after_edit_snippet")
@hooks.register("after_create_snippet")
def closures_reach_sessions(request, instance):
    if not isinstance(instance, Venue) or not request.user.has_perm(PERMISSION):
        return
    hit = sessions_hit_by_closures(instance)
    if not hit:
        return
    admin_messages.warning(
        request,
        ngettext(
            "%(count)s group session is on a day %(venue)s is closed.",
            "%(count)s group sessions are on days %(venue)s is closed.",
            len(hit),
        )
        % {"count": len(hit), "venue": instance.name},
        buttons=[
            admin_messages.button(
                reverse("network_closure_sessions", args=[instance.pk]),
                _("See them and choose which to cancel"),
            )
        ],
    )


class ClosureSessionsView(WagtailAdminTemplateMixin, View):
    template_name = "network/admin/closure_sessions.html"
    header_icon = "date"
    http_method_names = ["get", "post"]

    def dispatch(self, request, pk):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        self.venue = get_object_or_404(Venue, pk=pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("Sessions on days %(venue)s is closed") % {"venue": self.venue.name}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailsnippets_network_venue:edit", args=[self.venue.pk]),
                "label": self.venue.name,
            },
            {"url": "", "label": _("Sessions on closed days")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            venue=self.venue,
            sessions=sessions_hit_by_closures(self.venue),
            venue_url=reverse("wagtailsnippets_network_venue:edit", args=[self.venue.pk]),
        )
        return context

    def get(self, request, pk):
        return self.render_to_response(self.get_context_data())

    def post(self, request, pk):
        try:
            cancelled = sessions_cancel_for_closure(venue=self.venue, session_ids=self._chosen_ids())
        except SessionError as error:
            return self.render_to_response(self.get_context_data(error=error.message), status=200)
        messages.success(
            request,
            ngettext(
                "%(count)s session is cancelled. Everyone with a place will get an email.",
                "%(count)s sessions are cancelled. Everyone with a place will get an email.",
                len(cancelled),
            )
            % {"count": len(cancelled)},
        )
        return redirect("network_closure_sessions", pk=self.venue.pk)

    def _chosen_ids(self):
        return [
            value for value in self.request.POST.getlist("session") if value.isdigit() and len(value) < 12
        ]


@hooks.register("register_admin_urls")
def closure_admin_urls():
    return [
        path(
            "closures/venues/<int:pk>/sessions/",
            ClosureSessionsView.as_view(),
            name="network_closure_sessions",
        )
    ]
