"""Staff manage consultations, the ready-written reasons for sending a priority back, partnership
boards and their meetings; they read the moderation and export records."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, SnippetViewSet, SnippetViewSetGroup

from accounts.role_permissions import MANAGE, VIEW
from accounts.roles import EDITORS
from portal.editor_shortcuts import SHORTCUTS_HOOK, Shortcut
from safeguarding.models import SourceKind
from safeguarding.sources import SOURCES_HOOK

from . import data_rights, privacy_records, retention
from .models import (
    Board,
    BoardMeeting,
    Consultation,
    ExportLog,
    ModerationLog,
    PriorityRevision,
    Report,
    ReturnReason,
)
from .services.meetings import AGENDA_PRIORITIES_CHANGED, MEETING_CANCELLED, MEETING_HELD


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Records nobody may add, change or delete in the admin, superusers included."""

    WRITE_ACTIONS = frozenset({"add", "change", "delete", "publish", "lock", "unlock"})

    def user_has_permission(self, user, action):
        return action not in self.WRITE_ACTIONS and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a not in self.WRITE_ACTIONS])


class StaffOnlyReadPermissionPolicy(ReadOnlyPermissionPolicy):
    """Read-only, and only for staff: the words a moderator took out are kept for safeguarding,
    and editors who are not staff (pages and news) have no reason to read them."""

    def user_has_permission(self, user, action):
        return user.is_active and user.is_staff and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(actions).filter(is_active=True, is_staff=True)


register_permission_policy(ModerationLog, ReadOnlyPermissionPolicy(ModerationLog))
register_permission_policy(PriorityRevision, StaffOnlyReadPermissionPolicy(PriorityRevision))
register_permission_policy(ExportLog, ReadOnlyPermissionPolicy(ExportLog))


class ConsultationDeleteView(DeleteView):
    """A consultation that people have posted to cannot go: their priorities, votes and the
    board's answers hang off it. Say so kindly instead of failing."""

    def get(self, request, *args, **kwargs):
        return self.refuse_if_in_use(request) or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refuse_if_in_use(request) or super().post(request, *args, **kwargs)

    def refuse_if_in_use(self, request):
        if not self.object.priorities.exists():
            return None
        messages.error(
            request,
            _(
                "This consultation has priorities posted to it, so it cannot be deleted. "
                "You can change its closing date instead."
            ),
        )
        return redirect(self.edit_url_name, self.object.pk)


NO_BOARD_WARNING = _(
    "“Results go to” is empty, so this consultation's results reach no board: no board "
    "representative will see them. Choose a partnership board for it."
)


def results_go_to(consultation):
    """The listing's marker: which board the results reach, or a warning that they reach none."""
    if consultation.board_id is None:
        return _("No board: the results reach nobody")
    return consultation.board.name


class ConsultationViewSet(SnippetViewSet):
    model = Consultation
    delete_view_class = ConsultationDeleteView
    icon = "help"
    menu_label = _("Consultations")
    list_display = [
        "question",
        "opens_at",
        "closes_at",
        "state_label",
        Column("results_go_to", label=_("Results go to"), accessor=results_go_to),
    ]
    search_fields = ["question"]

    def get_queryset(self, request):
        return Consultation.objects.select_related("board")


class ReturnReasonViewSet(SnippetViewSet):
    model = ReturnReason
    icon = "mail"
    menu_label = _("Reasons for sending back")
    list_display = ["title", "sort_order"]


class ModerationLogViewSet(SnippetViewSet):
    """Read-only record of every moderation action: who, when, why."""

    model = ModerationLog
    icon = "history"
    menu_label = _("Moderation log")
    list_display = ["priority", "action", "actor", "created_at"]
    list_filter = ["action"]
    inspect_view_enabled = True
    copy_view_enabled = False


class PriorityRevisionViewSet(SnippetViewSet):
    """The words as they were before a moderator edited out personal details (safeguarding)."""

    model = PriorityRevision
    icon = "lock"
    menu_label = _("Edited words (safeguarding)")
    list_display = ["priority", "edited_by", "edited_at"]
    inspect_view_enabled = True
    copy_view_enabled = False

    def register_chooser_viewset(self):
        # Nothing picks these records from a list, and Wagtail's chooser checks no permission:
        # it would show editors who are not staff the words a moderator took out.
        pass


