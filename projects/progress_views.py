"""Progress pages: milestones reached or moved, progress reports, investment, uploads, and the change history."""


from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.policy import can
from accounts.roles import action_required, view_required
from lib.formatting import WAN
from lib.history import history_entries

from .forms import (
    AnnualPlanForm,
    AttachmentForm,
    InvestmentReportForm,
    MilestoneReachedForm,
    MilestoneRescheduleForm,
    ProgressReportForm,
    SitePhotoForm,
)
from .models import AnnualPlan, Attachment, InvestmentReport, Milestone, ProgressReport, Project
from .services import (
    annual_plan_set,
    attachment_create,
    investment_progress,
    investment_report_set,
    milestone_mark_reached,
    milestone_reschedule,
    progress_report_create,
)


def _milestone(pk) -> Milestone:
    return get_object_or_404(Milestone.objects.select_related("project", "phase"), pk=pk)


@action_required("milestone.record")
@require_http_methods(["GET", "POST"])
def milestone_reached(request, pk):
    milestone = _milestone(pk)
    form = MilestoneReachedForm(request.POST or None, request.FILES or None, milestone=milestone)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            milestone_mark_reached(
                milestone=milestone, actual_date=data["actual_date"], note=data["note"], photo=data["photo"],
                user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Milestone recorded as reached."))
            return redirect(milestone)
    return render(request, "projects/milestone_form.html", {
        "milestone": milestone, "form": form, "heading": _("Milestone reached"), "multipart": True,
    })


@action_required("milestone.record")
@require_http_methods(["GET", "POST"])
def milestone_reschedule_view(request, pk):
    milestone = _milestone(pk)
    form = MilestoneRescheduleForm(request.POST or None, milestone=milestone)
    if request.method == "POST" and form.is_valid():
        try:
            milestone_reschedule(
                milestone=milestone, planned_date=form.cleaned_data["planned_date"], reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Planned date moved; the first plan is kept as the baseline."))
            return redirect(milestone)
    return render(request, "projects/milestone_form.html", {
        "milestone": milestone, "form": form, "heading": _("Move the planned date"), "multipart": False,
    })


@action_required("progress.create")
@require_http_methods(["GET", "POST"])
def progress_report_create_view(request, pk):
    project = get_object_or_404(Project, pk=pk)
    form = ProgressReportForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            progress_report_create(
                project=project, phase=data["phase"], date=data["date"], percent_complete=data["percent_complete"],
                statement=data["statement"], reporter=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Progress report recorded."))
            return redirect(project)
    return render(request, "projects/progress_form.html", {"project": project, "form": form})


@view_required
@require_http_methods(["GET", "POST"])
def investment(request, pk):
    """The year's planned investment, each month's completion, and completion against 序时进度."""
    project = get_object_or_404(Project, pk=pk)
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    plan_form = AnnualPlanForm(initial={"year": year}, prefix="plan")
    report_form = InvestmentReportForm(initial={"year": year, "month": today.month}, prefix="month")
    if request.method == "POST":
        if not can(request.user, "investment.record"):
            raise PermissionDenied
        if "plan-year" in request.POST:
            plan_form = AnnualPlanForm(request.POST, prefix="plan")
            if plan_form.is_valid():
                try:
                    annual_plan_set(
                        project=project, year=plan_form.cleaned_data["year"],
                        planned_investment=plan_form.cleaned_data["planned_investment_wan"] * WAN,
                    )
                except ValidationError as error:
                    plan_form.add_error(None, error)
                else:
                    messages.success(request, _("Annual plan saved."))
                    return redirect(f"{request.path}?year={plan_form.cleaned_data['year']}")
        else:
            report_form = InvestmentReportForm(request.POST, prefix="month")
            if report_form.is_valid():
                data = report_form.cleaned_data
                try:
                    investment_report_set(
                        project=project, year=data["year"], month=data["month"], amount=data["amount_wan"] * WAN,
                        reporter=request.user,
                    )
                except ValidationError as error:
                    report_form.add_error(None, error)
                else:
                    messages.success(request, _("Monthly investment saved."))
                    return redirect(f"{request.path}?year={data['year']}")
    progress = investment_progress(project, year=year)
    reports = list(InvestmentReport.objects.filter(project=project, year=year).order_by("month"))
    plans = list(AnnualPlan.objects.filter(project=project).order_by("-year")[:10])
    status = 400 if request.method == "POST" else 200
    return render(request, "projects/investment.html", {
        "project": project, "year": year, "progress": progress, "reports": reports, "plans": plans,
        "plan_form": plan_form, "report_form": report_form,
    }, status=status)


def upload_form(request):
    """?kind=photo asks for a site photo (the camera on a phone); otherwise any photo or document."""
    form_class = SitePhotoForm if request.GET.get("kind") == "photo" else AttachmentForm
    return form_class(request.POST or None, request.FILES or None)


def attachment_upload_page(request, subject, *, done_url: str, **attached_to):
    """The upload form of a project or a meeting (`attached_to`: project= or meeting=), and its POST."""
    form = upload_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            attachment_create(upload=form.cleaned_data["file"], caption=form.cleaned_data["caption"],
                              user=request.user, **attached_to)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("File uploaded."))
            return redirect(done_url)
    return render(request, "projects/attachment_form.html", {
        "subject": subject, "form": form, "photo": isinstance(form, SitePhotoForm),
    })


@action_required("attachment.upload")
@require_http_methods(["GET", "POST"])
def attachment_upload(request, pk):
    project = get_object_or_404(Project, pk=pk)
    photos = "#photos" if request.GET.get("kind") == "photo" else ""
    return attachment_upload_page(request, project, done_url=project.get_absolute_url() + photos, project=project)


def _file_response(field, *, filename: str, content_type: str, inline: bool):
    try:
        handle = field.open("rb")
    except (FileNotFoundError, ValueError) as missing:
        raise Http404 from missing
    response = FileResponse(handle, as_attachment=not inline, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    # An image shown on its own needs img-src; nothing in any file may run or load anything else.
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response


@view_required
@require_GET
def attachment_download(request, pk):
    """Files go out only through here, with their checked type: photos shown, documents downloaded, nothing run."""
    attachment = get_object_or_404(Attachment, pk=pk)
    return _file_response(attachment.file, filename=attachment.original_name, content_type=attachment.mime_type,
                          inline=attachment.is_image)


@view_required
@require_GET
def attachment_thumbnail(request, pk):
    """The small JPEG made at upload, for the photo wall and attachment lists."""
    attachment = get_object_or_404(Attachment.objects.exclude(thumbnail=""), pk=pk)
    response = _file_response(attachment.thumbnail, filename=f"thumbnail-{attachment.pk}.jpg",
                              content_type="image/jpeg", inline=True)
    response["Cache-Control"] = "private, max-age=86400"
    return response


@view_required
@require_GET
def project_history(request, pk):
    """Every recorded change to a project, its milestones and its progress reports."""
    project = get_object_or_404(
        Project.objects.prefetch_related(Prefetch("milestones", queryset=Milestone.objects.only("pk", "name"))), pk=pk
    )
    milestone_names = {m.pk: m.name for m in project.milestones.all()}
    sections = [
        (_("Project"), history_entries(project.history.all())),
        (_("Milestones"), history_entries(
            Milestone.history.filter(project_id=project.pk),
            subject=lambda record: milestone_names.get(record.id, record.name),
        )),
        (_("Progress reports"), history_entries(
            ProgressReport.history.filter(project_id=project.pk),
            subject=lambda record: f"{record.date:%Y-%m-%d}",
        )),
    ]
    return render(request, "projects/project_history.html", {"project": project, "sections": sections})
