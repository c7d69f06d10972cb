"""One-line includes for other apps' pages: 催办 buttons and logs, 批示, and the week's chase count."""

from django import template
from django.db.models import Q

from meetings.models import FollowUp

from ..chases import can_chase, chases_between
from ..instructions import can_instruct
from ..models import Chase, Instruction

register = template.Library()


@register.inclusion_tag("notify/_problem_chases.html", takes_context=True)
def problem_chases(context, problem):
    user = context["request"].user
    return {
        "csrf_token": context.get("csrf_token"),
        "problem": problem,
        "can_chase": can_chase(user) and problem.is_overdue,
        "can_instruct": can_instruct(user) and problem.project_id is not None,
        "chases": Chase.objects.filter(problem=problem).select_related("chased_by", "owner")[:50],
        "instructions": _instructions(Instruction.objects.filter(problem=problem)),
    }


@register.inclusion_tag("notify/_project_follow_through.html", takes_context=True)
def project_follow_through(context, project):
    user = context["request"].user
    overdue = (
        FollowUp.objects.filter(status=FollowUp.Status.OPEN, due_date__lt=context.get("today") or _today())
        .filter(Q(requirement__project=project) | Q(problem__project=project))
        .select_related("requirement", "problem", "owner_person", "owner_user")
        .order_by("due_date", "pk")[:100]
    )
    return {
        "csrf_token": context.get("csrf_token"),
        "project": project,
        "can_chase": can_chase(user),
        "can_instruct": can_instruct(user),
        "instructions": _instructions(Instruction.objects.filter(project=project)),
        "overdue": overdue,
        "chases": Chase.objects.filter(project=project).select_related("chased_by", "owner", "problem", "follow_up")[
            :20
        ],
    }


@register.inclusion_tag("notify/_weekly_chases.html")
def weekly_chases(monday, sunday):
    return {"counts": chases_between(monday, sunday)}


def _instructions(queryset):
    return queryset.select_related(
        "follow_up__requirement__issued_by", "follow_up__owner_person", "follow_up__owner_user"
    )[:50]


def _today():
    from django.utils import timezone

    return timezone.localdate()
