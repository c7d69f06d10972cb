"""The 调度周报 and 月报: one function builds a report's content; the page, the .docx and the PDF render it.

A report is plain text in cells (with an optional link the page uses), so the three renderings cannot disagree
on a figure: they print the same strings.
"""

import calendar
import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alerts.models import Alert
from lib.formatting import gap_points, long_date, number, percent, yuan_short
from meetings.models import FollowUp
from projects.models import Problem, Project
from projects.selectors import with_latest_progress, with_schedule_gaps

from .selectors import AGE_BUCKETS, REPORT_ROWS, annual_investment, problem_figures, week_bounds

WEEKLY, MONTHLY = "weekly", "monthly"


class PeriodError(ValueError):
    """A period asked for in a URL that cannot be read; the message says what to give."""


@dataclass
class Cell:
    text: str
    url: str = ""
    badge: str = ""  # the page shows the text as a badge of this colour (red, yellow)


@dataclass
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    empty: str = ""
    note: str = ""


@dataclass
class Report:
    kind: str
    title: str
    issuer: str
    number: str
    issued_on: datetime.date
    start: datetime.date
    end: datetime.date
    period: str
    summary: list[str]
    tables: list[Table]

    @property
    def filename(self) -> str:
        return f"{self.title}_{self.start.isoformat()}"


