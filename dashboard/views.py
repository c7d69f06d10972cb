"""The officials' pages: the zone overview, 'my work' and the 调度周报 and 月报 (page, Word and PDF)."""

import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.encoding import escape_uri_path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.roles import view_required
from lib.formatting import WAN, yuan_in_yi

from . import documents, reports, selectors


@require_GET
@view_required
def overview(request):
    data = selectors.overview()
    return render(request, "dashboard/overview.html", {**data, "charts": _overview_charts(data)})


def _overview_charts(data) -> dict:
    projects, lag, annual = data["projects"], data["lag"], data["annual"]
    return {
        "industry": {"type": "bars", "unit": _("100 million yuan"), "rows": [
            {"label": name, "value": float(yuan_in_yi(amount))} for _code, name, amount in projects["by_industry"]
        ]},
        "funnel": {"type": "funnel", "rows": [
            {"label": str(stage.label), "value": count} for stage, count in projects["by_stage"]
        ]},
        "trend": {"type": "trend", "rows": lag["trend"],
                  "labels": {"lagging": _("Lagging projects"), "red": _("Red")}},
        "annual": {"type": "investment", "unit": _("ten thousand yuan"), "rows": [
            {"month": row["month"], "completed": None, "cumulative": float(row["completed"] / WAN),
             "expected": float(row["expected"] / WAN) if row["expected"] is not None else None}
            for row in annual["rows"]
        ], "labels": {"completed": _("Completed in the month"), "cumulative": _("Completed this year"),
                      "expected": _("Expected by the plan (序时进度)"), "month": _("Month")}},
    }


@require_GET
@view_required
def me(request):
    data = selectors.my_work(request.user)
    return render(request, "dashboard/me.html", data)


def _report_or_error(request, kind):
    """The report of the period the query asks for (this week, last month by default), or the reason it cannot be."""
    today = timezone.localdate()
    try:
        if kind == reports.WEEKLY:
            start, end = reports.weekly_period(request.GET.get("date"), today)
        else:
            start, end = reports.monthly_period(request.GET.get("month"), today)
    except reports.PeriodError as error:
        return None, str(error)
    return reports.report_build(kind, start, end, today=today), None


def _report_page(request, kind):
    report, error = _report_or_error(request, kind)
    if error:
        messages.error(request, error)
        return redirect(request.path)
    step = datetime.timedelta(days=7 if kind == reports.WEEKLY else 1)
    if kind == reports.WEEKLY:
        previous, following = {"date": (report.start - step).isoformat()}, {"date": (report.start + step).isoformat()}
    else:
        previous = {"month": (report.start - step).strftime("%Y-%m")}
        following = {"month": (report.end + step).strftime("%Y-%m")}
    return render(request, "dashboard/report.html", {
        "report": report, "query": request.GET.urlencode(),
        "previous": urlencode(previous), "next": urlencode(following) if report.end < report.issued_on else "",
        "month_value": report.start.strftime("%Y-%m"),
    })


@require_GET
@view_required
def weekly_report(request):
    return _report_page(request, reports.WEEKLY)


@require_GET
@view_required
def monthly_report(request):
    return _report_page(request, reports.MONTHLY)


@require_GET
@view_required
def report_download(request, kind, fmt):
    """The report as a .docx or a PDF: the same content as its page."""
    report, error = _report_or_error(request, kind)
    if error:
        return HttpResponseBadRequest(error, content_type="text/plain; charset=utf-8")
    if fmt == "pdf":
        try:
            body, content_type = documents.pdf_bytes(report), "application/pdf"
        except documents.FontMissing as missing:
            return HttpResponse(str(missing), status=503, content_type="text/plain; charset=utf-8")
    else:
        body = documents.docx_bytes(report)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(report.filename)}.{fmt}"
    return response
