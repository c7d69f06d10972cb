"""API viewsets: one per resource, with the page's FilterSet where the page has one."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from alerts.models import Alert
from bulletins.models import Bulletin, Evidence
from enterprises.models import Organization, Person, Position
from meetings.filters import MeetingFilter
from meetings.models import Attendance, FollowUp, Meeting, Requirement
from meetings.services import follow_up_complete, follow_up_create, follow_up_update, meeting_confirm
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
from projects.services import (
    annual_plan_set,
    investment_report_set,
    milestone_create,
    milestone_mark_reached,
    milestone_reschedule,
    milestone_update,
    problem_create,
    problem_escalate,
    problem_reopen,
    problem_reply,
    problem_sign_off,
    problem_solve,
    problem_update,
    progress_report_create,
    progress_report_update,
)
from search.selectors import highlight, search_documents

from . import serializers as s
from .oc4ids import project_package

# Who may write what is the policy's (accounts.policy); each viewset maps its actions to the policy's actions.
ADMIN_WRITES = {"create": "administer", "update": "administer", "partial_update": "administer",
                "destroy": "administer"}


def _service_errors(call):
    """Run a service; its ValidationError becomes the API's 400, its PermissionDenied the API's 403."""
    try:
        return call()
    except DjangoPermissionDenied as error:
        raise PermissionDenied from error
    except DjangoValidationError as error:
        raise serializers.ValidationError(serializers.as_serializer_error(error)) from error


class PolicyModelViewSet(viewsets.ModelViewSet):
    """Create, read, update, delete as `policy` allows; `create_row`/`update_row` save through the services."""

    policy: dict[str, str] = ADMIN_WRITES

    def _check_candidate(self, serializer):
        # The row a write would produce must be one the caller may write too (no moving a row into someone's log).
        self.check_object_permissions(self.request, serializer.candidate)

    def perform_create(self, serializer):
        self._check_candidate(serializer)
        serializer.instance = _service_errors(lambda: self.create_row(serializer.validated_data))

    def perform_update(self, serializer):
        self._check_candidate(serializer)
        serializer.instance = _service_errors(lambda: self.update_row(serializer.instance, serializer.validated_data))

    def create_row(self, data):
        return self.get_serializer().create(data)

    def update_row(self, instance, data):
        return self.get_serializer().update(instance, data)

    def _step(self, request, input_serializer, service, *, output=None):
        """One step of a row's life (reply, solve, reach…): validate the input, call the service, show the row."""
        row = self.get_object()
        data = input_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = _service_errors(lambda: service(row, data.validated_data))
        return Response((output or self.get_serializer_class())(result, context=self.get_serializer_context()).data)


# --- Organizations and people (admins write) -----------------------------------------------------


class OrganizationViewSet(PolicyModelViewSet):
    queryset = Organization.objects.all()
    serializer_class = s.OrganizationSerializer
    filterset_fields = ["kind", "parent", "industry", "industry_code", "credit_code"]
    ordering_fields = ["name", "created_at", "updated_at"]


class PersonViewSet(PolicyModelViewSet):
    queryset = Person.objects.prefetch_related("positions__organization")
    serializer_class = s.PersonSerializer
    filterset_fields = ["name"]
    ordering_fields = ["name", "created_at"]


class PositionViewSet(PolicyModelViewSet):
    queryset = Position.objects.select_related("person", "organization")
    serializer_class = s.PositionSerializer
    filterset_fields = ["person", "organization", "title"]
    ordering_fields = ["first_seen", "last_seen"]


# --- Projects ------------------------------------------------------------------------------------


class ProjectViewSet(PolicyModelViewSet):
    queryset = with_latest_progress(
        Project.objects.select_related("builder", "industry_code").prefetch_related("phases", "capacities")
    )
    serializer_class = s.ProjectSerializer
    filterset_class = ProjectFilter
    ordering_fields = ["name", "total_investment", "planned_production", "updated_at"]

    def get_queryset(self):
        # Both 序时 gaps are as of today, so they are annotated per request (the list's `o` sorts by them).
        return with_schedule_gaps(super().get_queryset(), timezone.localdate())


class PhaseViewSet(PolicyModelViewSet):
    queryset = Phase.objects.all()
    serializer_class = s.PhaseSerializer
    filterset_fields = ["project"]
    ordering_fields = ["order", "planned_start", "planned_finish"]


class CapacityViewSet(PolicyModelViewSet):
    queryset = Capacity.objects.order_by("project", "pk")
    serializer_class = s.CapacitySerializer
    filterset_fields = ["project", "phase"]
    ordering_fields = ["value"]


