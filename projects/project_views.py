"""The read pages of projects: the filtered list (with its export) and a project's page."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.roles import view_required
from alerts.lights import project_light
from lib.export import FORMATS, export_response
from lib.figures import FiguresPaginator, cached_figures, list_count_name
from lib.formatting import yuan_in_yi
from lib.pickers import type_ahead

from . import charts
from .filters import ProjectFilter, assigned_officials
from .models import Project
from .selectors import expected_percent, project_list_queryset, project_page

PAGE_SIZE = 50


@require_GET
@view_required
def project_list(request):
    today = timezone.localdate()
    project_filter = ProjectFilter(request.GET, queryset=project_list_queryset(today), request=request)
    export = request.GET.get("export")
    if export in FORMATS:
        return _export(project_filter.qs, export, today)
    paginator = FiguresPaginator(project_filter.qs, PAGE_SIZE, count_name=list_count_name("projects", request))
    page = paginator.get_page(request.GET.get("page"))
    for project in page.object_list:
        project.expected = expected_percent(project, today)
    return render(request, "projects/project_list.html", {
        "filter": project_filter, "page": page, "is_filtered": any(v for k, v in request.GET.items() if k != "page"),
    })


def _export(queryset, fmt, today):
    headers = [
        _("Project name"), _("Category"), _("Industry"), _("Stage"), _("Builder"),
        _("Total investment (100 million yuan)"), _("Planned start"), _("Planned production"),
        _("Reported progress (%)"), _("Expected progress (%)"), _("Lag"), _("Assigned officials"),
        # The national codes and both wordings of the stage, after the columns readers already rely on.
        _("Project code"), _("Industry code (GB/T 4754)"), _("Industry (GB/T 4754)"), _("Nature of construction"),
        _("Statistical stage"), _("Dispatch stage"), _("Registered for statistics"), _("Light"),
        _("Gap, linear (points)"), _("Gap, node plan (points)"),
    ]
    rows = (
        [
            p.name, p.get_category_display(), p.industry, p.get_stage_display(), p.builder.name if p.builder else "",
            yuan_in_yi(p.total_investment), p.planned_start, p.planned_production, p.latest_percent,
            _round(expected_percent(p, today)), p.get_lag_rank_display() if p.lag else "",
            "、".join(a.person.name for a in p.open_assignments),
            p.project_code, p.industry_code_id or "", p.industry_code.name if p.industry_code_id else "",
            p.get_nature_display(), p.get_statistical_stage_display(), p.dispatch_stage(today).label,
            _("Yes") if p.statistics_registered else _("No"), project_light(p).label,
            _round(p.linear_gap), _round(p.node_gap),
        ]
        for p in queryset
    )
    return export_response(headers, rows, filename=f"projects-{today:%Y%m%d}", fmt=fmt)


def _round(value):
    return None if value is None else round(value, 1)


@require_GET
@view_required
def project_detail(request, pk):
    today = timezone.localdate()
    # Cached with the figures until the next write: 序时进度 moves with the day and the charts' labels are translated.
    name = f"project-page:{pk}:{today.isoformat()}:{get_language()}"
    try:
        shown = cached_figures(name, lambda: _project_detail_data(pk, today))
    except Project.DoesNotExist:
        raise Http404(_("No such project.")) from None
    # The lights' thresholds come with the page (the `light` tag reads them from the request once read).
    request.light_thresholds = shown["page"].thresholds
    # The buttons are not cached: the template asks the policy for this user (can_log, can_chase, can_instruct).
    return render(request, "projects/project_detail.html", {**shown, "project": shown["page"].project})


def _project_detail_data(pk, today) -> dict:
    page = project_page(pk, today=today)
    return {
        "page": page,
        "milestone_chart": charts.milestone_chart(page),
        "progress_chart": charts.progress_chart(page),
        "investment_chart": charts.investment_chart(page),
    }


@require_GET
@view_required
def project_search(request):
    """Type-ahead for the staff forms' project pickers: names containing the query."""
    def results(query):
        projects = Project.objects.filter(name__icontains=query).order_by("name", "pk").only("pk", "name")[:20]
        return [{"id": project.pk, "name": project.name} for project in projects]
    return type_ahead(request, results)


@require_GET
@view_required
def officials_search(request):
    """Type-ahead for the project list's official filter: assigned officials whose name contains the query."""
    def results(query):
        officials = assigned_officials().filter(name__icontains=query).order_by("name", "pk").only("pk", "name")[:20]
        return [{"id": person.pk, "name": person.name} for person in officials]
    return type_ahead(request, results, longest=50)
