"""The officials' pages: the zone overview, 'my work' and the printable weekly report (调度周报)."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.roles import Role, role_of, view_required
from lib.formatting import WAN, yuan_in_yi

from . import selectors


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
    return render(request, "dashboard/me.html", {**data, "is_official": role_of(request.user) == Role.OFFICIAL})


@require_GET
@view_required
def weekly_report(request):
    return render(request, "dashboard/weekly_report.html", selectors.weekly_report())
