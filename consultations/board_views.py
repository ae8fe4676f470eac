"""The board area (representatives of a board and staff), exports and "You said, we did" (public).

Thin views, as in views.py: the rules decide, services write, selectors read.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.page_cache import cache_public_response
from portal.permissions import rule_required

from . import exports, selectors, services, tasks
from .forms import AgendaItemForm, BoardResponseForm, ResponseFilterForm, ShortlistForm
from .models import (
    EXPORT_CSV,
    EXPORT_JSON,
    EXPORT_OF_CONSULTATION,
    EXPORT_OF_MEETING,
    EXPORT_PACK,
    EXPORT_PDF,
    EXPORT_QUEUED,
    EXPORT_READY,
    EXPORT_SENT,
    EXPORT_XLSX,
    MEETING_HELD,
    MEETING_PLANNED,
    AgendaItem,
    BoardMeeting,
    Consultation,
    ExportLog,
)
from .rules import export_role_name
from .taken_down import hide_taken_down

STREAMED_FORMATS = {EXPORT_CSV: exports.csv_rows, EXPORT_JSON: exports.json_chunks}
FILE_FORMATS = (EXPORT_XLSX, EXPORT_PDF)


def get_meeting(pk):
    return get_object_or_404(BoardMeeting.objects.select_related("board"), pk=pk)


def get_item(pk):
    """The agenda item, showing neutral words over anything a moderator took down."""
    item = get_object_or_404(
        AgendaItem.objects.select_related("meeting__board").prefetch_related("priorities"), pk=pk
    )
    return hide_taken_down([item])[0]


def get_closed_consultation(pk):
    return get_object_or_404(Consultation.objects.select_related("board"), pk=pk)


def _posted(request):
    """The form data of a POST, even an empty one (`request.POST or None` would leave it unbound)."""
    return request.POST if request.method == "POST" else None


def _meeting_of(item):
    return item.meeting


# The board area


@require_GET
@rule_required("consultations.use_board_area")
def board_home(request):
    return render(request, "consultations/board/home.html", {"boards": selectors.boards_for(request.user)})


@require_GET
@rule_required("consultations.export_consultation", get_closed_consultation)
def board_consultation(request, consultation, pk):
    ranked, figures = selectors.results_for(consultation)
    return render(
        request,
        "consultations/board/consultation.html",
        {
            "consultation": consultation,
            "ranked": ranked,
            "figures": figures,
            "tie_break": selectors.TIE_BREAK_EXPLANATION,
            "meetings": consultation.board.meetings.filter(status=MEETING_PLANNED)
            if consultation.board
            else [],
        },
    )


@require_GET
@rule_required("consultations.manage_meeting", get_meeting)
def meeting_detail(request, meeting, pk):
    items = selectors.agenda_for(meeting)
    return render(
        request,
        "consultations/board/meeting.html",
        {
            "meeting": meeting,
            "items": items,
            "has_hidden": any(
                priority.total_votes is None
                for item in items
                for priority in item.shown_priorities
                if not priority.is_taken_down
            ),
            "can_change": meeting.status == MEETING_PLANNED,
            "can_respond": meeting.status == MEETING_HELD,
            "consultations": meeting.board.consultations.filter(closes_at__lte=timezone.now()).order_by(
                "-closes_at"
            ),
        },
    )


def _chosen_consultation(request, meeting):
    """The board's closed consultation named in the request, or None (an unknown id is ignored)."""
    raw = request.POST.get("consultation") or request.GET.get("consultation") or ""
    if not raw.isdecimal() or len(raw) > 18:
        return None
    return Consultation.objects.filter(
        pk=int(raw), board=meeting.board, closes_at__lte=timezone.now()
    ).first()


