"""The plan on the project's pages: staff add, edit, reorder and remove milestones, or fill them from a template.

Who may edit a plan is the policy's "plan.edit"; officials read the plan on the project page's chart.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from accounts.roles import action_required

from .forms import MilestoneForm, TemplateApplyForm
from .models import Milestone, Project
from .services import (
    milestone_create,
    milestone_delete,
    milestone_move,
    milestone_update,
    plan_apply_template,
    reported_milestone_ids,
)

plan_required = action_required("plan.edit")


def _plan_url(project_id) -> str:
    return reverse("projects:plan", args=[project_id])


def _render_plan(request, project, *, add_form=None, template_form=None, status=200):
    milestones = list(
        Milestone.objects.filter(project=project).select_related("phase").order_by("position", "planned_date", "pk")
    )
    reported = reported_milestone_ids(milestones)
    for milestone in milestones:
        milestone.removable = milestone.pk not in reported
    return render(request, "projects/plan.html", {
        "project": project, "milestones": milestones,
        "add_form": add_form or MilestoneForm(project=project),
        "template_form": template_form or TemplateApplyForm(project=project),
    }, status=status)


@plan_required
@require_http_methods(["GET", "POST"])
def plan(request, pk):
    """The plan editor; a POST adds one milestone at the end of the plan."""
    project = get_object_or_404(Project, pk=pk)
    if request.method == "GET":
        return _render_plan(request, project)
    form = MilestoneForm(request.POST, project=project)
    if form.is_valid():
        data = form.cleaned_data
        try:
            milestone_create(project=project, name=data["name"], planned_date=data["planned_date"],
                             phase=data.get("phase"))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Milestone added to the plan."))
            return redirect(_plan_url(project.pk))
    return _render_plan(request, project, add_form=form, status=400)


@plan_required
@require_POST
def plan_apply_template_view(request, pk):
    project = get_object_or_404(Project, pk=pk)
    form = TemplateApplyForm(request.POST, project=project)
    if form.is_valid():
        data = form.cleaned_data
        try:
            added = plan_apply_template(project=project, template=data["template"], start=data["start"],
                                        end=data["end"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, ngettext(
                "%(count)d milestone added from the template.", "%(count)d milestones added from the template.",
                len(added),
            ) % {"count": len(added)})
            return redirect(_plan_url(project.pk))
    return _render_plan(request, project, template_form=form, status=400)


@plan_required
@require_http_methods(["GET", "POST"])
def milestone_edit(request, pk):
    milestone = get_object_or_404(Milestone.objects.select_related("project", "phase"), pk=pk)
    form = MilestoneForm(request.POST or None, project=milestone.project, milestone=milestone)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            milestone_update(milestone=milestone, name=data["name"], planned_date=data["planned_date"],
                             reason=data.get("reason", ""), phase=data.get("phase"))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Milestone saved."))
            return redirect(_plan_url(milestone.project_id))
    return render(request, "projects/milestone_form.html", {
        "milestone": milestone, "form": form, "heading": _("Edit milestone"), "multipart": False,
        "back": _plan_url(milestone.project_id),
    }, status=400 if request.method == "POST" else 200)


@plan_required
@require_POST
def milestone_delete_view(request, pk):
    milestone = get_object_or_404(Milestone, pk=pk)
    try:
        milestone_delete(milestone=milestone)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Milestone removed from the plan."))
    return redirect(_plan_url(milestone.project_id))


@plan_required
@require_POST
def milestone_move_view(request, pk):
    milestone = get_object_or_404(Milestone.objects.select_related("project"), pk=pk)
    milestone_move(milestone=milestone, up=request.POST.get("direction") == "up")
    return redirect(_plan_url(milestone.project_id) + f"#plan-{milestone.pk}")