def weekly_period(raw: str | None, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The week (Monday–Sunday) holding the date `raw` (YYYY-MM-DD); the week just ended when it is empty."""
    day = today - datetime.timedelta(weeks=1)
    if raw:
        try:
            day = datetime.date.fromisoformat(raw)
        except ValueError:
            raise PeriodError(_("Give the date as YYYY-MM-DD, for example 2026-11-23.")) from None
    if day > today:
        raise PeriodError(_("A report cannot be for a week that has not started."))
    return week_bounds(day)


def monthly_period(raw: str | None, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The month `raw` (YYYY-MM); last month when it is empty."""
    if raw:
        try:
            year, month = (int(part) for part in raw.split("-"))
            start = datetime.date(year, month, 1)
        except ValueError:
            raise PeriodError(_("Give the month as YYYY-MM, for example 2026-10.")) from None
    else:
        start = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    if start > today:
        raise PeriodError(_("A report cannot be for a month that has not started."))
    return start, _month_end(start)


def _month_end(day: datetime.date) -> datetime.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def issue_number(kind: str, start: datetime.date) -> str:
    """第N期, numbered within the year: the ISO week for a weekly report, the month for a monthly one."""
    if kind == WEEKLY:
        year, number, _weekday = start.isocalendar()
    else:
        year, number = start.year, start.month
    return _("%(year)s No. %(number)s") % {"year": year, "number": number}


def report_build(kind: str, start: datetime.date, end: datetime.date, *, today: datetime.date | None = None,
                 limit: int = REPORT_ROWS) -> Report:
    """The report of the week or month from `start` to `end`, as of `today` (figures cannot run past it)."""
    today = today or timezone.localdate()
    as_of = min(end, today)
    zone = _zone_figures(as_of)
    lag = {"count": zone["lagging"], "red": zone["red"]}
    lagging_table = _lagging(lag, limit, as_of)
    problems = problem_figures(as_of)
    # A weekly report looks at what is due this week; a monthly one, issued after its month, at the month after.
    horizon = end if kind == WEEKLY else _month_end(end + datetime.timedelta(days=1))
    follow_table, follow_count = _follow_ups(horizon, today, limit)
    state = _("As of %(date)s, %(lagging)s lagging (red %(red)s, yellow %(yellow)s); %(open)s open problems, "
              "%(overdue)s of them overdue; %(follow_ups)s follow-ups due by %(horizon)s or overdue.") % {
        "date": long_date(today), "lagging": ngettext("%(n)s project", "%(n)s projects", lag["count"]) % {
            "n": lag["count"]},
        "red": lag["red"], "yellow": lag["count"] - lag["red"], "open": problems["open"],
        "overdue": problems["overdue"], "follow_ups": follow_count, "horizon": long_date(horizon),
    }
    title = _("Weekly report on major projects") if kind == WEEKLY else _("Monthly report on major projects")
    return Report(
        kind=kind, title=title, issuer=settings.REPORT_ISSUER, number=issue_number(kind, start), issued_on=today,
        start=start, end=end, period=_("%(start)s to %(end)s") % {"start": long_date(start), "end": long_date(end)},
        summary=[zone["sentence"], state],
        tables=[lagging_table, _problems_by_category(problems), _new_problems(kind, start, as_of, limit), follow_table],
    )


def _zone_figures(as_of: datetime.date) -> dict:
    """The standard sentence and the counts behind it, in one query over projects besides the year's investment:

    1—10月，全区N个重大项目完成投资X亿元，占年度计划的X%，较序时进度快（慢）X个百分点；新开工X个，竣工投产X个。
    """
    year, month = as_of.year, as_of.month
    annual = annual_investment(as_of)
    counts = Project.objects.aggregate(
        projects=Count("pk"),
        started=Count("pk", filter=Q(actual_start__year=year, actual_start__month__lte=month)),
        producing=Count("pk", filter=Q(actual_production__year=year, actual_production__month__lte=month)),
        lagging=Count("pk", filter=Q(lag_rank__gt=Project.Lag.NONE)),
        red=Count("pk", filter=Q(lag_rank=Project.Lag.RED)),
    )
    months = _("Month 1") if month == 1 else _("Months 1–%(month)s") % {"month": month}
    values = {"months": months, "projects": counts["projects"], "completed": yuan_short(annual["completed"]),
              "started": counts["started"], "producing": counts["producing"]}
    if annual["plan"]:
        share = annual["completed"] * 100 / annual["plan"]
        gap = (annual["completed"] - annual["expected"]) * 100 / annual["plan"]  # points against 序时进度
        values |= {"share": percent(share), "gap": number(abs(gap)),
                   "direction": _("ahead of") if gap >= 0 else _("behind")}
        sentence = _("%(months)s, the zone's %(projects)s major projects completed %(completed)s of investment, "
                     "%(share)s of the annual plan, %(gap)s points %(direction)s expected progress; "
                     "%(started)s started construction, %(producing)s went into production.") % values
    else:
        sentence = _("%(months)s, the zone's %(projects)s major projects completed %(completed)s of investment "
                     "(no annual plan recorded); %(started)s started construction, "
                     "%(producing)s went into production.") % values
    return {"sentence": sentence, "lagging": counts["lagging"], "red": counts["red"]}


def _lagging(counts: dict, limit: int, as_of: datetime.date) -> Table:
    lagging = with_schedule_gaps(with_latest_progress(Project.objects.filter(lag_rank__gt=Project.Lag.NONE)), as_of)
    projects = list(lagging.select_related("builder").order_by("-lag_rank", "name")[:limit])
    reasons = defaultdict(list)
    for alert in (Alert.objects.open().lag().filter(project__in=[p.pk for p in projects])
                  .select_related("milestone").worst_first("rule", "pk")):
        reasons[alert.project_id].append(
            f"{alert.get_rule_display()}：{alert.milestone.name}" if alert.milestone else alert.get_rule_display())
    rows = [[
        Cell(str(index)), Cell(p.name, p.get_absolute_url()),
        Cell(p.builder.name if p.builder else "—"),
        Cell(str(Project.Lag(p.lag_rank).label), badge=p.lag),
        Cell(gap_points(p.linear_gap)), Cell(gap_points(p.node_gap)),
        Cell("；".join(reasons[p.pk]) or "—"),
    ] for index, p in enumerate(projects, 1)]
    note = (_("The %(shown)s worst of %(count)s are listed.") % {"shown": len(projects), "count": counts["count"]}
            if counts["count"] > len(projects) else "")
    headers = [_("No."), _("Project name"), _("Builder"), _("Lag"), _("Gap, linear (points)"),
               _("Gap, node plan (points)"), _("Why")]
    return Table("lagging", _("Lagging projects"), headers, rows, empty=_("No project lags."), note=note)


def _problems_by_category(problems: dict) -> Table:
    headers = [_("Category"), _("Open"), _("Under 30 days"), _("30–90 days"), _("Over 90 days"), _("Overdue")]
    rows = [[Cell(r["category__name"] or "—"), Cell(str(r["open"])),
             *(Cell(str(r[f"age_{low}"])) for low, _high in AGE_BUCKETS), Cell(str(r["overdue"]))]
            for r in problems["rows"]]
    if rows:
        rows.append([Cell(_("Total")), Cell(str(problems["open"])),
                     *(Cell(str(count)) for _low, _high, count in problems["ages"]), Cell(str(problems["overdue"]))])
    return Table("problems", _("Open problems by category and age"), headers, rows, empty=_("No open problems."))


def _owner(item) -> str:
    names = [x.name for x in (item.owner_unit, item.owner_person) if x is not None]
    return " ".join(names) or "—"


def _new_problems(kind: str, start: datetime.date, as_of: datetime.date, limit: int) -> Table:
    title = _("Problems raised in the week") if kind == WEEKLY else _("Problems raised in the month")
    problems = list(
        Problem.objects.filter(raised_on__gte=start, raised_on__lte=as_of)
        .select_related("project", "category", "owner_unit", "owner_person").order_by("-raised_on", "pk")[:limit + 1]
    )
    rows = [[
        Cell(long_date(p.raised_on)), Cell(p.project.name if p.project else "—", p.project.get_absolute_url()
                                           if p.project else ""),
        Cell(p.category.name if p.category else "—"), Cell(_short(p.description), p.get_absolute_url()),
        Cell(_owner(p)), Cell(long_date(p.due_date)), Cell(p.get_status_display()),
    ] for p in problems[:limit]]
    headers = [_("Raised"), _("Project name"), _("Category"), _("Problem"), _("Responsible unit / person"), _("Due"),
               _("Status now")]
    return Table("new_problems", title, headers, rows, empty=_("No new problems in the period."),
                 note=_("Only the first %(limit)s are listed.") % {"limit": limit} if len(problems) > limit else "")


def _follow_ups(horizon: datetime.date, today: datetime.date, limit: int) -> tuple[Table, int]:
    due = FollowUp.objects.filter(status=FollowUp.Status.OPEN, due_date__lte=horizon)
    items = list(due.select_related("requirement__project", "problem__project", "owner_unit", "owner_person",
                                    "owner_user").order_by("due_date", "pk")[:limit])
    count = len(items) if len(items) < limit else due.count()
    rows = []
    for item in items:
        subject = item.requirement or item.problem
        project = subject.project if subject is not None else None
        what = item.requirement.text if item.requirement else (item.problem.description if item.problem else "")
        owner = _owner(item)
        if item.owner_user:
            owner = f"{owner if owner != '—' else ''} ({item.owner_user.get_username()})".strip()
        overdue = item.due_date < today
        rows.append([
            Cell(long_date(item.due_date) + (f" {_('Overdue')}" if overdue else "")),
            Cell(project.name if project else "—", project.get_absolute_url() if project else ""),
            Cell(_short(what)), Cell(owner),
        ])
    note = _("The first %(shown)s of %(count)s are listed.") % {"shown": len(items), "count": count} \
        if count > len(items) else ""
    return Table("follow_ups", _("Follow-ups due by %(date)s or overdue") % {"date": long_date(horizon)},
                 [_("Due"), _("Project name"), _("What"), _("Responsible unit / person")], rows,
                 empty=_("No follow-up is due."), note=note), count


def _short(text: str, size: int = 80) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= size else text[: size - 1] + "…"
