"""Reads for the project pages: each page's queryset built in one place, in a bounded number of queries."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Case,
    DateField,
    ExpressionWrapper,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse
from django.utils import timezone

from alerts.models import AlertSettings
from bulletins.models import Evidence
from lib.aggregates import json_list
from meetings.models import FollowUp, Meeting, Requirement
from notify.models import Chase

from . import schedule
from .models import (
    AnnualPlan,
    Assignment,
    Attachment,
    Capacity,
    InvestmentReport,
    Milestone,
    Phase,
    Problem,
    ProgressReport,
    Project,
)


def open_assignments() -> Prefetch:
    return Prefetch(
        "assignments",
        queryset=Assignment.objects.current().select_related("person").order_by("role", "pk"),
        to_attr="open_assignments",
    )


def with_latest_progress(queryset: QuerySet) -> QuerySet:
    latest = (
        ProgressReport.objects.filter(project=OuterRef("pk"), percent_complete__isnull=False).order_by("-date", "-pk")
    )
    return queryset.annotate(
        latest_percent=Subquery(latest.values("percent_complete")[:1]),
        latest_report_on=Subquery(latest.values("date")[:1]),
    )


def with_schedule_gaps(queryset: QuerySet, today: datetime.date) -> QuerySet:
    """序时进度 two ways, each as a gap in percentage points (positive: behind; negative: ahead).

    - `linear_gap`: 序时进度 (the elapsed share of start → planned production, as projects.schedule computes it)
      minus the latest reported progress; needs `latest_percent` (with_latest_progress) and both dates.
    - `node_gap`: the share of the node plan due by today minus the share reached (milestones weighted by
      `weight`); needs at least one milestone.
    """
    from alerts.rules import DaysBetween  # the same day arithmetic on SQLite and PostgreSQL

    day = Value(today, output_field=DateField())
    start = Coalesce("actual_start", "planned_start")
    expected = Case(
        When(Q(planned_production__isnull=True) | Q(planned_start__isnull=True, actual_start__isnull=True),
             then=Value(None, output_field=FloatField())),
        When(planned_production__lte=today, then=Value(100.0)),
        When(Q(actual_start__gte=today) | Q(actual_start__isnull=True, planned_start__gte=today), then=Value(0.0)),
        default=Cast(100.0 * DaysBetween(start, day), FloatField()) / DaysBetween(start, "planned_production"),
        output_field=FloatField(),
    )
    weight = Cast("weight", FloatField())
    nodes = (
        Milestone.objects.filter(project=OuterRef("pk")).order_by().values("project")
        .annotate(gap=ExpressionWrapper(
            100.0 * (
                Coalesce(Sum(weight, filter=Q(planned_date__lte=today)), 0.0)
                - Coalesce(Sum(weight, filter=Q(actual_date__isnull=False, actual_date__lte=today)), 0.0)
            ) / Sum(weight),
            output_field=FloatField(),
        ))
        .values("gap")
    )
    return queryset.annotate(
        linear_gap=ExpressionWrapper(expected - Cast("latest_percent", FloatField()), output_field=FloatField()),
        node_gap=Subquery(nodes, output_field=FloatField()),
    )


def expected_percent(project, today: datetime.date) -> Decimal | None:
    """序时进度 of a project today, from its planned period (projects/schedule.py holds the rule)."""
    start = project.actual_start or project.planned_start
    if not start or not project.planned_production:
        return None
    return schedule.expected_progress(start, project.planned_production, today)


def project_list_queryset(today: datetime.date | None = None) -> QuerySet:
    """The list page and its export: one query for the rows, one for their officials."""
    queryset = Project.objects.select_related("builder", "industry_code").prefetch_related(open_assignments())
    queryset = with_schedule_gaps(with_latest_progress(queryset), today or timezone.localdate())
    return queryset.order_by("-lag_rank", "name")


def projects_for_person(person) -> QuerySet:
    """The projects an official is assigned to (包挂), lagging first."""
    queryset = Project.objects.filter(assignments__in=Assignment.objects.current().filter(person=person))
    queryset = queryset.select_related("builder").prefetch_related(open_assignments())
    return with_latest_progress(queryset).order_by("-lag_rank", "planned_production", "name")


@dataclass
class ProjectPage:
    """What the project page shows, the same for every user on `today` (the page is cached whole, lib.figures)."""

    project: Project
    today: datetime.date
    phases: list = field(default_factory=list)
    capacities: list = field(default_factory=list)
    milestones: list = field(default_factory=list)
    progress: list = field(default_factory=list)
    investment: dict = field(default_factory=dict)
    meetings: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    requirements: list = field(default_factory=list)
    follow_ups: list = field(default_factory=list)
    officials: list = field(default_factory=list)
    evidence: dict = field(default_factory=dict)
    photos: list = field(default_factory=list)
    documents: list = field(default_factory=list)
    chases: list = field(default_factory=list)
    thresholds: AlertSettings | None = None
    expected_percent: Decimal | None = None
    annual_plan: Decimal | None = None


def _date(value):
    return datetime.date.fromisoformat(value[:10]) if value else None


def _money(value):
    return None if value is None else Decimal(str(value))


def project_page(pk: int, *, today: datetime.date | None = None) -> ProjectPage:
    """Everything the project page shows, in ten queries whatever the project holds.

    The small lists (officials, capacities, this year's monthly investment, requirements, the newest files) come as
    JSON inside the project's own query. Raises Project.DoesNotExist.
    """
    today = today or timezone.localdate()
    here = OuterRef("pk")
    # The photo wall shows the newest files only: the list stays small however many a project gathers.
    newest_files = (
        Attachment.objects.filter(project=OuterRef("project"))
        .order_by(Coalesce("taken_at", "uploaded_at").desc(), "-pk").values("pk")[:FILES_SHOWN]
    )
    project = (
        with_schedule_gaps(
            with_latest_progress(Project.objects.select_related("builder__parent", "industry_code")), today
        )
        .annotate(
            annual_plan=Subquery(
                AnnualPlan.objects.filter(project=here, year=today.year).values("planned_investment")[:1]
            ),
            officials_json=json_list(
                Assignment.objects.current().filter(project=here), "project",
                id="person_id", name="person__name", role="role",
            ),
            capacities_json=json_list(
                Capacity.objects.filter(project=here), "project",
                id="pk", value="value", unit="unit", product="product", phase="phase__name", order="phase__order",
            ),
            investment_json=json_list(
                InvestmentReport.objects.filter(project=here, year=today.year), "project",
                month="month", amount="amount",
            ),
            files_json=json_list(
                Attachment.objects.filter(project=here, pk__in=newest_files), "project",
                id="pk", caption="caption", name="original_name", size="size", thumbnail="thumbnail",
                taken_at="taken_at", uploaded_at="uploaded_at", milestone="milestone__name", problem="problem_id",
            ),
            requirements_json=json_list(
                Requirement.objects.filter(project=here), "project",
                id="pk", text="text", date="meeting__date", meeting="meeting_id", issued_by="issued_by__name",
            ),
        )
        .get(pk=pk)
    )
    roles = dict(Assignment.Role.choices)
    page = ProjectPage(project=project, today=today, expected_percent=expected_percent(project, today),
                       annual_plan=project.annual_plan)
    page.officials = sorted(
        ({"id": o["id"], "name": o["name"], "role": roles.get(o["role"], o["role"]), "lead": o["role"] == "lead"}
         for o in project.officials_json or []),
        key=lambda o: (not o["lead"], o["name"]),
    )
    page.capacities = sorted(
        ({**c, "value": _money(c["value"])} for c in project.capacities_json or []),
        key=lambda c: (c["order"] or 0, c["id"]),
    )
    page.investment = {i["month"]: _money(i["amount"]) for i in project.investment_json or []}
    page.requirements = sorted(
        ({**r, "date": _date(r["date"])} for r in project.requirements_json or []),
        key=lambda r: (r["date"] or datetime.date.min, r["id"]), reverse=True,
    )[:20]
    page.phases = list(Phase.objects.filter(project=project).order_by("order", "pk"))
    page.milestones = list(Milestone.objects.filter(project=project).order_by("position", "planned_date", "pk"))
    # Every report with a figure, phases' too: the same reports the page's 进度 figure (latest_percent) reads.
    page.progress = list(
        ProgressReport.objects.filter(project=project, percent_complete__isnull=False).order_by("date", "pk")
    )
    page.meetings = list(Meeting.objects.filter(projects=project).order_by("-date", "-pk")[:20])
    page.problems = list(
        Problem.objects.open().filter(project=project)
        .select_related("category", "owner_person", "owner_unit").order_by("due_date", "pk")
    )
    # A union of two indexed lookups: an OR across the two joins makes PostgreSQL scan every follow-up.
    on_project = FollowUp.objects.filter(requirement__project=project).order_by().values("pk").union(
        FollowUp.objects.filter(problem__project=project).order_by().values("pk")
    )
    page.follow_ups = list(
        FollowUp.objects.open().filter(pk__in=on_project)
        .select_related("requirement__issued_by", "problem", "owner_person", "owner_unit", "owner_user")
        .order_by("due_date", "pk")
    )
    files = sorted((_file(f) for f in project.files_json or []), key=lambda f: (f.shown_date, f.pk), reverse=True)
    page.photos = [f for f in files if f.thumbnail][:PHOTO_WALL_SIZE]
    page.documents = [f for f in files if not f.thumbnail]
    page.evidence = _evidence_for(project, page.phases, page.milestones, page.capacities)
    page.chases = list(
        Chase.objects.filter(project=project)
        .select_related("chased_by", "owner", "problem", "follow_up__requirement", "follow_up__problem")[:20]
    )
    # The problems' and follow-ups' lights (alerts.lights) are drawn with these.
    page.thresholds = AlertSettings.current()
    return page


PHOTO_WALL_SIZE = 24
FILES_SHOWN = 48


@dataclass(frozen=True)
class FileRow:
    """A photo or document as the project page lists it."""

    pk: int
    caption: str
    original_name: str
    size: int
    thumbnail: bool
    shown_date: datetime.datetime
    milestone: str | None
    problem_id: int | None

    @property
    def url(self):
        return reverse("projects:attachment_download", args=[self.pk])

    @property
    def thumbnail_url(self):
        return reverse("projects:attachment_thumbnail", args=[self.pk])

    @property
    def problem_url(self):
        return reverse("projects:problem_detail", args=[self.problem_id]) if self.problem_id else ""


def _datetime(value) -> datetime.datetime | None:
    if not value:
        return None
    parsed = datetime.datetime.fromisoformat(value)
    # SQLite's JSON holds the stored UTC time without its offset.
    return parsed if timezone.is_aware(parsed) else parsed.replace(tzinfo=datetime.UTC)


def _file(row) -> FileRow:
    return FileRow(
        pk=row["id"], caption=row["caption"], original_name=row["name"], size=row["size"],
        thumbnail=bool(row["thumbnail"]), shown_date=_datetime(row["taken_at"]) or _datetime(row["uploaded_at"]),
        milestone=row["milestone"], problem_id=row["problem"],
    )


def _evidence_for(project, phases, milestones, capacities) -> dict:
    """Source sentences of the project and its parts, by (model name, id, fact): one query."""
    wanted = Q(content_type__model="project", object_id=project.pk)
    if capacities:
        wanted |= Q(content_type__model="capacity", object_id__in=[c["id"] for c in capacities])
    if phases:
        wanted |= Q(content_type__model="phase", object_id__in=[p.pk for p in phases])
    if milestones:
        wanted |= Q(content_type__model="milestone", object_id__in=[m.pk for m in milestones])
    found = {}
    rows = (
        Evidence.objects.filter(wanted, content_type__app_label="projects")
        .select_related("content_type").order_by("start", "pk")
    )
    for evidence in rows:
        model = evidence.content_type.model
        found.setdefault((model, evidence.object_id, evidence.field), evidence)
        found.setdefault((model, evidence.object_id, ""), evidence)
    return found