@require_http_methods(["GET", "POST"])
@rule_required("consultations.manage_meeting", get_meeting)
def shortlist(request, meeting, pk):
    if meeting.status != MEETING_PLANNED:
        messages.info(
            request, _("This meeting has already happened or was cancelled, so its agenda cannot change.")
        )
        return redirect("consultations:meeting", pk=meeting.pk)
    consultation = _chosen_consultation(request, meeting)
    if consultation is None:
        consultations = meeting.board.consultations.filter(closes_at__lte=timezone.now()).order_by(
            "-closes_at"
        )
        if request.method == "POST" or "consultation" in request.GET:
            messages.info(request, _("Choose one of the board's closed consultations."))
        return render(
            request,
            "consultations/board/choose_consultation.html",
            {"meeting": meeting, "consultations": consultations},
        )
    candidates = selectors.shortlist_candidates(consultation, meeting)
    form = ShortlistForm(_posted(request), candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.agenda_item_create(
                meeting=meeting,
                priority_ids=[p.pk for p in form.cleaned_data["priorities"]],
                title=form.cleaned_data["title"],
                summary=form.cleaned_data["summary"],
            )
        except services.ConsultationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("“%(title)s” is on the agenda.") % {"title": item.title})
            return redirect("consultations:meeting", pk=meeting.pk)
    return render(
        request,
        "consultations/board/shortlist.html",
        {"meeting": meeting, "consultation": consultation, "form": form, "candidates": candidates},
    )


@require_http_methods(["GET", "POST"])
@rule_required("consultations.manage_meeting", get_item, _meeting_of)
def agenda_item_edit(request, item, pk):
    form = AgendaItemForm(_posted(request), initial={"title": item.title, "summary": item.summary})
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_update(item=item, **form.cleaned_data)
        except services.ConsultationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Agenda item saved."))
            return redirect("consultations:meeting", pk=item.meeting_id)
    return render(request, "consultations/board/agenda_item_form.html", {"item": item, "form": form})


def _agenda_action(request, item, action, success):
    try:
        action()
    except services.ConsultationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect(reverse("consultations:meeting", args=[item.meeting_id]) + "#agenda")


@require_POST
@rule_required("consultations.manage_meeting", get_item, _meeting_of)
def agenda_item_move(request, item, pk):
    direction = request.POST.get("direction", "")
    return _agenda_action(
        request,
        item,
        lambda: services.agenda_reorder(item=item, direction=direction),
        _("Moved “%(title)s”.") % {"title": item.title},
    )


@require_POST
@rule_required("consultations.manage_meeting", get_item, _meeting_of)
def agenda_item_remove(request, item, pk):
    return _agenda_action(
        request,
        item,
        lambda: services.agenda_item_remove(item=item),
        _("“%(title)s” is off the agenda. Its priorities can be shortlisted again.") % {"title": item.title},
    )


@require_http_methods(["GET", "POST"])
@rule_required("consultations.manage_meeting", get_item, _meeting_of)
def response_record(request, item, pk):
    response = getattr(item, "response", None)
    initial = (
        {"status": response.status, "responsible": response.responsible, "due_by": response.due_by}
        if response
        else {}
    )
    form = BoardResponseForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.board_response_record(item=item, user=request.user, **form.cleaned_data)
        except services.ConsultationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Saved. Members who took part will get an email to say the board has responded."),
            )
            return redirect("consultations:meeting", pk=item.meeting_id)
    updates = response.updates.all() if response else []
    return render(
        request,
        "consultations/board/response_form.html",
        {
            "item": item,
            "form": form,
            "response": response,
            "updates": updates,
            "can_respond": item.meeting.status == MEETING_HELD,
        },
    )


# Exports


def _export(request, *, subject, obj, export_format, description):
    role = export_role_name(request.user)
    if export_format in STREAMED_FORMATS:
        document = exports.document_for(subject, obj.pk, role)
        services.export_log_create(
            user=request.user, role=role, subject=subject, object_id=obj.pk, description=description,
            export_format=export_format, status=EXPORT_SENT,
        )  # fmt: skip
        response = StreamingHttpResponse(
            STREAMED_FORMATS[export_format](document), content_type=exports.CONTENT_TYPES[export_format]
        )
        response["Content-Disposition"] = f'attachment; filename="{document.filename}.{export_format}"'
        return response
    if request.method != "POST":
        return render(
            request,
            "consultations/board/export_confirm.html",
            {"description": description, "export_format": export_format},
        )
    log = services.export_log_create(
        user=request.user, role=role, subject=subject, object_id=obj.pk, description=description,
        export_format=export_format, status=EXPORT_QUEUED,
    )  # fmt: skip
    tasks.make_export_file.enqueue(log.pk)
    messages.success(
        request, _("We are making your file. It will be listed here when it is ready, and we will email you.")
    )
    return redirect("consultations:downloads")


def _check_format(export_format, allowed):
    if export_format not in allowed:
        raise Http404


