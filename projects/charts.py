"""Data for the project page's charts (drawn by static/js/charts.js; the page shows the same as tables)."""

from decimal import Decimal

from django.utils.translation import gettext as _

from lib.formatting import WAN

from . import schedule


def _iso(value):
    return value.isoformat() if value else None


def milestone_chart(page) -> dict:
    """挂图作战: planned, baseline and actual date of every milestone, with today's line."""
    today = page.today
    return {
        "type": "milestones",
        "today": today.isoformat(),
        "labels": {"planned": _("Planned"), "actual": _("Actual"), "baseline": _("Baseline"), "today": _("Today"),
                   "overdue": _("Overdue")},
        "rows": [
            {
                "name": m.name, "planned": _iso(m.planned_date), "actual": _iso(m.actual_date),
                "baseline": _iso(m.baseline_date), "overdue": m.actual_date is None and m.planned_date < today,
            }
            for m in page.milestones
        ],
    }


def progress_chart(page) -> dict:
    """Reported progress against 序时进度 (expected progress) on each report date and today."""
    project = page.project
    start = project.actual_start or project.planned_start
    finish = project.planned_production
    today = page.today
    points = []
    dates = sorted({r.date for r in page.progress} | ({start, today, finish} if start and finish else set()))
    reported = {r.date: r.percent_complete for r in page.progress if r.percent_complete is not None}
    for day in dates:
        expected = schedule.expected_progress(start, finish, day) if start and finish else None
        points.append({
            "date": day.isoformat(),
            "expected": float(round(expected, 1)) if expected is not None else None,
            "reported": float(reported[day]) if day in reported else None,
        })
    return {
        "type": "progress", "today": today.isoformat(), "rows": points,
        "labels": {"expected": _("Expected progress (序时进度)"), "reported": _("Reported progress"),
                   "today": _("Today")},
    }


def investment_chart(page) -> dict:
    """This year's investment by month: completed, cumulative, and what the annual plan expects by then."""
    plan = page.annual_plan
    by_month = page.investment
    last_month = page.today.month
    rows, total = [], Decimal(0)
    for month in range(1, last_month + 1):
        amount = by_month.get(month, Decimal(0))
        total += amount
        rows.append({
            "month": month,
            "completed": float(amount / WAN),
            "cumulative": float(total / WAN),
            "expected": float(schedule.expected_investment(plan, month) / WAN) if plan is not None else None,
        })
    return {
        "type": "investment", "rows": rows, "unit": _("ten thousand yuan"),
        "labels": {"completed": _("Completed in the month"), "cumulative": _("Completed this year"),
                   "expected": _("Expected by the plan"), "month": _("Month")},
    }
