"""The lag rules, each a function of a day and the thresholds.

Every rule returns a queryset of its subjects (milestones, phases, projects, problems or follow-ups)
that break it on `today`, annotated with `alert_subject`, `alert_project` and `alert_severity`. The
scan (alerts/services.py) turns these querysets into INSERT … SELECT and UPDATE … WHERE statements,
so the database does the work whatever the number of rows; a test or the shell can also just list them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import (
    Case,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Abs, Cast, Coalesce
from django.utils import timezone

from meetings.models import FollowUp, Meeting
from projects.models import InvestmentReport, Milestone, Phase, Problem, ProgressReport, Project

from .models import AlertSettings, Rule, Severity, SubjectType

YELLOW, RED = Value(Severity.YELLOW.value), Value(Severity.RED.value)
STALE_STAGES = [Project.Stage.CONSTRUCTION, Project.Stage.INSTALLATION]
FINISHED_STAGES = [Project.Stage.PRODUCTION, Project.Stage.FULL_PRODUCTION]


class DaysBetween(Func):
    """Whole days from the first date to the second (second − first), the same on SQLite and PostgreSQL."""

    arity = 2
    output_field = IntegerField()

    def as_sql(self, compiler, connection, **extra):
        first, second = self.source_expressions
        first_sql, first_params = compiler.compile(first)
        second_sql, second_params = compiler.compile(second)
        return f"({second_sql} - {first_sql})", (*second_params, *first_params)

    def as_sqlite(self, compiler, connection, **extra):
        first, second = self.source_expressions
        first_sql, first_params = compiler.compile(first)
        second_sql, second_params = compiler.compile(second)
        return f"CAST(julianday({second_sql}) - julianday({first_sql}) AS INTEGER)", (*second_params, *first_params)


def _day(value: date) -> Value:
    return Value(value, output_field=Milestone._meta.get_field("planned_date"))


def start_of_day(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _overdue_severity(due_field: str, today: date, thresholds: AlertSettings) -> Case:
    red_before = today - timedelta(days=thresholds.overdue_red_days)
    return Case(When(**{f"{due_field}__lt": red_before}, then=RED), default=YELLOW)


def overdue_milestones(today: date, thresholds: AlertSettings) -> QuerySet:
    """Rule 1: the planned date has passed and no actual date is recorded."""
    return Milestone.objects.overdue(today).annotate(
        alert_subject=F("pk"),
        alert_project=F("project_id"),
        alert_severity=_overdue_severity("planned_date", today, thresholds),
    )


def _expected_percent(start, finish, today: date):
    """序时进度 in SQL, as projects.schedule.expected_progress computes it in Python."""
    return Case(
        When(Q(**{f"{finish}__lte": today}), then=Value(100.0)),
        default=Cast(100.0 * DaysBetween(start, _day(today)), FloatField()) / DaysBetween(start, finish),
        output_field=FloatField(),
    )


def _behind(queryset: QuerySet, start, finish, latest, today: date, thresholds: AlertSettings) -> QuerySet:
    return (
        queryset.annotate(alert_start=start, alert_latest_percent=Subquery(latest))
        .filter(alert_start__isnull=False, alert_start__lt=today, alert_latest_percent__isnull=False)
        .annotate(
            alert_lag=ExpressionWrapper(
                _expected_percent("alert_start", finish, today) - Cast("alert_latest_percent", FloatField()),
                output_field=FloatField(),
            )
        )
        .filter(alert_lag__gt=thresholds.progress_tolerance_yellow)
        .annotate(
            alert_subject=F("pk"),
            alert_severity=Case(When(alert_lag__gt=thresholds.progress_tolerance_red, then=RED), default=YELLOW),
        )
    )


def _latest_percent(today: date, **match) -> QuerySet:
    return (
        ProgressReport.objects.filter(percent_complete__isnull=False, date__lte=today, **match)
        .order_by("-date", "-pk")
        .values("percent_complete")[:1]
    )


def projects_behind_schedule(today: date, thresholds: AlertSettings) -> QuerySet:
    """Rule 2 for projects: the latest project-wide progress report is below 序时进度 minus the tolerance.

    The period runs from the actual (else planned) start to the planned start of production.
    """
    projects = Project.objects.filter(planned_production__isnull=False, actual_production__isnull=True).exclude(
        stage__in=FINISHED_STAGES
    )
    latest = _latest_percent(today, project=OuterRef("pk"), phase__isnull=True)
    start = Coalesce("actual_start", "planned_start")
    return _behind(projects, start, "planned_production", latest, today, thresholds).annotate(alert_project=F("pk"))


def phases_behind_schedule(today: date, thresholds: AlertSettings) -> QuerySet:
    """Rule 2 for phases: the latest report on the phase is below 序时进度 minus the tolerance."""
    phases = Phase.objects.filter(planned_finish__isnull=False)
    latest = _latest_percent(today, phase=OuterRef("pk"))
    return _behind(phases, F("planned_start"), "planned_finish", latest, today, thresholds).annotate(
        alert_project=F("project_id")
    )


def investment_behind(today: date, thresholds: AlertSettings) -> QuerySet:
    """Rule 3: this year's completed investment is below month/12 of the annual plan minus the tolerance.

    In integers, to stay exact on both databases: done × 1200 < plan × (100 × month − 12 × tolerance).
    """
    done = (
        InvestmentReport.objects.filter(project=OuterRef("pk"), year=today.year, month__lte=today.month)
        .order_by()
        .values("project")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    money = DecimalField(max_digits=24, decimal_places=2)

    def lags_by(tolerance: int) -> Q:
        # No division: SQLite would divide integers.
        return Q(alert_done_1200__lt=ExpressionWrapper(F("alert_plan") * (100 * today.month - 12 * tolerance), money))

    return (
        Project.objects.filter(annual_plans__year=today.year, annual_plans__planned_investment__gt=0)
        .annotate(
            alert_plan=F("annual_plans__planned_investment"),
            alert_done_1200=ExpressionWrapper(
                Coalesce(Subquery(done), Value(Decimal(0)), output_field=money) * 1200, money
            ),
        )
        .filter(lags_by(thresholds.investment_tolerance_yellow))
        .annotate(
            alert_subject=F("pk"),
            alert_project=F("pk"),
            alert_severity=Case(When(lags_by(thresholds.investment_tolerance_red), then=RED), default=YELLOW),
        )
    )


def stale_projects(today: date, thresholds: AlertSettings) -> QuerySet:
    """Rule 4: a project under construction with no progress report, milestone update or visit for N days."""
    since = today - timedelta(days=thresholds.stale_days)
    since_moment = start_of_day(since)
    window = {"date__gte": since, "date__lte": today}
    return (
        Project.objects.filter(stage__in=STALE_STAGES, created_at__lt=since_moment)
        .filter(~Exists(ProgressReport.objects.filter(project=OuterRef("pk"), **window)))
        .filter(~Exists(Meeting.objects.filter(projects=OuterRef("pk"), **window)))
        .filter(
            ~Exists(
                Milestone.objects.filter(project=OuterRef("pk")).filter(
                    Q(actual_date__gte=since, actual_date__lte=today) | Q(updated_at__gte=since_moment)
                )
            )
        )
        .annotate(alert_subject=F("pk"), alert_project=F("pk"), alert_severity=YELLOW)
    )


def overdue_problems(today: date, thresholds: AlertSettings) -> QuerySet:
    """Rule 5 for the 问题清单: due date passed, not solved."""
    return Problem.objects.overdue(today).annotate(
        alert_subject=F("pk"),
        alert_project=F("project_id"),
        alert_severity=_overdue_severity("due_date", today, thresholds),
    )


def overdue_follow_ups(today: date, thresholds: AlertSettings) -> QuerySet:
    """Rule 5 for 督办: due date passed, still open."""
    return FollowUp.objects.open().filter(due_date__lt=today).annotate(
        alert_subject=F("pk"),
        alert_project=Coalesce("requirement__project_id", "problem__project_id"),
        alert_severity=_overdue_severity("due_date", today, thresholds),
    )


def not_ready_for_statistics(today: date, thresholds: AlertSettings) -> QuerySet:
    """入统 rule 1: a project under construction of 500万元 or more (the setting) without a 项目代码 or not 入库.

    Red when both are missing.
    """
    return (
        Project.objects.filter(stage__in=STALE_STAGES, total_investment__gte=thresholds.statistics_min_investment)
        .filter(Q(project_code="") | Q(statistics_registered=False))
        .annotate(
            alert_subject=F("pk"),
            alert_project=F("pk"),
            alert_severity=Case(When(project_code="", statistics_registered=False, then=RED), default=YELLOW),
        )
    )


def reports_disagree(today: date, thresholds: AlertSettings) -> QuerySet:
    """入统 rule 2: the share of the total investment reported done and the latest reported progress differ by
    more than the margin (points); red beyond twice the margin."""
    invested = (
        InvestmentReport.objects.filter(project=OuterRef("pk"))
        .filter(Q(year__lt=today.year) | Q(year=today.year, month__lte=today.month))
        .order_by().values("project").annotate(total=Sum("amount")).values("total")
    )
    gap = Abs(
        Cast(F("alert_invested"), FloatField()) * 100.0 / Cast(F("total_investment"), FloatField())
        - Cast(F("alert_latest_percent"), FloatField())
    )
    return (
        Project.objects.filter(total_investment__gt=0)
        .annotate(
            alert_invested=Subquery(invested),
            alert_latest_percent=Subquery(_latest_percent(today, project=OuterRef("pk"), phase__isnull=True)),
        )
        .filter(alert_invested__isnull=False, alert_latest_percent__isnull=False)
        .annotate(alert_gap=ExpressionWrapper(gap, output_field=FloatField()))
        .filter(alert_gap__gt=thresholds.statistics_margin)
        .annotate(
            alert_subject=F("pk"),
            alert_project=F("pk"),
            alert_severity=Case(When(alert_gap__gt=2 * thresholds.statistics_margin, then=RED), default=YELLOW),
        )
    )


def follow_up_escalations(today: date, thresholds: AlertSettings) -> list[tuple[int, QuerySet]]:
    """督办单 escalation: the open follow-ups to raise to each level on `today`, highest level first.

    Blue the day after the deadline, yellow `follow_up_yellow_days` after it, red `follow_up_red_days` after it;
    a follow-up only ever rises (until its deadline moves: see `follow_ups_back_on_time`).
    """
    levels = [
        (FollowUp.Escalation.RED, thresholds.follow_up_red_days),
        (FollowUp.Escalation.YELLOW, thresholds.follow_up_yellow_days),
        (FollowUp.Escalation.BLUE, 0),
    ]
    return [
        (level, FollowUp.objects.filter(
            status=FollowUp.Status.OPEN, due_date__lt=today - timedelta(days=days), escalation__lt=level
        ))
        for level, days in levels
    ]


def follow_ups_back_on_time(today: date) -> QuerySet:
    """Escalated follow-ups whose deadline was moved to today or later: they start again from nothing."""
    return FollowUp.objects.filter(
        status=FollowUp.Status.OPEN, escalation__gt=FollowUp.Escalation.NONE, due_date__gte=today
    )


@dataclass(frozen=True)
class RuleCheck:
    rule: Rule
    subject_type: SubjectType
    candidates: Callable[[date, AlertSettings], QuerySet]


CHECKS = [
    RuleCheck(Rule.OVERDUE_MILESTONE, SubjectType.MILESTONE, overdue_milestones),
    RuleCheck(Rule.BEHIND_SCHEDULE, SubjectType.PROJECT, projects_behind_schedule),
    RuleCheck(Rule.BEHIND_SCHEDULE, SubjectType.PHASE, phases_behind_schedule),
    RuleCheck(Rule.INVESTMENT_BEHIND, SubjectType.PROJECT, investment_behind),
    RuleCheck(Rule.STALE, SubjectType.PROJECT, stale_projects),
    RuleCheck(Rule.OVERDUE_PROBLEM, SubjectType.PROBLEM, overdue_problems),
    RuleCheck(Rule.OVERDUE_FOLLOW_UP, SubjectType.FOLLOW_UP, overdue_follow_ups),
    RuleCheck(Rule.NOT_REGISTERED, SubjectType.PROJECT, not_ready_for_statistics),
    RuleCheck(Rule.REPORTS_DISAGREE, SubjectType.PROJECT, reports_disagree),
]
