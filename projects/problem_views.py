"""The problem list (问题清单): list, detail with its trail, and each step of its life."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.policy import can
from accounts.roles import action_required, view_required
from alerts.lights import problem_light
from alerts.models import AlertSettings
from enterprises.services import organization_find_or_create, person_find_or_create
from lib.export import FORMATS, export_response
from lib.history import history_entries
from meetings.models import FollowUp

from .forms import (
    AttachmentForm,
    ProblemEscalateForm,
    ProblemForm,
    ProblemReassignForm,
    ProblemReplyForm,
    ProblemSignOffForm,
    ProblemSolveForm,
)
from .models import Attachment, Problem, ProblemUpdate
from .problem_filters import ProblemFilter
from .services import (
    attachment_create,
    problem_create,
    problem_escalate,
    problem_reassign,
    problem_reopen,
    problem_reply,
    problem_sign_off,
    problem_solve,
)

# Each step asks the policy twice: at the door (may this role ever do it?) and with the problem (this one?).
work_required = action_required("problem.work")
sign_off_required = action_required("problem.sign_off")


def _problem_may(request, pk, action) -> Problem:
    """The problem, if the user may do `action` to it: 404 when there is none, 403 when it is not theirs."""
    problem = _problem_for_page(pk)
    if not can(request.user, action, problem):
        raise PermissionDenied
    return problem


@view_required
@require_GET
def problem_list(request):
    problems = Problem.objects.select_related("category", "project", "owner_unit", "owner_person", "meeting")
    problem_filter = ProblemFilter(request.GET, queryset=problems)
    if request.GET.get("export") in FORMATS:
        return _export_problems(problem_filter.qs, request.GET["export"])
    page = Paginator(problem_filter.qs, 50).get_page(request.GET.get("page"))
    overdue_count = Problem.objects.overdue(timezone.localdate()).count()
    return render(
        request, "projects/problem_list.html",
        {"filter": problem_filter, "page": page, "overdue_count": overdue_count},
    )


def _export_problems(problems, fmt):
    headers = [_("Category"), _("Problem"), _("Project"), _("Owner unit"), _("Owner"), _("Raised on"), _("Due date"),
               _("Status"), _("Overdue"), _("Age (days)"), _("Resolution"), _("Light")]
    today, thresholds = timezone.localdate(), AlertSettings.current()
    rows = (
        [p.category.name, p.description, p.project.name if p.project else "", p.owner_unit.name if p.owner_unit else "",
         p.owner_person.name if p.owner_person else "", p.raised_on, p.due_date, p.get_status_display(),
         _("yes") if p.is_overdue else "", p.age_days, p.resolution, problem_light(p, today, thresholds).label]
        for p in problems
    )
    return export_response(headers, rows, filename=f"problems-{timezone.localdate():%Y%m%d}", fmt=fmt)


def _problem_for_page(pk) -> Problem:
    return get_object_or_404(
        Problem.objects.select_related(
            "category", "project", "owner_unit", "owner_person", "meeting", "escalated_to", "closed_by", "created_by"
        ).prefetch_related(
            Prefetch("updates", queryset=ProblemUpdate.objects.select_related("author").order_by("date", "created_at")),
            Prefetch("follow_ups", queryset=FollowUp.objects.select_related("owner_person", "owner_unit")),
            Prefetch("attachments", queryset=Attachment.objects.select_related("uploaded_by").order_by("-uploaded_at")),
        ),
        pk=pk,
    )


def _render_detail(request, problem, status=200, **forms):
    context = {
        "problem": problem,
        "can_work": problem.status != Problem.Status.CLOSED and can(request.user, "problem.work", problem),
        "can_sign_off": problem.status == Problem.Status.SOLVED and can(request.user, "problem.sign_off", problem),
        "can_reassign": problem.is_open and can(request.user, "problem.edit", problem),
        "reply_form": forms.get("reply_form") or ProblemReplyForm(),
        "solve_form": forms.get("solve_form") or ProblemSolveForm(problem=problem),
        "sign_off_form": forms.get("sign_off_form") or ProblemSignOffForm(problem=problem),
        "escalate_form": forms.get("escalate_form") or ProblemEscalateForm(),
        "attachment_form": forms.get("attachment_form") or AttachmentForm(),
        "reassign_form": forms.get("reassign_form") or ProblemReassignForm(problem=problem),
        "history": history_entries(problem.history.all()),
    }
    return render(request, "projects/problem_detail.html", context, status=status)


@view_required
@require_GET
def problem_detail(request, pk):
    return _render_detail(request, _problem_for_page(pk))


@action_required("problem.create")
@require_http_methods(["GET", "POST"])
def problem_create_view(request):
    form = ProblemForm(request.POST or None, initial={"project": request.GET.get("project")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        problem = problem_create(
            project=data["project"], category=data["category"], description=data["description"],
            due_date=data["due_date"], created_by=request.user,
            owner_unit=organization_find_or_create(name=data["owner_unit_name"]),
            owner_person=person_find_or_create(name=data["owner_person_name"]),
        )
        messages.success(request, _("Problem added to the list."))
        return redirect(problem)
    return render(request, "projects/problem_form.html", {"form": form})


def _step(request, pk, form_name, form_class, action, *, with_problem=False, policy_action="problem.work"):
    """Run one step of a problem's life from a form on its page; on error show the page with the form kept."""
    problem = _problem_may(request, pk, policy_action)
    extra = {"problem": problem} if with_problem else {}
    form = form_class(request.POST, request.FILES, **extra)
    if form.is_valid():
        try:
            action(problem, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(problem)
    return _render_detail(request, problem, status=400, **{form_name: form})


@work_required
@require_POST
def problem_reply_view(request, pk):
    def action(problem, data):
        problem_reply(problem=problem, text=data["text"], date=data["date"], author=request.user)
        messages.success(request, _("Reply recorded."))

    return _step(request, pk, "reply_form", ProblemReplyForm, action)


@work_required
@require_POST
def problem_solve_view(request, pk):
    def action(problem, data):
        problem_solve(problem=problem, resolution=data["resolution"], solved_on=data["solved_on"], author=request.user)
        messages.success(request, _("Problem marked as solved."))

    return _step(request, pk, "solve_form", ProblemSolveForm, action, with_problem=True)


@work_required
@require_POST
def problem_reopen_view(request, pk):
    problem = _problem_may(request, pk, "problem.work")
    try:
        text = request.POST.get("text", "").strip() or _("Reopened.")
        problem_reopen(problem=problem, text=text, author=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(problem)


@sign_off_required
@require_POST
def problem_sign_off_view(request, pk):
    def action(problem, data):
        problem_sign_off(problem=problem, user=request.user, note=data["note"])
        messages.success(request, _("Problem signed off."))

    return _step(request, pk, "sign_off_form", ProblemSignOffForm, action, with_problem=True,
                 policy_action="problem.sign_off")


@work_required
@require_POST
def problem_escalate_view(request, pk):
    def action(problem, data):
        problem_escalate(problem=problem, meeting=data["meeting"], author=request.user)
        messages.success(request, _("Problem escalated to the coordination meeting."))

    return _step(request, pk, "escalate_form", ProblemEscalateForm, action)


@work_required
@require_POST
def problem_attach_view(request, pk):
    def action(problem, data):
        if problem.project_id is None:
            raise ValidationError(_("Attach files to problems that belong to a project."))
        attachment_create(project=problem.project, problem=problem, upload=data["file"], caption=data["caption"],
                          user=request.user)
        messages.success(request, _("File attached."))

    return _step(request, pk, "attachment_form", AttachmentForm, action)


@action_required("problem.edit")
@require_POST
def problem_reassign_view(request, pk):
    def action(problem, data):
        problem_reassign(
            problem=problem, due_date=data["due_date"], note=data["note"], author=request.user,
            owner_unit=organization_find_or_create(name=data["owner_unit_name"]),
            owner_person=person_find_or_create(name=data["owner_person_name"]),
        )
        messages.success(request, _("Problem reassigned."))

    return _step(request, pk, "reassign_form", ProblemReassignForm, action, with_problem=True,
                 policy_action="problem.edit")