@require_http_methods(["GET", "POST"])
@rule_required("consultations.export_consultation", get_closed_consultation)
def consultation_export(request, consultation, pk, export_format):
    _check_format(export_format, (EXPORT_CSV, EXPORT_JSON, EXPORT_XLSX))
    return _export(
        request,
        subject=EXPORT_OF_CONSULTATION,
        obj=consultation,
        export_format=export_format,
        description=f"Consultation: {consultation.question}",
    )


@require_http_methods(["GET", "POST"])
@rule_required("consultations.manage_meeting", get_meeting)
def meeting_export(request, meeting, pk, export_format):
    _check_format(export_format, (EXPORT_CSV, EXPORT_JSON, EXPORT_XLSX, EXPORT_PDF))
    return _export(
        request,
        subject=EXPORT_OF_MEETING,
        obj=meeting,
        export_format=export_format,
        description=f"Agenda: {meeting}",
    )


@require_GET
@rule_required("consultations.manage_meeting", get_meeting)
def board_pack(request, meeting, pk):
    role = export_role_name(request.user)
    services.export_log_create(
        user=request.user, role=role, subject=EXPORT_OF_MEETING, object_id=meeting.pk,
        description=f"Agenda: {meeting}", export_format=EXPORT_PACK, status=EXPORT_SENT,
    )  # fmt: skip
    context = exports.pack_context(meeting, role)
    return render(request, "consultations/board/pack.html", context)


@require_GET
@rule_required("consultations.use_board_area")
def downloads(request):
    logs = ExportLog.objects.filter(user=request.user, format__in=FILE_FORMATS).order_by(
        "-created_at", "-pk"
    )[:20]
    return render(
        request,
        "consultations/board/downloads.html",
        {"logs": logs, "retention_days": settings.EXPORT_RETENTION_DAYS},
    )


def _still_allowed(user, log):
    if log.subject == EXPORT_OF_CONSULTATION:
        consultation = Consultation.objects.select_related("board").filter(pk=log.object_id).first()
        return consultation is not None and user.has_perm("consultations.export_consultation", consultation)
    meeting = BoardMeeting.objects.select_related("board").filter(pk=log.object_id).first()
    return meeting is not None and user.has_perm("consultations.manage_meeting", meeting)


@require_GET
@rule_required("consultations.use_board_area")
def download(request, pk):
    log = get_object_or_404(ExportLog, pk=pk, user=request.user, status=EXPORT_READY)
    if not _still_allowed(request.user, log):
        raise PermissionDenied
    if not log.file or not log.file.storage.exists(log.file.name):
        raise Http404
    return FileResponse(
        log.file.open("rb"),
        as_attachment=True,
        filename=log.file.name.rsplit("/", 1)[-1],
        content_type=exports.CONTENT_TYPES[log.format],
    )


# "You said, we did", for everyone


@require_GET
@cache_public_response
def you_said_we_did(request):
    theme_names = selectors.response_theme_names()
    status, theme, dropped = (
        ResponseFilterForm(request.GET, theme_names=theme_names).filters()
        if request.GET
        else (None, None, False)
    )
    # Shown unbound, with what was used: a dropped choice is mentioned once, not shown as an error.
    form = ResponseFilterForm(theme_names=theme_names, initial={"status": status or "", "theme": theme or ""})
    paginator = Paginator(
        selectors.public_responses(status=status, theme=theme), selectors.RESPONSE_PAGE_SIZE
    )
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "consultations/you_said_we_did.html",
        {
            "form": form,
            "page": page,
            "responses": selectors.shown_responses(page.object_list),
            "dropped": dropped,
            "status": status,
            "theme": theme,
        },
    )


class ResponsesFeed(Feed):
    title = "You said, we did: the partnership board's responses"
    description = "What the partnership board did about the priorities network members raised."

    def link(self):
        return reverse("consultations:you_said_we_did")

    def items(self):
        return selectors.shown_responses(selectors.public_responses()[:20])

    def item_title(self, response):
        return f"{response.get_status_display()}: {response.agenda_item.title}"

    def item_description(self, response):
        return response.explanation

    def item_link(self, response):
        return reverse("consultations:you_said_we_did") + f"#response-{response.pk}"

    def item_pubdate(self, response):
        return response.recorded_at

    def item_updateddate(self, response):
        return response.updated_at