class ConsultationsGroup(SnippetViewSetGroup):
    items = (ConsultationViewSet, ReturnReasonViewSet, ModerationLogViewSet, PriorityRevisionViewSet)
    menu_icon = "help"
    menu_label = _("Consultations")
    menu_name = "consultations"


register_snippet(ConsultationsGroup)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def warn_when_results_reach_no_board(request, instance):
    if isinstance(instance, Consultation) and instance.board_id is None:
        messages.warning(request, NO_BOARD_WARNING)


@hooks.register("register_log_actions")
def board_log_actions(actions):
    """The names the meeting's history shows for what representatives do in the board area."""
    actions.register_action(MEETING_HELD, _("Mark as held"), _("Marked as held"))
    actions.register_action(MEETING_CANCELLED, _("Cancel"), _("Cancelled"))
    actions.register_action(
        AGENDA_PRIORITIES_CHANGED,
        _("Change an agenda item's priorities"),
        _("Agenda item's priorities changed"),
    )


class BoardViewSet(SnippetViewSet):
    model = Board
    icon = "group"
    menu_label = _("Partnership boards")
    list_display = ["name"]
    search_fields = ["name"]


class BoardMeetingViewSet(SnippetViewSet):
    """Meetings. A board's representatives add them, change them and mark them held or cancelled
    in the board area on the site (consultations/views/meetings.py); staff can do the same here.
    Both are logged in the meeting's history."""

    model = BoardMeeting
    icon = "date"
    menu_label = _("Board meetings")
    list_display = ["board", "starts_at", "place", "status"]
    list_filter = ["board", "status"]


class ExportLogViewSet(SnippetViewSet):
    """Read-only record of every export: who, what, format, when."""

    model = ExportLog
    icon = "download"
    menu_label = _("Export record")
    list_display = ["description", "format", "role", "user", "status", "created_at"]
    list_filter = ["format", "subject", "status"]
    inspect_view_enabled = True
    copy_view_enabled = False


class BoardGroup(SnippetViewSetGroup):
    items = (BoardViewSet, BoardMeetingViewSet, ExportLogViewSet)
    menu_icon = "group"
    menu_label = _("Partnership board")
    menu_name = "partnership-board"


register_snippet(BoardGroup)


@hooks.register("register_member_data")
def member_data_from_consultations(user):
    return data_rights.member_data(user)


@hooks.register("register_role_permissions")
def role_permissions():
    return {
        EDITORS: {
            "consultations.consultation": MANAGE,
            "consultations.returnreason": MANAGE,
            "consultations.moderationlog": VIEW,
            "consultations.priorityrevision": VIEW,
            "consultations.board": MANAGE,
            "consultations.boardmeeting": MANAGE,
            "consultations.exportlog": VIEW,
        }
    }


@hooks.register("register_privacy_records")
def privacy_records_from_consultations():
    return privacy_records.records()


@hooks.register("register_retention_steps")
def retention_steps_from_consultations():
    return retention.steps()


def _moderate_url(priority_id):
    return reverse("consultations:moderate", args=[priority_id])


def _reported_priority_url(report_id):
    priority_id = Report.objects.filter(pk=report_id).values_list("priority_id", flat=True).first()
    return _moderate_url(priority_id) if priority_id else None


@hooks.register(SOURCES_HOOK)
def safeguarding_sources():
    return {
        SourceKind.PRIORITY: _moderate_url,
        SourceKind.PRIORITY_EDIT: _moderate_url,
        SourceKind.REPORT: _reported_priority_url,
    }


@hooks.register(SHORTCUTS_HOOK)
def consultation_shortcuts(request):
    user = request.user
    shortcuts = []
    if user.has_perm("consultations.change_consultation"):
        url = reverse("wagtailsnippets_consultations_consultation:list")
        shortcuts.append(Shortcut(_("Consultations"), url, order=50))
    if user.has_perm("consultations.add_consultation"):
        url = reverse("wagtailsnippets_consultations_consultation:add")
        shortcuts.append(Shortcut(_("Start a new consultation"), url, order=51))
    if user.has_perm("consultations.moderate"):
        shortcuts.append(Shortcut(_("Moderation queue"), reverse("consultations:moderation_queue"), order=60))
    return shortcuts
