"""Writes staff make to projects: the problem list's life, milestones, progress, investment, uploads."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.policy import can
from lib.uploads import check_upload, generated_name, read_photo

from .models import (
    AnnualPlan,
    Attachment,
    InvestmentReport,
    Milestone,
    MilestoneTemplate,
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


def _owner_label(unit, person) -> str:
    return " ".join(o.name for o in (unit, person) if o) or "—"


@transaction.atomic
def problem_reassign(*, problem: Problem, owner_unit, owner_person, due_date: datetime.date | None, author,
                     note: str = "") -> Problem:
    """Give an open problem a new owner or deadline; the trail says from what to what."""
    # of=self: the owners are outer joins, which PostgreSQL will not lock.
    problem = Problem.objects.select_for_update(of=("self",)).select_related("owner_unit", "owner_person").get(
        pk=problem.pk
    )
    if problem.status not in Problem.OPEN_STATUSES:
        raise ValidationError(_("Only an open problem can be reassigned."))
    if owner_unit is None and owner_person is None:
        raise ValidationError(_("Name an owner: a person or a responsible unit."))
    changes = []
    before, after = _owner_label(problem.owner_unit, problem.owner_person), _owner_label(owner_unit, owner_person)
    if before != after:
        changes.append(_("Owner: %(before)s → %(after)s") % {"before": before, "after": after})
    if due_date != problem.due_date:
        changes.append(_("Due date: %(before)s → %(after)s") % {
            "before": problem.due_date or "—", "after": due_date or "—",
        })
    if not changes:
        raise ValidationError(_("Neither the owner nor the due date changed."))
    problem.owner_unit, problem.owner_person, problem.due_date = owner_unit, owner_person, due_date
    problem.full_clean()
    problem.save(update_fields=["owner_unit", "owner_person", "due_date"])
    text = "; ".join(changes) + (f". {note.strip()}" if note.strip() else ".")
    _trail(problem, text=text, author=author, before=problem.status)
    return problem


# --- Milestones and progress --------------------------------------------------------------------


@transaction.atomic
def attachment_create(*, upload, user, project: Project | None = None, meeting=None, milestone=None, problem=None,
                      caption: str = "") -> Attachment:
    """Store a checked photo or document; a photo gets its thumbnail and EXIF date here, once."""
    checked = check_upload(upload)
    attachment = Attachment(
        project=project, meeting=meeting, milestone=milestone, problem=problem, original_name=checked.original_name,
        mime_type=checked.mime_type, size=checked.size, uploaded_by=user, caption=caption.strip(),
    )
    if attachment.is_image:
        photo = read_photo(upload)
        attachment.taken_at = photo.taken_at
        attachment.thumbnail.save(generated_name("jpg"), ContentFile(photo.thumbnail), save=False)
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


def milestone_move_reason(reason: str) -> str:
    """A plan that moves says why: the reason, stripped; refused when blank."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the planned date moves.")})
    return reason.strip()


def _move_plan(milestone: Milestone, planned_date: datetime.date, reason: str) -> None:
    """A planned date changes: the first plan stays as the baseline, and the reason is recorded."""
    milestone.reschedule_reason = milestone_move_reason(reason)
    if milestone.baseline_date is None:
        milestone.baseline_date = milestone.planned_date
    milestone.planned_date = planned_date


@transaction.atomic
def milestone_reschedule(*, milestone: Milestone, planned_date: datetime.date, reason: str) -> Milestone:
    """Move the plan; the first plan stays as the baseline, so the chart shows both."""
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if planned_date == milestone.planned_date:
        raise ValidationError({"planned_date": _("This is already the planned date.")})
    return milestone_update(milestone=milestone, planned_date=planned_date, reason=reason)


# --- The plan: milestones added, edited, reordered, removed, or filled from a template ---------


def _plan_locked(project: Project) -> list[Milestone]:
    # Positions are renumbered from the whole plan; the lock keeps two editors from interleaving.
    plan = Milestone.objects.select_for_update().filter(project=project)
    return list(plan.order_by("position", "planned_date", "pk"))


def _renumber(plan: list[Milestone]) -> None:
    """Positions 1..n in the order of `plan`, writing only the rows that move."""
    for position, row in enumerate(plan, start=1):
        if row.position != position:
            row.position = position
            row.save(update_fields=["position", "updated_at"])


def _next_position(project: Project) -> int:
    return (Milestone.objects.filter(project=project).aggregate(top=Max("position"))["top"] or 0) + 1


