"""红 / 黄 / 绿: the one place that says which light a project, a problem or a follow-up shows.

Pages, exports and the API all call these functions, so the same row shows the same light everywhere.

- A project shows the colour of its worst open alert (`Project.lag_rank`, written by the daily scan):
  red for a red alert, yellow for a yellow one, green with none.
- A problem or a follow-up (督办) that is open shows
  red when it is overdue by more than the alert settings' days before red ("days overdue before red" for a
  problem, the day its alert turns red; "督办: days overdue before red" for a follow-up, the day it escalates to 红),
  yellow when it is overdue by fewer days, or when it has no deadline,
  green when it is not yet due;
  a solved, signed-off or done one is green.
"""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import AlertSettings


class Light(models.TextChoices):
    GREEN = "green", _("Green light")
    YELLOW = "yellow", _("Yellow light")
    RED = "red", _("Red light")


def project_light(project) -> Light:
    return {2: Light.RED, 1: Light.YELLOW}.get(project.lag_rank, Light.GREEN)


def deadline_light(*, is_open: bool, due_date: datetime.date | None, today: datetime.date, red_days: int) -> Light:
    if not is_open:
        return Light.GREEN
    if due_date is None:
        return Light.YELLOW
    days_late = (today - due_date).days
    if days_late > red_days:
        return Light.RED
    return Light.YELLOW if days_late > 0 else Light.GREEN


def problem_light(problem, today: datetime.date, thresholds: AlertSettings) -> Light:
    return deadline_light(
        is_open=problem.is_open, due_date=problem.due_date, today=today, red_days=thresholds.overdue_red_days
    )


def follow_up_light(follow_up, today: datetime.date, thresholds: AlertSettings) -> Light:
    is_open = follow_up.status == follow_up.Status.OPEN
    return deadline_light(
        is_open=is_open, due_date=follow_up.due_date, today=today, red_days=thresholds.follow_up_red_days
    )


def light_of(item, today: datetime.date, thresholds: AlertSettings) -> Light:
    """The light of a project, a problem or a follow-up."""
    from meetings.models import FollowUp
    from projects.models import Problem, Project

    if isinstance(item, Project):
        return project_light(item)
    if isinstance(item, Problem):
        return problem_light(item, today, thresholds)
    if isinstance(item, FollowUp):
        return follow_up_light(item, today, thresholds)
    raise TypeError(f"no light for {type(item).__name__}")
