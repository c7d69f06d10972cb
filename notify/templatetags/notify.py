"""One-line includes for other apps' pages: 催办 buttons and logs, 批示, and the week's chase count."""

from django import template

from accounts.policy import can

from ..chases import chases_between
from ..models import Chase, Instruction

register = template.Library()


@register.inclusion_tag("notify/_problem_chases.html", takes_context=True)
def problem_chases(context, problem):
    user = context["request"].user
    return {
        "csrf_token": context.get("csrf_token"),
        "problem": problem,
        "can_chase": can(user, "chase") and problem.is_overdue,
        "can_instruct": can(user, "instruct") and problem.project_id is not None,
        "chases": Chase.objects.filter(problem=problem).select_related("chased_by", "owner")[:50],
        "instructions": _instructions(Instruction.objects.filter(problem=problem)),
    }


@register.inclusion_tag("notify/_project_follow_through.html", takes_context=True)
def project_follow_through(context, project, follow_ups, chases):
    """The overdue ones of the open follow-ups the page already holds, with 催办 buttons, and the chase log the
    page read (projects.selectors.project_page). Instructions need none here: the page's follow-ups and
    requirements show them with the official's name."""
    user = context["request"].user
    return {
        "csrf_token": context.get("csrf_token"),
        "project": project,
        "can_chase": can(user, "chase"),
        "can_instruct": can(user, "instruct"),
        "overdue": [follow_up for follow_up in follow_ups if follow_up.is_overdue],
        "chases": chases,
    }


@register.inclusion_tag("notify/_weekly_chases.html")
def weekly_chases(monday, sunday):
    return {"counts": chases_between(monday, sunday)}


def _instructions(queryset):
    return queryset.select_related(
        "follow_up__requirement__issued_by", "follow_up__owner_person", "follow_up__owner_user"
    )[:50]