def _name_taken(project: Project, name: str, *, exclude_pk=None) -> bool:
    return Milestone.objects.filter(project=project, name=name).exclude(pk=exclude_pk).exists()


@transaction.atomic
def milestone_create(*, project: Project, name: str, planned_date: datetime.date, **fields) -> Milestone:
    """A new 节点 at the end of the plan. Its first planned date is its baseline until the plan moves."""
    _plan_locked(project)
    name = name.strip()
    if _name_taken(project, name):
        raise ValidationError({"name": _("The plan already has a milestone with this name.")})
    fields.pop("baseline_date", None)  # a baseline exists only once the plan has moved
    milestone = Milestone(
        project=project, name=name, planned_date=planned_date, position=_next_position(project), **fields
    )
    milestone.full_clean()
    milestone.save()
    return milestone


@transaction.atomic
def milestone_update(*, milestone: Milestone, reason: str = "", **changes) -> Milestone:
    """Change a milestone; a move of its planned date needs a reason and keeps the first plan as the baseline."""
    milestone = Milestone.objects.select_for_update().select_related("project").get(pk=milestone.pk)
    changes.pop("baseline_date", None)
    reason = reason or changes.pop("reschedule_reason", "")
    if "name" in changes:
        changes["name"] = changes["name"].strip()
        if _name_taken(milestone.project, changes["name"], exclude_pk=milestone.pk):
            raise ValidationError({"name": _("The plan already has a milestone with this name.")})
    planned_date = changes.pop("planned_date", milestone.planned_date)
    if planned_date != milestone.planned_date:
        _move_plan(milestone, planned_date, reason)
    for name, value in changes.items():
        setattr(milestone, name, value)
    milestone.full_clean()
    milestone.save()
    return milestone


def reported_milestone_ids(milestones) -> set[int]:
    """Those with something recorded on them (reached, or a photo attached): they stay in the plan. One query."""
    reached = {m.pk for m in milestones if m.actual_date is not None}
    with_files = Attachment.objects.filter(milestone__in=[m.pk for m in milestones]).values_list("milestone", flat=True)
    return reached | set(with_files)


@transaction.atomic
def milestone_delete(*, milestone: Milestone) -> None:
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if reported_milestone_ids([milestone]):
        raise ValidationError(
            _("This milestone has been reported on; move its planned date instead of removing it.")
        )
    milestone.delete()


@transaction.atomic
def milestone_move(*, milestone: Milestone, up: bool) -> Milestone:
    """Swap the milestone with its neighbour in the plan's sequence; the ends stay where they are."""
    plan = _plan_locked(milestone.project)
    index = next(i for i, m in enumerate(plan) if m.pk == milestone.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(plan):
        plan[index], plan[other] = plan[other], plan[index]
    _renumber(plan)
    return next(m for m in plan if m.pk == milestone.pk)


def spread_dates(start: datetime.date, end: datetime.date, count: int) -> list[datetime.date]:
    """`count` dates evenly from start to end, both included (one date: the end)."""
    if count == 1:
        return [end]
    span = (end - start).days
    return [start + datetime.timedelta(days=round(span * i / (count - 1))) for i in range(count)]


@transaction.atomic
def plan_apply_template(*, project: Project, template: MilestoneTemplate, start: datetime.date,
                        end: datetime.date) -> list[Milestone]:
    """Add the template's milestones the plan lacks, their dates spread from start to end. Returns those added.

    The whole plan is then put in date order, so milestones already there (imported from a bulletin, say)
    fall in among the template's.
    """
    if end <= start:
        raise ValidationError({"end": _("The end must come after the start.")})
    _plan_locked(project)
    steps = list(template.steps.order_by("order", "pk"))
    if not steps:
        raise ValidationError(_("This template has no milestones yet."))
    existing = set(Milestone.objects.filter(project=project).values_list("name", flat=True))
    position = _next_position(project)
    added = []
    for step, planned in zip(steps, spread_dates(start, end, len(steps)), strict=True):
        if step.name in existing:
            continue
        milestone = Milestone(project=project, name=step.name, planned_date=planned, position=position)
        milestone.full_clean()
        milestone.save()
        added.append(milestone)
        position += 1
    if not added:
        raise ValidationError(_("The plan already has every milestone of this template."))
    _renumber(sorted(_plan_locked(project), key=lambda m: (m.planned_date, m.position, m.pk)))
    return added


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