class MilestoneViewSet(PolicyModelViewSet):
    """Admins set the chart up; staff record a milestone reached or move its plan (the baseline is kept)."""

    queryset = Milestone.objects.select_related("project")
    serializer_class = s.MilestoneSerializer
    filterset_fields = ["project", "phase"]
    ordering_fields = ["planned_date", "actual_date"]
    policy = {**ADMIN_WRITES, "reach": "milestone.record", "reschedule": "milestone.record"}

    def create_row(self, data):
        return milestone_create(**data)

    def update_row(self, instance, data):
        return milestone_update(milestone=instance, **data)

    @extend_schema(request=s.MilestoneReachSerializer, responses=s.MilestoneSerializer)
    @action(detail=True, methods=["post"])
    def reach(self, request, pk=None):
        """Record the milestone reached, as its page does."""
        return self._step(request, s.MilestoneReachSerializer, lambda row, data: milestone_mark_reached(
            milestone=row, user=request.user, **data))

    @extend_schema(request=s.MilestoneRescheduleSerializer, responses=s.MilestoneSerializer)
    @action(detail=True, methods=["post"])
    def reschedule(self, request, pk=None):
        """Move the planned date, with the reason; the first plan stays as the baseline."""
        return self._step(request, s.MilestoneRescheduleSerializer, lambda row, data: milestone_reschedule(
            milestone=row, **data))


class ProgressReportViewSet(PolicyModelViewSet):
    queryset = ProgressReport.objects.all()
    serializer_class = s.ProgressReportSerializer
    filterset_fields = ["project", "phase", "date"]
    ordering_fields = ["date", "percent_complete"]
    policy = {**ADMIN_WRITES, "create": "progress.create", "update": "progress.edit",
              "partial_update": "progress.edit"}

    def create_row(self, data):
        return progress_report_create(
            reporter=self.request.user, **{"phase": None, "statement": "", "percent_complete": None, **data}
        )

    def update_row(self, instance, data):
        return progress_report_update(report=instance, **data)


class AnnualPlanViewSet(PolicyModelViewSet):
    queryset = AnnualPlan.objects.all()
    serializer_class = s.AnnualPlanSerializer
    filterset_fields = ["project", "year"]
    ordering_fields = ["year"]
    policy = {**ADMIN_WRITES, "create": "investment.record", "update": "investment.record",
              "partial_update": "investment.record"}

    def create_row(self, data):
        return annual_plan_set(**data)

    def update_row(self, instance, data):
        data = {"project": instance.project, "year": instance.year,
                "planned_investment": instance.planned_investment, **data}
        _same_key(instance, data, ("project", "year"))
        return annual_plan_set(**data)


class InvestmentReportViewSet(PolicyModelViewSet):
    queryset = InvestmentReport.objects.all()
    serializer_class = s.InvestmentReportSerializer
    filterset_fields = ["project", "year", "month"]
    ordering_fields = ["year", "month", "amount"]
    policy = {**ADMIN_WRITES, "create": "investment.record", "update": "investment.record",
              "partial_update": "investment.record"}

    def create_row(self, data):
        return investment_report_set(reporter=self.request.user, **data)

    def update_row(self, instance, data):
        data = {"project": instance.project, "year": instance.year, "month": instance.month,
                "amount": instance.amount, **data}
        _same_key(instance, data, ("project", "year", "month"))
        return investment_report_set(reporter=self.request.user, **data)


def _same_key(instance, data, fields):
    # A figure belongs to its project and period: correct it there, record another period as a new one.
    moved = [name for name in fields if data[name] != getattr(instance, name)]
    if moved:
        raise DjangoValidationError({name: _("This stays as it is; record another as a new one.") for name in moved})


class AssignmentViewSet(PolicyModelViewSet):
    queryset = Assignment.objects.select_related("person")
    serializer_class = s.AssignmentSerializer
    filterset_fields = ["person", "project", "role"]
    ordering_fields = ["started_on", "ended_on"]


