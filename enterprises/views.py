"""Read pages for organizations (group tree, projects, people) and people (posts, meetings, projects)."""

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from accounts.roles import view_required
from meetings.models import Attendance
from projects.models import Assignment, Project
from projects.selectors import open_assignments

from .filters import OrganizationFilter
from .models import Organization, Person, Position

PAGE_SIZE = 50


@require_GET
@view_required
def organization_list(request):
    organization_filter = OrganizationFilter(request.GET, queryset=Organization.objects.select_related("parent"))
    page = Paginator(organization_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "enterprises/organization_list.html", {"filter": organization_filter, "page": page})


@require_GET
@view_required
def organization_detail(request, pk):
    subsidiaries = Organization.objects.order_by("name")
    organization = get_object_or_404(
        Organization.objects.select_related("parent__parent", "industry_code").prefetch_related(
            Prefetch("subsidiaries", queryset=subsidiaries.prefetch_related(
                Prefetch("subsidiaries", queryset=subsidiaries)
            ))
        ),
        pk=pk,
    )
    # The group's projects: its own and its subsidiaries'.
    projects = Project.objects.filter(
        Q(builder=organization) | Q(builder__parent=organization)
    ).select_related("builder").prefetch_related(open_assignments()).order_by("-lag_rank", "name")
    positions = Position.objects.filter(organization=organization).select_related("person").order_by(
        "-last_seen", "person__name"
    )
    return render(request, "enterprises/organization_detail.html", {
        "organization": organization, "projects": list(projects[:200]), "positions": list(positions[:200]),
    })


@require_GET
@view_required
def person_detail(request, pk):
    person = get_object_or_404(Person, pk=pk)
    positions = (
        Position.objects.filter(person=person).select_related("organization").order_by("-last_seen", "-first_seen")
    )
    attendances = Attendance.objects.filter(person=person).select_related("meeting").order_by("-meeting__date")[:100]
    assignments = Assignment.objects.filter(person=person).select_related("project").order_by(
        "ended_on", "project__name"
    )
    return render(request, "enterprises/person_detail.html", {
        "person": person, "positions": list(positions), "attendances": list(attendances),
        "assignments": list(assignments[:200]),
    })
