"""Writes staff make to projects: the problem list's life, milestones, progress, investment, uploads."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.policy import can
from lib.uploads import check_upload, generated_name

from .models import (
    AnnualPlan,
    Attachment,
    InvestmentReport,
    Milestone,
    Problem,
    ProblemUpdate,
    ProgressReport,
    Project,
)
from .schedule import expected_investment

# --- The problem list ---------------------------------------------------------------------------


def _locked(problem: Problem) -> Problem:
    # Two people may reply or sign off at once; the row lock makes status changes happen one after the other.
    return Problem.objects.select_for_update().get(pk=problem.pk)


def _trail(problem: Problem, *, text: str, author, before: str, date: datetime.date | None = None) -> ProblemUpdate:
    update = ProblemUpdate(
        problem=problem, text=text, author=author, status_before=before, status_after=problem.status,
        date=date or timezone.localdate(),
    )
    update.full_clean()
    update.save()
    return update


@transaction.atomic
def problem_create(
    *, category, description: str, created_by, project=None, meeting=None, raised_on: datetime.date | None = None,
    owner_unit=None, owner_person=None, due_date: datetime.date | None = None, note: str = "",
) -> Problem:
    """Add a problem to the list and open its trail (`note`: where it came from, for an imported one)."""
    problem = Problem(
        project=project, category=category, description=description, meeting=meeting,
        raised_on=raised_on or timezone.localdate(), owner_unit=owner_unit, owner_person=owner_person,
        due_date=due_date, created_by=created_by,
    )
    problem.full_clean()
    problem.save()
    _trail(problem, text=note or _("Assigned."), author=created_by, before="", date=problem.raised_on)
    return problem


# What a problem's entry may be changed in after it is raised; its life (status, resolution) goes through the steps.
PROBLEM_EDITABLE = ("project", "category", "description", "meeting", "raised_on", "owner_unit", "owner_person",
                    "due_date")


@transaction.atomic
def problem_update(*, problem: Problem, **changes) -> Problem:
    """Correct a problem's entry (description, owner, due date…); the pages' log form and the API both use it."""
    unknown = set(changes) - set(PROBLEM_EDITABLE)
    if unknown:
        raise ValidationError(_("These fields change through the problem's steps: %(fields)s.")
                              % {"fields": ", ".join(sorted(unknown))})
    for name, value in changes.items():
        setattr(problem, name, value)
    problem.full_clean()
    problem.save()
    return problem


@transaction.atomic
def problem_reply(*, problem: Problem, text: str, author, date: datetime.date | None = None) -> ProblemUpdate:
    """A dated reply from the owner; the first one moves an assigned problem to in progress."""
    problem = _locked(problem)
    if problem.status not in Problem.OPEN_STATUSES:
        raise ValidationError(_("Only an open problem takes replies."))
    before = problem.status
    if problem.status == Problem.Status.ASSIGNED:
        problem.status = Problem.Status.IN_PROGRESS
        problem.save(update_fields=["status"])
    return _trail(problem, text=text, author=author, before=before, date=date)


@transaction.atomic
def problem_solve(*, problem: Problem, resolution: str, solved_on: datetime.date, author) -> Problem:
    problem = _locked(problem)
    if problem.status not in Problem.OPEN_STATUSES:
        raise ValidationError(_("Only an open problem can be solved."))
    if not resolution.strip():
        raise ValidationError({"resolution": _("Say how the problem was solved.")})
    before = problem.status
    problem.status = Problem.Status.SOLVED
    problem.resolution = resolution.strip()
    problem.solved_on = solved_on
    problem.full_clean()
    problem.save(update_fields=["status", "resolution", "solved_on"])
    _trail(problem, text=problem.resolution, author=author, before=before, date=solved_on)
    return problem


@transaction.atomic
def problem_sign_off(*, problem: Problem, user, note: str = "") -> Problem:
    """销号: closes a solved problem for good. Refused without a resolution or by someone not allowed."""
    if not can(user, "problem.sign_off", problem):
        raise ValidationError(_("You may not sign off this problem."))
    problem = _locked(problem)
    if problem.status != Problem.Status.SOLVED or not problem.resolution.strip():
        raise ValidationError(_("A problem can be signed off only once it is solved, with its resolution."))
    problem.status = Problem.Status.CLOSED
    problem.closed_at = timezone.now()
    problem.closed_by = user
    problem.save(update_fields=["status", "closed_at", "closed_by"])
    _trail(problem, text=note or _("Signed off."), author=user, before=Problem.Status.SOLVED)
    return problem


@transaction.atomic
def problem_reopen(*, problem: Problem, text: str, author) -> Problem:
    """A solution that did not hold: back to in progress, resolution kept in the trail."""
    problem = _locked(problem)
    if problem.status != Problem.Status.SOLVED:
        raise ValidationError(_("Only a solved problem can be reopened."))
    problem.status = Problem.Status.IN_PROGRESS
    problem.resolution = ""
    problem.solved_on = None
    problem.save(update_fields=["status", "resolution", "solved_on"])
    _trail(problem, text=text, author=author, before=Problem.Status.SOLVED)
    return problem


@transaction.atomic
def problem_escalate(*, problem: Problem, meeting, author) -> Problem:
    """Refer the problem to a coordination meeting (会办)."""
    problem = _locked(problem)
    if problem.status not in Problem.OPEN_STATUSES:
        raise ValidationError(_("Only an open problem can be escalated."))
    problem.escalated_to = meeting
    problem.save(update_fields=["escalated_to"])
    _trail(problem, text=_("Escalated to %(meeting)s.") % {"meeting": meeting}, author=author, before=problem.status)
    return problem


# --- Milestones and progress --------------------------------------------------------------------


@transaction.atomic
def attachment_create(*, project: Project, upload, user, milestone=None, problem=None) -> Attachment:
    checked = check_upload(upload)
    attachment = Attachment(
        project=project, milestone=milestone, problem=problem, original_name=checked.original_name,
        mime_type=checked.mime_type, size=checked.size, uploaded_by=user,
    )
    # The stored name is ours, never the user's: nothing uploaded can be reached or run by its own name.
    attachment.file.save(generated_name(checked.extension), File(upload), save=False)
    attachment.full_clean()
    attachment.save()
    return attachment


@transaction.atomic
def milestone_mark_reached(*, milestone: Milestone, actual_date: datetime.date, user, note: str = "",
                           photo=None) -> Milestone:
    milestone = Milestone.objects.select_for_update().select_related("project").get(pk=milestone.pk)
    milestone.actual_date = actual_date
    if note:
        milestone.note = note
    milestone.full_clean()
    milestone.save(update_fields=["actual_date", "note", "updated_at"])
    if photo:
        attachment_create(project=milestone.project, upload=photo, user=user, milestone=milestone)
    return milestone


@transaction.atomic
def milestone_reschedule(*, milestone: Milestone, planned_date: datetime.date, reason: str) -> Milestone:
    """Move the plan; the first plan stays as the baseline, so the chart shows both."""
    if not reason.strip():
        raise ValidationError(_("Say why the plan moves."))
    milestone = Milestone.objects.select_for_update().select_related("project").get(pk=milestone.pk)
    if planned_date == milestone.planned_date:
        raise ValidationError({"planned_date": _("This is already the planned date.")})
    return milestone_update(milestone=milestone, planned_date=planned_date, reschedule_reason=reason.strip())


@transaction.atomic
def milestone_create(*, project: Project, name: str, planned_date: datetime.date, **fields) -> Milestone:
    milestone = Milestone(project=project, name=name, planned_date=planned_date, **fields)
    milestone.baseline_date = None  # a baseline exists only once the plan has moved
    milestone.full_clean()
    milestone.save()
    return milestone


@transaction.atomic
def milestone_update(*, milestone: Milestone, **changes) -> Milestone:
    """Change a milestone; when its planned date moves, the first plan is kept as the baseline."""
    moved = "planned_date" in changes and changes["planned_date"] != milestone.planned_date
    if moved and milestone.baseline_date is None:
        milestone.baseline_date = milestone.planned_date
    changes.pop("baseline_date", None)
    for name, value in changes.items():
        setattr(milestone, name, value)
    milestone.full_clean()
    milestone.save()
    return milestone


def progress_report_create(*, project: Project, date: datetime.date, percent_complete: Decimal, statement: str,
                           reporter, phase=None) -> ProgressReport:
    report = ProgressReport(
        project=project, phase=phase, date=date, percent_complete=percent_complete, statement=statement,
        reporter=reporter,
    )
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def progress_report_update(*, report: ProgressReport, **changes) -> ProgressReport:
    """Correct a report: its figures and text, never the project (or a phase of another project) it is about."""
    if "project" in changes and changes["project"] != report.project:
        raise ValidationError({"project": _("A progress report stays on its project.")})
    for name, value in changes.items():
        setattr(report, name, value)
    if report.phase_id is not None and report.phase.project_id != report.project_id:
        raise ValidationError({"phase": _("The phase must be one of the report's project.")})
    report.full_clean()
    report.save()
    return report


# --- Investment ---------------------------------------------------------------------------------


@transaction.atomic
def annual_plan_set(*, project: Project, year: int, planned_investment: Decimal) -> AnnualPlan:
    """The year's plan of the project, made or replaced (one plan per project and year)."""
    plan = AnnualPlan.objects.select_for_update().filter(project=project, year=year).first()
    plan = plan or AnnualPlan(project=project, year=year)
    plan.planned_investment = planned_investment
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def investment_report_set(*, project: Project, year: int, month: int, amount: Decimal, reporter) -> InvestmentReport:
    """The month's completed investment, recorded or corrected (one figure per project and month)."""
    if amount < 0:
        raise ValidationError({"amount": _("A monthly amount cannot be below zero.")})
    report = InvestmentReport.objects.select_for_update().filter(project=project, year=year, month=month).first()
    report = report or InvestmentReport(project=project, year=year, month=month)
    report.amount, report.reporter = amount, reporter
    report.full_clean()
    report.save()
    return report


