"""The weekly digest for each 包挂 leader: their projects with their lights, overdue milestones and problems,
and the follow-ups due this week, sent on the leader's channel (Monday 08:00, or from 'my work')."""

from datetime import date, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from alerts.models import Notification
from dashboard.selectors import week_bounds
from enterprises.models import Person
from meetings.models import FollowUp
from projects.models import Milestone, Problem, Project

from .models import Chase
from .services import notification_create

SECTION_ROWS = 20  # per section; the message links to the page for the rest


def _light(project: Project) -> str:
    return {Project.Lag.RED: "🔴", Project.Lag.YELLOW: "🟡"}.get(project.lag_rank, "🟢")


def _follow_up_line(follow_up: FollowUp) -> str:
    source = follow_up.requirement or follow_up.problem
    what = follow_up.requirement.text if follow_up.requirement else follow_up.problem.description
    project = source.project.name + " · " if source.project else ""
    return f"- {project}{what[:60]} ({follow_up.due_date})"


def weekly_digest_text(person: Person, today: date) -> str | None:
    """The digest's text for `person`, or None when they are assigned to no project."""
    projects = list(
        Project.objects.filter(assignments__person=person, assignments__ended_on__isnull=True)
        .distinct()
        .order_by("-lag_rank", "name")
    )
    if not projects:
        return None
    monday, sunday = week_bounds(today)
    milestones = (
        Milestone.objects.filter(project__in=projects, actual_date__isnull=True, planned_date__lt=today)
        .select_related("project")
        .order_by("planned_date", "pk")
    )
    problems = (
        Problem.objects.open()
        .filter(project__in=projects, due_date__lt=today)
        .select_related("project")
        .order_by("due_date", "pk")
    )
    follow_ups = (
        FollowUp.objects.filter(status=FollowUp.Status.OPEN, due_date__lte=sunday)
        .filter(Q(requirement__project__in=projects) | Q(problem__project__in=projects))
        .select_related("requirement__project", "problem__project")
        .order_by("due_date", "pk")
    )
    lagging = sum(1 for p in projects if p.lag_rank > Project.Lag.NONE)
    chased = Chase.objects.filter(project__in=projects, day__gte=monday - timedelta(days=7), day__lt=monday).count()
    with translation.override(settings.LANGUAGE_CODE):
        lines = [
            _("Week of %(monday)s: %(count)d of your %(total)d projects lag.")
            % {"monday": monday.isoformat(), "count": lagging, "total": len(projects)},
            "",
            _("Your projects (包挂):"),
            *(f"- {_light(p)} {p.name}" for p in projects[:SECTION_ROWS]),
        ]
        sections = [
            (
                _("Overdue milestones:"),
                [f"- {m.project.name} · {m.name} ({m.planned_date})" for m in milestones[: SECTION_ROWS + 1]],
            ),
            (
                _("Overdue problems:"),
                [f"- {p.project.name} · {p.description[:60]} ({p.due_date})" for p in problems[: SECTION_ROWS + 1]],
            ),
            (_("Follow-ups due this week:"), [_follow_up_line(f) for f in follow_ups[: SECTION_ROWS + 1]]),
        ]
        for heading, rows in sections:
            if rows:
                lines += ["", heading, *rows[:SECTION_ROWS]]
                if len(rows) > SECTION_ROWS:
                    lines.append(_("… and more on 'my work'."))
        if chased:
            lines += ["", _("Chases (催办) on your projects last week: %(count)d.") % {"count": chased}]
    return "\n".join(lines)


def weekly_digest_send(*, person: Person, today: date | None = None) -> Notification | None:
    """Create the person's digest and send it on their channel; None if it was sent today already or is empty."""
    today = today or timezone.localdate()
    text = weekly_digest_text(person, today)
    if text is None or person.user_id is None:
        return None
    return notification_create(user_id=person.user_id, kind=Notification.Kind.WEEKLY, message=text, for_date=today)


def weekly_digests_send(*, today: date | None = None) -> int:
    """The Monday job: one digest for every leader with an active login and a current assignment."""
    today = today or timezone.localdate()
    leaders = Person.objects.filter(
        user__isnull=False, user__is_active=True, assignments__ended_on__isnull=True
    ).distinct()
    return sum(1 for person in leaders.iterator() if weekly_digest_send(person=person, today=today))
