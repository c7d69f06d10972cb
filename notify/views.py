"""The user's channel preference, the weekly digest on demand, and the admins' send log with its resend."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.roles import action_required, admin_required, view_required
from enterprises.models import Person
from meetings.models import FollowUp
from projects.models import Problem, Project

from .chases import chase_create
from .digest import weekly_digest_send
from .forms import ChannelPreferenceForm, InstructionForm
from .instructions import instruction_create
from .models import ChannelPreference, Delivery
from .services import channel_for, delivery_resend, preference_save

PAGE_SIZE = 50


@view_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    """A user's own channel: nobody else's preference is reachable from here."""
    current = ChannelPreference.objects.filter(user=request.user).first()
    form = ChannelPreferenceForm(
        request.POST or None, instance=current, initial={"channel": channel_for(request.user)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            preference_save(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your channel is saved."))
            return redirect("notify:preferences")
    return render(request, "notify/preferences.html", {"form": form})


@view_required
@require_POST
def digest_now(request):
    person = Person.objects.filter(user=request.user).first()
    if person is None:
        messages.error(request, _("Your account is not linked to a person, so no projects are assigned to you."))
    elif weekly_digest_send(person=person):
        messages.success(request, _("Your weekly digest is on its way, on your channel."))
    else:
        messages.info(request, _("No digest sent: it went out today already, or no project is assigned to you."))
    return redirect("dashboard:me")


@admin_required
@require_GET
def send_log(request):
    status = request.GET.get("status", Delivery.Status.FAILED)
    deliveries = Delivery.objects.select_related("user", "notification").order_by("-created_at", "-pk")
    if status in Delivery.Status.values:
        deliveries = deliveries.filter(status=status)
    page = Paginator(deliveries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "notify/send_log.html", {"page": page, "status": status, "statuses": Delivery.Status.choices}
    )


@admin_required
@require_POST
def resend(request, pk):
    if delivery_resend(delivery_id=pk):
        messages.success(request, _("The message is queued again."))
    else:
        messages.error(request, _("Only a failed delivery can be sent again."))
    return redirect("notify:send_log")


chase_required = action_required("chase")


def _chase(request, *, problem=None, follow_up=None):
    try:
        chase_create(user=request.user, problem=problem, follow_up=follow_up)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The owner is told, on their channel."))


@chase_required
@require_POST
def chase_problem(request, pk):
    problem = get_object_or_404(Problem.objects.select_related("owner_person__user", "project"), pk=pk)
    _chase(request, problem=problem)
    return redirect(problem.get_absolute_url())


@chase_required
@require_POST
def chase_follow_up(request, pk):
    follow_up = get_object_or_404(
        FollowUp.objects.select_related("requirement__project", "problem__project", "owner_person__user", "owner_user"),
        pk=pk,
    )
    _chase(request, follow_up=follow_up)
    project = (follow_up.requirement or follow_up.problem).project
    return redirect(project.get_absolute_url() if project else reverse("dashboard:weekly_report"))


# 批示 is the officials' (and admins') act: staff log and chase, they do not instruct.
instruct_required = action_required("instruct")


@instruct_required
@require_http_methods(["GET", "POST"])
def instruct_project(request, pk):
    project = get_object_or_404(Project, pk=pk)
    return _instruct(request, project=project, problem=None, back=project.get_absolute_url())


@instruct_required
@require_http_methods(["GET", "POST"])
def instruct_problem(request, pk):
    problem = get_object_or_404(Problem.objects.select_related("project"), pk=pk)
    if problem.project is None:
        messages.error(request, _("An instruction needs a project; this problem belongs to none."))
        return redirect(problem.get_absolute_url())
    return _instruct(request, project=problem.project, problem=problem, back=problem.get_absolute_url())


def _instruct(request, *, project, problem, back):
    form = InstructionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            instruction_create(user=request.user, project=project, problem=problem, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your instruction is recorded and its owner told."))
            return redirect(back)
    return render(
        request, "notify/instruction_form.html", {"form": form, "project": project, "problem": problem, "back": back}
    )


def _add_errors(form, error):
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)
