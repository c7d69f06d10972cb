"""API viewsets: one per resource, with the page's FilterSet where the page has one."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.roles import Role, role_of
from alerts.models import Alert
from bulletins.models import Bulletin, Evidence
from enterprises.models import Organization, Person, Position
from meetings.filters import MeetingFilter
from meetings.models import Attendance, FollowUp, Meeting, Requirement
from meetings.services import can_edit_meeting, meeting_confirm
from projects.filters import ProjectFilter
from projects.models import (
    AnnualPlan,
    Assignment,
    Capacity,
    InvestmentReport,
    Milestone,
    Phase,
    Problem,
    ProgressReport,
    Project,
)
from projects.problem_filters import ProblemFilter
from projects.selectors import with_latest_progress, with_schedule_gaps
from projects.services import problem_create
from search.selectors import highlight, search_documents

from . import serializers as s
from .oc4ids import project_package

STAFF_LOGS = ("create", "update", "destroy")


class RoleModelViewSet(viewsets.ModelViewSet):
    """Create, read, update, delete; `RolePermission` and `staff_may_change` decide who."""

    staff_actions: tuple[str, ...] = ()
    owner_field: str | None = None  # set to the user saving a new row (author, reporter)

    staff_may_change = None

    def _check_candidate(self, serializer):
        # The row a write would produce must be one the caller may change too (no moving a row into someone's log).
        if (
            role_of(self.request.user) == Role.STAFF
            and self.staff_may_change is not None
            and not self.staff_may_change(self.request.user, serializer.candidate)
        ):
            raise PermissionDenied

    def perform_create(self, serializer):
        if self.owner_field:
            setattr(serializer.candidate, self.owner_field, self.request.user)
        self._check_candidate(serializer)
        serializer.save(**({self.owner_field: self.request.user} if self.owner_field else {}))

    def perform_update(self, serializer):
        self._check_candidate(serializer)
        serializer.save()


def _owned_by(field: str):
    def may_change(self, user, row) -> bool:
        return getattr(row, f"{field}_id") == user.pk

    return may_change


def _in_editable_meeting(self, user, row) -> bool:
    return row.meeting_id is not None and can_edit_meeting(user, row.meeting)


# --- Organizations and people (admins write) -----------------------------------------------------


class OrganizationViewSet(RoleModelViewSet):
    queryset = Organization.objects.all()
    serializer_class = s.OrganizationSerializer
    filterset_fields = ["kind", "parent", "industry", "industry_code", "credit_code"]
    ordering_fields = ["name", "created_at", "updated_at"]


class PersonViewSet(RoleModelViewSet):
    queryset = Person.objects.prefetch_related("positions__organization")
    serializer_class = s.PersonSerializer
    filterset_fields = ["name"]
    ordering_fields = ["name", "created_at"]


class PositionViewSet(RoleModelViewSet):
    queryset = Position.objects.select_related("person", "organization")
    serializer_class = s.PositionSerializer
    filterset_fields = ["person", "organization", "title"]
    ordering_fields = ["first_seen", "last_seen"]


# --- Projects ------------------------------------------------------------------------------------


class ProjectViewSet(RoleModelViewSet):
    queryset = with_latest_progress(
        Project.objects.select_related("builder", "industry_code").prefetch_related("phases", "capacities")
    )
    serializer_class = s.ProjectSerializer
    filterset_class = ProjectFilter
    ordering_fields = ["name", "total_investment", "planned_production", "updated_at"]

    def get_queryset(self):
        # Both 序时 gaps are as of today, so they are annotated per request (the list's `o` sorts by them).
        return with_schedule_gaps(super().get_queryset(), timezone.localdate())


class PhaseViewSet(RoleModelViewSet):
    queryset = Phase.objects.all()
    serializer_class = s.PhaseSerializer
    filterset_fields = ["project"]
    ordering_fields = ["order", "planned_start", "planned_finish"]


class CapacityViewSet(RoleModelViewSet):
    queryset = Capacity.objects.order_by("project", "pk")
    serializer_class = s.CapacitySerializer
    filterset_fields = ["project", "phase"]
    ordering_fields = ["value"]


class MilestoneViewSet(RoleModelViewSet):
    """Staff record completion (and move plans, keeping the baseline); admins set the chart up."""

    queryset = Milestone.objects.select_related("project")
    serializer_class = s.MilestoneSerializer
    filterset_fields = ["project", "phase"]
    ordering_fields = ["planned_date", "actual_date"]
    staff_actions = ("update",)


class ProgressReportViewSet(RoleModelViewSet):
    queryset = ProgressReport.objects.all()
    serializer_class = s.ProgressReportSerializer
    filterset_fields = ["project", "phase", "date"]
    ordering_fields = ["date", "percent_complete"]
    staff_actions = STAFF_LOGS
    owner_field = "reporter"
    staff_may_change = _owned_by("reporter")


class AnnualPlanViewSet(RoleModelViewSet):
    queryset = AnnualPlan.objects.all()
    serializer_class = s.AnnualPlanSerializer
    filterset_fields = ["project", "year"]
    ordering_fields = ["year"]


class InvestmentReportViewSet(RoleModelViewSet):
    queryset = InvestmentReport.objects.all()
    serializer_class = s.InvestmentReportSerializer
    filterset_fields = ["project", "year", "month"]
    ordering_fields = ["year", "month", "amount"]
    staff_actions = STAFF_LOGS
    owner_field = "reporter"
    staff_may_change = _owned_by("reporter")


class AssignmentViewSet(RoleModelViewSet):
    queryset = Assignment.objects.select_related("person")
    serializer_class = s.AssignmentSerializer
    filterset_fields = ["person", "project", "role"]
    ordering_fields = ["started_on", "ended_on"]


class ProblemViewSet(RoleModelViewSet):
    queryset = Problem.objects.select_related("category")
    serializer_class = s.ProblemSerializer
    filterset_class = ProblemFilter
    ordering_fields = ["raised_on", "due_date", "status"]
    staff_actions = STAFF_LOGS
    staff_may_change = _owned_by("created_by")

    def perform_create(self, serializer):
        # The same service as the pages: it also opens the problem's trail.
        serializer.instance = problem_create(created_by=self.request.user, **serializer.validated_data)


# --- Meetings (the rules of the meeting pages: meetings.services.can_edit_meeting) ---------------


class MeetingViewSet(RoleModelViewSet):
    queryset = Meeting.objects.prefetch_related("projects", "attendances__person")
    serializer_class = s.MeetingSerializer
    filterset_class = MeetingFilter
    ordering_fields = ["date", "created_at"]
    staff_actions = STAFF_LOGS
    owner_field = "author"

    def staff_may_change(self, user, row) -> bool:
        return row.pk is None or can_edit_meeting(user, row)

    @extend_schema(request=None, responses=s.MeetingSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """Confirm a draft log, as its page does; after that only its author may change it, for 24 hours."""
        try:
            meeting = meeting_confirm(meeting=self.get_object(), user=request.user)
        except DjangoPermissionDenied as error:
            raise PermissionDenied from error
        except DjangoValidationError as error:
            raise serializers.ValidationError(serializers.as_serializer_error(error)) from error
        return Response(self.get_serializer(meeting).data)


class AttendanceViewSet(RoleModelViewSet):
    queryset = Attendance.objects.select_related("person", "meeting")
    serializer_class = s.AttendanceSerializer
    filterset_fields = ["meeting", "person", "role"]
    ordering_fields = ["meeting"]
    staff_actions = STAFF_LOGS
    staff_may_change = _in_editable_meeting


class RequirementViewSet(RoleModelViewSet):
    queryset = Requirement.objects.select_related("meeting")
    serializer_class = s.RequirementSerializer
    filterset_fields = ["meeting", "issued_by", "project"]
    ordering_fields = ["meeting"]
    staff_actions = STAFF_LOGS
    staff_may_change = _in_editable_meeting


class FollowUpViewSet(RoleModelViewSet):
    queryset = FollowUp.objects.select_related("requirement__meeting", "problem")
    serializer_class = s.FollowUpSerializer
    filterset_fields = ["status", "owner_person", "owner_unit", "owner_user", "requirement", "problem"]
    ordering_fields = ["due_date", "created_at"]
    staff_actions = ("create", "update")

    def staff_may_change(self, user, row) -> bool:
        """The staff member following it up, or the one who may edit the log or problem it comes from."""
        if row.owner_user_id == user.pk:
            return True
        if row.requirement_id is not None:
            return can_edit_meeting(user, row.requirement.meeting)
        return row.problem_id is not None and row.problem.created_by_id == user.pk


# --- Read-only ---------------------------------------------------------------------------------


class AlertViewSet(viewsets.ReadOnlyModelViewSet):
    """Raised and resolved by the daily scan; read-only here."""

    queryset = Alert.objects.select_related(
        "project", "milestone", "phase", "problem", "follow_up__requirement", "follow_up__problem"
    )
    serializer_class = s.AlertSerializer
    filterset_fields = ["rule", "subject_type", "severity", "project"]
    ordering_fields = ["first_flagged", "last_seen"]


class BulletinViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Bulletin.objects.all()
    serializer_class = s.BulletinSerializer
    filterset_fields = ["issued_on"]
    ordering_fields = ["issued_on", "imported_at"]


class EvidenceViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Evidence.objects.select_related("content_type")
    serializer_class = s.EvidenceSerializer
    filterset_fields = ["bulletin", "content_type", "object_id", "field"]
    ordering_fields = ["start"]


# --- Search ------------------------------------------------------------------------------------


@extend_schema(
    parameters=[
        OpenApiParameter("q", OpenApiTypes.STR, description="Words to find, in Chinese or not."),
        OpenApiParameter(
            "type", OpenApiTypes.STR, many=True,
            enum=["project", "organization", "person", "meeting", "problem", "bulletin"],
        ),
    ]
)
class SearchView(ListAPIView):
    """Projects, organizations, people, meetings, problems and bulletins matching every word of `q`."""

    serializer_class = s.SearchHitSerializer
    filter_backends = []

    def get_queryset(self):
        return search_documents(query=self.request.query_params.get("q", ""),
                                models=self.request.query_params.getlist("type") or None)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        hits = highlight(page, query=request.query_params.get("q", ""))
        return self.get_paginated_response(self.get_serializer(hits, many=True).data)



# --- Open data -----------------------------------------------------------------------------------


class OC4IDSView(APIView):
    """All projects as an OC4IDS 0.9 project package (JSON)."""

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        return Response(project_package(uri=request.build_absolute_uri(), absolute=request.build_absolute_uri))
