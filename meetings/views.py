from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.policy import can
from accounts.roles import action_required, log_required, view_required
from enterprises.models import Organization, Person, Position
from lib.export import FORMATS, export_response
from lib.history import history_entries
from lib.pickers import type_ahead
from projects.models import Attachment, Problem, Project
from projects.progress_views import attachment_upload_page

from .filters import MeetingFilter
from .forms import MeetingLog
from .models import Attendance, FollowUp, Meeting, Requirement
from .services import follow_up_complete, meeting_confirm, meeting_log_save

SEARCH_LIMIT = 10


@view_required
@require_GET
def meeting_list(request):
    meetings = (
        Meeting.objects.select_related("author")
        .prefetch_related("projects")
        .annotate(
            attendee_count=Count("attendances", distinct=True),
            open_problem_count=Count("problems", filter=Q(problems__status__in=Problem.OPEN_STATUSES), distinct=True),
        )
        .order_by("-date", "-pk")
    )
    meeting_filter = MeetingFilter(request.GET, queryset=meetings)
    if request.GET.get("export") in FORMATS:
        return _export_meetings(meeting_filter.qs, request.GET["export"])
    page = Paginator(meeting_filter.qs, 50).get_page(request.GET.get("page"))
    return render(request, "meetings/meeting_list.html", {"filter": meeting_filter, "page": page})


def _export_meetings(meetings, fmt):
    headers = [_("Date"), _("Part of day"), _("Kind"), _("Title"), _("Location"), _("Status"), _("Projects visited"),
               _("Attendees"), _("Open problems")]
    rows = (
        [m.date, m.get_part_of_day_display(), m.get_kind_display(), m.title, m.location, m.get_status_display(),
         "、".join(p.name for p in m.projects.all()), m.attendee_count, m.open_problem_count]
        for m in meetings
    )
    return export_response(headers, rows, filename=f"meetings-{timezone.localdate():%Y%m%d}", fmt=fmt)


def _meeting_for_page(pk: int) -> Meeting:
    positions = Position.objects.select_related("organization").order_by("-last_seen", "-pk")
    return get_object_or_404(
        Meeting.objects.select_related("author").prefetch_related(
            "projects",
            Prefetch(
                "attendances",
                queryset=Attendance.objects.select_related("person").prefetch_related(
                    Prefetch("person__positions", queryset=positions)
                ),
            ),
            Prefetch(
                "problems",
                queryset=Problem.objects.select_related("category", "project", "owner_unit", "owner_person"),
            ),
            Prefetch("attachments", queryset=Attachment.objects.select_related("uploaded_by").order_by("-uploaded_at")),
            Prefetch(
                "requirements",
                queryset=Requirement.objects.select_related("issued_by", "project").prefetch_related(
                    Prefetch("follow_ups", queryset=FollowUp.objects.select_related("owner_person", "owner_unit"))
                ),
            ),
        ),
        pk=pk,
    )


@view_required
@require_GET
def meeting_detail(request, pk):
    meeting = _meeting_for_page(pk)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "can_edit": can(request.user, "meeting.edit", meeting),
            "history": history_entries(meeting.history.all()),
        },
    )


@action_required("meeting.create")
@require_http_methods(["GET", "POST"])
def meeting_create(request):
    log = MeetingLog(request.POST if request.method == "POST" else None, projects=_projects_asked(request))
    if request.method == "POST" and log.is_valid():
        meeting = meeting_log_save(log=log, user=request.user)
        messages.success(request, _("Meeting log saved as a draft."))
        return redirect(meeting)
    return render(request, "meetings/meeting_form.html", {"log": log, "meeting": None})


def _projects_asked(request):
    """The projects named by ?project=<id> (a link from a project's page); ids of no project are ignored."""
    ids = [value for value in request.GET.getlist("project") if value.isdigit()]
    return list(Project.objects.filter(pk__in=ids).values_list("pk", flat=True)) if ids else []


@action_required("meeting.edit")
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    if not can(request.user, "meeting.edit", meeting):
        raise PermissionDenied
    log = MeetingLog(request.POST if request.method == "POST" else None, instance=meeting)
    if request.method == "POST" and log.is_valid():
        meeting = meeting_log_save(log=log, user=request.user)
        messages.success(request, _("Meeting log saved."))
        return redirect(meeting)
    return render(request, "meetings/meeting_form.html", {"log": log, "meeting": meeting})


@action_required("meeting.edit")
@require_POST
def meeting_confirm_view(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    if not can(request.user, "meeting.edit", meeting):
        raise PermissionDenied
    try:
        meeting_confirm(meeting=meeting, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Meeting log confirmed."))
    return redirect(meeting)


@action_required("follow_up.complete")
@require_POST
def follow_up_done(request, pk):
    follow_up = get_object_or_404(FollowUp.objects.select_related("requirement__meeting", "problem"), pk=pk)
    if not can(request.user, "follow_up.complete", follow_up):
        raise PermissionDenied
    try:
        follow_up_complete(follow_up=follow_up, reply=request.POST.get("reply", ""), user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Follow-up marked as done."))
    subject = follow_up.requirement.meeting if follow_up.requirement_id else follow_up.problem
    return redirect(subject)


@log_required
@require_GET
def people_search(request):
    """Type-ahead for the meeting form: people whose name contains the query, each with their latest post."""
    def results(query):
        latest_first = Position.objects.select_related("organization").order_by("-last_seen", "-pk")
        people = (
            Person.objects.filter(name__icontains=query).prefetch_related(Prefetch("positions", queryset=latest_first))
            .order_by("name", "pk")[:SEARCH_LIMIT]
        )
        return [{"id": person.pk, "name": person.name, "post": _post(person)} for person in people]
    return type_ahead(request, results, longest=50)


def _post(person) -> str:
    position = next(iter(person.positions.all()), None)
    if position is None:
        return ""
    return f"{position.organization.name if position.organization else ''}{position.title}"


@view_required  # officials too: the problem list's owner-unit filter searches here
@require_GET
def organizations_search(request):
    def results(query):
        organizations = Organization.objects.filter(Q(name__icontains=query) | Q(short_name__icontains=query))
        return [{"id": org.pk, "name": org.name} for org in organizations.order_by("name", "pk")[:SEARCH_LIMIT]]
    return type_ahead(request, results)


@action_required("attachment.upload")
@require_http_methods(["GET", "POST"])
def meeting_attachment_upload(request, pk):
    """Photos and documents of a visit (the sign-in sheet, the site): any staff member may add them."""
    meeting = get_object_or_404(Meeting, pk=pk)
    return attachment_upload_page(request, meeting, done_url=meeting.get_absolute_url() + "#files", meeting=meeting)
