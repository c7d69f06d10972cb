"""Reads for the zone overview, 'my work' and the reports (dashboard.reports): one query per figure group."""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Case, Count, DecimalField, F, IntegerField, Max, OuterRef, Q, Subquery, Sum, When
from django.utils import timezone

from alerts.models import Alert, AlertScan, Severity, SubjectType
from enterprises.industries import division_names
from enterprises.models import Person
from lib.figures import cached_figures
from meetings.models import FollowUp, Meeting
from projects import schedule
from projects.models import AnnualPlan, Capacity, InvestmentReport, Phase, Problem, Project
from projects.selectors import expected_percent, projects_for_person

TREND_WEEKS = 12
REPORT_ROWS = 300
AGE_BUCKETS = ((0, 30), (30, 90), (90, None))
MONEY_SUM = DecimalField(max_digits=20, decimal_places=2)


def week_bounds(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    monday = today - datetime.timedelta(days=today.weekday())
    return monday, monday + datetime.timedelta(days=6)


def project_breakdown() -> dict:
    """Projects and investment by stage, by category and by industry, from one grouped query."""
    # Each project's phase total is a subquery summed with the rest, so phases cost no query of their own.
    phases = Phase.objects.filter(project=OuterRef("pk")).order_by().values("project").annotate(s=Sum("investment"))
    rows = Project.objects.values("stage", "category", "industry_code__division").annotate(
        n=Count("pk"), investment=Sum("total_investment"),
        phase_investment=Sum(Subquery(phases.values("s")[:1], output_field=MONEY_SUM)),
    ).order_by()
    by_stage, by_category, by_industry = defaultdict(int), defaultdict(int), defaultdict(Decimal)
    total, count, phase_total = Decimal(0), 0, Decimal(0)
    for row in rows:
        phase_total += row["phase_investment"] or 0
        by_stage[row["stage"]] += row["n"]
        by_category[row["category"]] += row["n"]
        by_industry[row["industry_code__division"] or ""] += row["investment"] or 0
        total += row["investment"] or 0
        count += row["n"]
    return {
        "count": count, "total_investment": total, "phase_investment": phase_total,
        "by_stage": [(stage, by_stage.get(stage.value, 0)) for stage in Project.Stage],
        "by_category": [(category, by_category.get(category.value, 0)) for category in Project.Category],
        "by_industry": _named_industries(sorted(by_industry.items(), key=lambda item: -item[1])),
    }


def _named_industries(rows: list[tuple[str, Decimal]]) -> list[tuple[str, str, Decimal]]:
    """(GB/T 4754 division code, its name, amount); projects without a code come as ("", "—", amount)."""
    names = division_names()
    return [(code, names.get(code, "—") if code else "—", amount) for code, amount in rows]


def capacity_by_industry() -> list[dict]:
    """Designed capacity by GB/T 4754 division and product: only like is added to like (same product, same unit).

    A capacity whose product is not recorded is shown on its own, under its project, never added to another.
    """
    # One grouped query: rows with a product group by it; rows without one group by their project alone.
    alone = Case(When(product="", then=F("project_id")), default=None, output_field=IntegerField())
    rows = list(
        Capacity.objects.annotate(industry=F("project__industry_code__division"))
        .values("industry", "product", "unit").annotate(project_id=alone)
        .annotate(total=Sum("value"), projects=Count("project", distinct=True), project__name=Max("project__name"))
        .order_by("industry", "product", "project__name", "unit")
    )
    names = division_names()
    for row in rows:
        row["industry_name"] = names.get(row["industry"], "—")
    return rows


class _Constant(Subquery):
    """A subquery that reads no row of the outer query: aggregate() may select it beside the counts."""

    contains_aggregate = True


def lag_figures(today: datetime.date) -> dict:
    """Lagging projects and milestones now, and lagging projects at the end of each of the last weeks."""
    open_alerts = Q(resolved_at__isnull=True)
    milestone = Q(subject_type=SubjectType.MILESTONE)
    aggregates = {
        "lagging_projects": Count("project", distinct=True, filter=open_alerts),
        "red_projects": Count("project", distinct=True, filter=open_alerts & Q(severity=Severity.RED)),
        "red_milestones": Count("pk", filter=open_alerts & milestone & Q(severity=Severity.RED)),
        "yellow_milestones": Count("pk", filter=open_alerts & milestone & Q(severity=Severity.YELLOW)),
    }
    week_ends = [today - datetime.timedelta(weeks=k) for k in range(TREND_WEEKS - 1, -1, -1)]
    for index, day in enumerate(week_ends):
        moment = datetime.datetime.combine(day, datetime.time.max, tzinfo=timezone.get_current_timezone())
        open_then = Q(first_flagged__lte=moment) & (Q(resolved_at__isnull=True) | Q(resolved_at__gt=moment))
        aggregates[f"lagging_{index}"] = Count("project", distinct=True, filter=open_then)
        aggregates[f"red_{index}"] = Count("project", distinct=True, filter=open_then & Q(severity=Severity.RED))
    # When the scan behind these figures ran, read in the same query (a page's query budget is tight).
    aggregates["last_scan"] = _Constant(AlertScan.objects.order_by("-moment").values("moment")[:1])
    figures = Alert.objects.lag().aggregate(**aggregates)
    figures["yellow_projects"] = figures["lagging_projects"] - figures["red_projects"]
    figures["trend"] = [
        {"label": f"{day.month}/{day.day}", "lagging": figures.pop(f"lagging_{i}"), "red": figures.pop(f"red_{i}")}
        for i, day in enumerate(week_ends)
    ]
    return figures


def problem_figures(today: datetime.date) -> dict:
    """Open problems by category and by age (days since raised)."""
    aggregates = {"open": Count("pk"), "overdue": Count("pk", filter=Q(due_date__lt=today))}
    for low, high in AGE_BUCKETS:
        condition = Q(raised_on__lte=today - datetime.timedelta(days=low))
        if high is not None:
            condition &= Q(raised_on__gt=today - datetime.timedelta(days=high))
        aggregates[f"age_{low}"] = Count("pk", filter=condition)
    rows = list(Problem.objects.open().values("category", "category__name", "category__order").annotate(**aggregates)
                .order_by("category__order", "category__name"))
    return {
        "rows": rows,
        "open": sum(r["open"] for r in rows),
        "overdue": sum(r["overdue"] for r in rows),
        "ages": [(low, high, sum(r[f"age_{low}"] for r in rows)) for low, high in AGE_BUCKETS],
    }


def follow_up_figures(today: datetime.date) -> dict:
    monday, sunday = week_bounds(today)
    return FollowUp.objects.open().aggregate(
        due_this_week=Count("pk", filter=Q(due_date__gte=monday, due_date__lte=sunday)),
        overdue=Count("pk", filter=Q(due_date__lt=today)),
    )


def visit_count(today: datetime.date, days: int = 30) -> int:
    return Meeting.objects.filter(date__gt=today - datetime.timedelta(days=days), date__lte=today).count()


def annual_investment(today: datetime.date) -> dict:
    """This year's investment completed by month against the plan's 序时进度 (month/12 of the annual plan)."""
    plan = AnnualPlan.objects.filter(year=today.year).aggregate(total=Sum("planned_investment"))["total"]
    by_month = dict(
        InvestmentReport.objects.filter(year=today.year, month__lte=today.month).values("month")
        .annotate(total=Sum("amount")).order_by().values_list("month", "total")
    )
    rows, cumulative = [], Decimal(0)
    for month in range(1, today.month + 1):
        cumulative += by_month.get(month) or 0
        expected = schedule.expected_investment(plan, month) if plan else None
        rows.append({"month": month, "completed": cumulative, "expected": expected})
    return {"plan": plan, "completed": cumulative, "rows": rows,
            "expected": rows[-1]["expected"] if rows else None}


def overview(today: datetime.date | None = None) -> dict:
    """The zone's figures, computed once per day and state of the data (lib.figures)."""
    today = today or timezone.localdate()
    return cached_figures(f"overview:{today.isoformat()}", lambda: _overview(today))


def _overview(today: datetime.date) -> dict:
    return {
        "today": today,
        "projects": project_breakdown(),
        "capacities": capacity_by_industry(),
        "lag": lag_figures(today),
        "problems": problem_figures(today),
        "follow_ups": follow_up_figures(today),
        "visits": visit_count(today),
        "annual": annual_investment(today),
    }


def my_work(user) -> dict:
    """For 'my work': the projects a person is assigned to, and the follow-ups and problems they own."""
    person = Person.objects.filter(user=user).first()
    today = timezone.localdate()
    projects = list(projects_for_person(person)) if person else []
    for project in projects:
        project.expected = expected_percent(project, today)
    owner = Q(owner_user=user) | (Q(owner_person=person) if person else Q(pk__in=[]))
    follow_ups = list(
        FollowUp.objects.open().filter(owner)
        .select_related("requirement__project", "problem__project", "owner_unit").order_by("due_date", "pk")[:200]
    )
    problem_owner = Q(created_by=user) | (Q(owner_person=person) if person else Q(pk__in=[]))
    problems = list(
        Problem.objects.open().filter(problem_owner).select_related("project", "category", "owner_unit")
        .order_by("due_date", "pk")[:200]
    )
    return {"person": person, "projects": projects, "follow_ups": follow_ups, "problems": problems, "today": today}

