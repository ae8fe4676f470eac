"""Exports of a consultation's results or a meeting's agenda: CSV and JSON streamed at once, Excel
and PDF made in the background (then listed on the downloads page, and emailed about), and the
printable board pack. Every export is logged; files name a role, never a person."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from portal.permissions import rule_required

from .. import exports, services
from ..models import BoardMeeting, Consultation, ExportFormat, ExportLog, ExportStatus, ExportSubject
from ..rules import export_role_name
from .board import get_closed_consultation, get_meeting

FILE_FORMATS = (ExportFormat.XLSX, ExportFormat.PDF)


def _export(request, *, subject, obj, export_format, description):
    role = export_role_name(request.user)
    if export_format in exports.STREAMED:
        services.export_log_create(
            user=request.user, role=role, subject=subject, object_id=obj.pk, description=description,
            export_format=export_format, status=ExportStatus.SENT,
        )  # fmt: skip
        response = StreamingHttpResponse(
            exports.streamed(subject, obj, role, export_format),
            content_type=exports.CONTENT_TYPES[export_format],
        )
        filename = exports.filename_of(subject, obj)
        response["Content-Disposition"] = f'attachment; filename="{filename}.{export_format}"'
        return response
    if request.method != "POST":
        return render(
            request,
            "consultations/board/export_confirm.html",
            {"description": description, "export_format": export_format},
        )
    _log, is_new = services.export_file_request(
        user=request.user, role=role, subject=subject, object_id=obj.pk, description=description,
        export_format=export_format,
    )  # fmt: skip
    if is_new:
        messages.success(
            request,
            _("We are making your file. It will be listed here when it is ready, and we will email you."),
        )
    else:
        messages.info(request, _("We are already making that file. It will be listed here when it is ready."))
    return redirect("consultations:downloads")


def _check_format(export_format, allowed):
    if export_format not in allowed:
        raise Http404


@require_http_methods(["GET", "POST"])
@rule_required("consultations.export_consultation", get_closed_consultation)
def consultation_export(request, consultation, pk, export_format):
    _check_format(export_format, (ExportFormat.CSV, ExportFormat.JSON, ExportFormat.XLSX))
    return _export(
        request,
        subject=ExportSubject.CONSULTATION,
        obj=consultation,
        export_format=export_format,
        description=f"Consultation: {consultation.question}",
    )


@require_http_methods(["GET", "POST"])
@rule_required("consultations.manage_meeting", get_meeting)
def meeting_export(request, meeting, pk, export_format):
    _check_format(export_format, (ExportFormat.CSV, ExportFormat.JSON, ExportFormat.XLSX, ExportFormat.PDF))
    return _export(
        request,
        subject=ExportSubject.MEETING,
        obj=meeting,
        export_format=export_format,
        description=f"Agenda: {meeting}",
    )


@require_GET
@rule_required("consultations.manage_meeting", get_meeting)
def board_pack(request, meeting, pk):
    role = export_role_name(request.user)
    services.export_log_create(
        user=request.user, role=role, subject=ExportSubject.MEETING, object_id=meeting.pk,
        description=f"Agenda: {meeting}", export_format=ExportFormat.PACK, status=ExportStatus.SENT,
    )  # fmt: skip
    # A page made to be printed or saved names nobody, not even who printed it (the header's account link).
    context = {**exports.pack_context(meeting, role), "names_nobody": True}
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
    if log.subject == ExportSubject.CONSULTATION:
        consultation = Consultation.objects.select_related("board").filter(pk=log.object_id).first()
        return consultation is not None and user.has_perm("consultations.export_consultation", consultation)
    meeting = BoardMeeting.objects.select_related("board").filter(pk=log.object_id).first()
    return meeting is not None and user.has_perm("consultations.manage_meeting", meeting)


@require_GET
@rule_required("consultations.use_board_area")
def download(request, pk):
    log = get_object_or_404(ExportLog, pk=pk, user=request.user, status=ExportStatus.READY)
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
