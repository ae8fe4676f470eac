"""The attendance figures page and its files, for staff and board representatives
(network.see_attendance_figures). Thin: the period comes from the filter, the figures from
attendance_figures, the files from the shared export pipeline."""

import io

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from portal.exports.formats import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, csv_rows, write_xlsx
from portal.permissions import rule_required

from .attendance_chart import chart
from .attendance_exports import attendance_document
from .attendance_figures import HIDDEN_NOTE, NEW_MEMBERS_NOTE, Period, attendance_figures
from .filters import AttendanceFilter
from .models import GroupSession

FORMATS = ("csv", "xlsx")


def _chosen(request):
    period_filter = AttendanceFilter(request.GET or None, queryset=GroupSession.objects.none())
    first, last = period_filter.period(timezone.localdate())
    return period_filter, attendance_figures(Period(first, last))


@require_GET
@rule_required("network.see_attendance_figures")
def figures_page(request):
    period_filter, figures = _chosen(request)
    context = {
        "filter_form": period_filter.form,
        "figures": figures,
        "chart": chart(figures),
        "query": request.GET.urlencode(),
        "hidden_note": HIDDEN_NOTE,
        "new_members_note": NEW_MEMBERS_NOTE,
    }
    return render(request, "network/attendance_figures.html", context)


def role_name(user):
    return "Staff" if user.is_staff else "A board representative"


@require_GET
@rule_required("network.see_attendance_figures")
def figures_file(request, export_format):
    if export_format not in FORMATS:
        raise Http404
    _filter, figures = _chosen(request)
    document = attendance_document(figures, role_name(request.user))
    if export_format == "csv":
        response = StreamingHttpResponse(csv_rows(document), content_type=CSV_CONTENT_TYPE)
    else:
        # One row per group and month: small enough to make while the person waits.
        handle = io.BytesIO()
        write_xlsx(document, handle)
        response = HttpResponse(handle.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{document.filename}.{export_format}"'
    return response