class ProblemViewSet(PolicyModelViewSet):
    """The problem list; each step of a problem's life is an action calling the service its page calls."""

    queryset = Problem.objects.select_related("category", "project", "meeting")
    serializer_class = s.ProblemSerializer
    filterset_class = ProblemFilter
    ordering_fields = ["raised_on", "due_date", "status"]
    policy = {
        "create": "problem.create", "update": "problem.edit", "partial_update": "problem.edit",
        "destroy": "problem.delete", "reply": "problem.work", "solve": "problem.work", "reopen": "problem.work",
        "escalate": "problem.work", "sign_off": "problem.sign_off",
    }

    def create_row(self, data):
        return problem_create(created_by=self.request.user, **data)

    def update_row(self, instance, data):
        return problem_update(problem=instance, **data)

    @extend_schema(request=s.ProblemReplySerializer, responses=s.ProblemSerializer)
    @action(detail=True, methods=["post"])
    def reply(self, request, pk=None):
        """A dated reply; the first one moves an assigned problem to in progress."""
        return self._step(request, s.ProblemReplySerializer, lambda row, data: problem_reply(
            problem=row, author=request.user, **data).problem)

    @extend_schema(request=s.ProblemSolveSerializer, responses=s.ProblemSerializer)
    @action(detail=True, methods=["post"])
    def solve(self, request, pk=None):
        return self._step(request, s.ProblemSolveSerializer, lambda row, data: problem_solve(
            problem=row, author=request.user, **data))

    @extend_schema(request=s.ProblemNoteSerializer, responses=s.ProblemSerializer)
    @action(detail=True, methods=["post"], url_path="sign-off")
    def sign_off(self, request, pk=None):
        """销号: close a solved problem for good (admins, or an official assigned to its project)."""
        return self._step(request, s.ProblemNoteSerializer, lambda row, data: problem_sign_off(
            problem=row, user=request.user, note=data.get("text", "")))

    @extend_schema(request=s.ProblemNoteSerializer, responses=s.ProblemSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        return self._step(request, s.ProblemNoteSerializer, lambda row, data: problem_reopen(
            problem=row, author=request.user, text=data.get("text") or _("Reopened.")))

    @extend_schema(request=s.ProblemEscalateSerializer, responses=s.ProblemSerializer)
    @action(detail=True, methods=["post"])
    def escalate(self, request, pk=None):
        """Refer the problem to a coordination meeting (会办)."""
        return self._step(request, s.ProblemEscalateSerializer, lambda row, data: problem_escalate(
            problem=row, author=request.user, **data))


# --- Meetings (the rules of the meeting pages: accounts.policy "meeting.edit") ------------------


class MeetingViewSet(PolicyModelViewSet):
    queryset = Meeting.objects.prefetch_related("projects", "attendances__person")
    serializer_class = s.MeetingSerializer
    filterset_class = MeetingFilter
    ordering_fields = ["date", "created_at"]
    policy = {**ADMIN_WRITES, "create": "meeting.create", "update": "meeting.edit", "partial_update": "meeting.edit",
              "confirm": "meeting.edit"}

    def perform_create(self, serializer):
        serializer.candidate.author = self.request.user
        self._check_candidate(serializer)
        serializer.save(author=self.request.user)

    def perform_update(self, serializer):
        self._check_candidate(serializer)
        serializer.save()

    @extend_schema(request=None, responses=s.MeetingSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """Confirm a draft log, as its page does; after that only its author may change it, for 24 hours."""
        meeting = _service_errors(lambda: meeting_confirm(meeting=self.get_object(), user=request.user))
        return Response(self.get_serializer(meeting).data)


LOG_ROWS = {"create": "meeting.row_edit", "update": "meeting.row_edit", "partial_update": "meeting.row_edit",
            "destroy": "meeting.row_edit"}


class AttendanceViewSet(PolicyModelViewSet):
    queryset = Attendance.objects.select_related("person", "meeting")
    serializer_class = s.AttendanceSerializer
    filterset_fields = ["meeting", "person", "role"]
    ordering_fields = ["meeting"]
    policy = LOG_ROWS


class RequirementViewSet(PolicyModelViewSet):
    queryset = Requirement.objects.select_related("meeting")
    serializer_class = s.RequirementSerializer
    filterset_fields = ["meeting", "issued_by", "project"]
    ordering_fields = ["meeting"]
    policy = LOG_ROWS


class FollowUpViewSet(PolicyModelViewSet):
    """督办 items: opened by whoever may work on their log or problem, closed with what was done."""

    queryset = FollowUp.objects.select_related("requirement__meeting", "problem")
    serializer_class = s.FollowUpSerializer
    filterset_fields = ["status", "owner_person", "owner_unit", "owner_user", "requirement", "problem"]
    ordering_fields = ["due_date", "created_at"]
    policy = {**ADMIN_WRITES, "create": "follow_up.edit", "update": "follow_up.edit",
              "partial_update": "follow_up.edit", "complete": "follow_up.complete"}

    def create_row(self, data):
        return follow_up_create(**data)

    def update_row(self, instance, data):
        return follow_up_update(follow_up=instance, **data)

    @extend_schema(request=s.FollowUpCompleteSerializer, responses=s.FollowUpSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        """Close the follow-up, saying what was done (required), as its page does."""
        return self._step(request, s.FollowUpCompleteSerializer, lambda row, data: follow_up_complete(
            follow_up=row, user=request.user, **data))


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