@dataclass(frozen=True)
class InvestmentProgress:
    """A year's investment against 序时进度: by month m, m/12 of the annual plan should be done."""

    year: int
    month: int
    planned: Decimal | None
    completed: Decimal

    @property
    def completion_percent(self) -> Decimal | None:
        if not self.planned:
            return None
        return (self.completed / self.planned * 100).quantize(Decimal("0.1"))

    @property
    def expected_percent(self) -> Decimal:
        return expected_investment(Decimal(100), self.month).quantize(Decimal("0.1"))

    @property
    def is_behind(self) -> bool:
        return self.completion_percent is not None and self.completion_percent < self.expected_percent


def investment_progress(project: Project, *, year: int | None = None, month: int | None = None) -> InvestmentProgress:
    """Completion up to `month` of `year` (default: the current month). Two queries."""
    today = timezone.localdate()
    year = year or today.year
    if month is None:
        month = today.month if year == today.year else 12
    plan = AnnualPlan.objects.filter(project=project, year=year).values_list("planned_investment", flat=True).first()
    completed = InvestmentReport.objects.filter(project=project, year=year, month__lte=month).aggregate(
        total=Sum("amount")
    )["total"] or Decimal(0)
    return InvestmentProgress(year=year, month=month, planned=plan, completed=completed)
