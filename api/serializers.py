"""Serializers: flat ids for writing, a few names for reading; writes validate as the forms do."""

import copy
from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from alerts.lights import light_of
from alerts.models import Alert, AlertSettings
from bulletins.models import Bulletin, Evidence
from enterprises.models import Organization, Person, Position
from meetings.models import Attendance, FollowUp, Meeting, Requirement
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


class ModelCleanSerializer(serializers.ModelSerializer):
    """Runs the model's full_clean (field checks, clean(), constraints) on the would-be row, as a ModelForm does.

    `candidate` is that row, unsaved; the views check who may write it before saving.
    """

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        candidate = copy.copy(self.instance) if self.instance is not None else model()
        many_to_many = {field.name for field in model._meta.many_to_many}
        for name, value in attrs.items():
            if name not in many_to_many:
                setattr(candidate, name, value)
        self.prepare_candidate(candidate)
        try:
            candidate.full_clean(exclude=self.unchecked_fields())
        except DjangoValidationError as error:
            raise serializers.ValidationError(serializers.as_serializer_error(error)) from error
        for name in attrs:
            if name not in many_to_many:
                attrs[name] = getattr(candidate, name)  # as cleaned: the codes' fields write their normal form
        self.candidate = candidate
        return attrs

    def prepare_candidate(self, candidate):
        """Set what the view will set on save (the author), so the checks see the row as it will be."""

    def unchecked_fields(self) -> list[str]:
        # Fields the server fills in after validation.
        return list(getattr(self.Meta, "server_fields", ()))


@extend_schema_field({"type": "string", "enum": ["red", "yellow", "green"]})
class LightField(serializers.Field):
    """red, yellow or green, from alerts.lights (the settings are read once per response)."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, item) -> str:
        root = self.root  # shared by every row of a list
        if not hasattr(root, "light_thresholds"):
            root.light_thresholds = AlertSettings.current()
        return light_of(item, timezone.localdate(), root.light_thresholds).value


# --- Organizations and people --------------------------------------------------------------------


class OrganizationSerializer(ModelCleanSerializer):
    class Meta:
        model = Organization
        fields = [
            "id", "name", "short_name", "aliases", "kind", "parent", "industry", "industry_code", "credit_code",
            "created_at", "updated_at",
        ]


class PositionSerializer(ModelCleanSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True, default="")

    class Meta:
        model = Position
        fields = ["id", "person", "organization", "organization_name", "title", "first_seen", "last_seen"]


class PersonSerializer(ModelCleanSerializer):
    positions = PositionSerializer(many=True, read_only=True)

    class Meta:
        model = Person
        fields = ["id", "name", "aliases", "notes", "positions", "created_at"]


# --- Projects ------------------------------------------------------------------------------------


class CapacitySerializer(ModelCleanSerializer):
    class Meta:
        model = Capacity
        fields = ["id", "project", "phase", "value", "unit", "product"]


class PhaseSerializer(ModelCleanSerializer):
    class Meta:
        model = Phase
        fields = [
            "id", "project", "name", "order", "investment", "batches", "planned_start", "planned_finish", "description",
        ]


class ProjectSerializer(ModelCleanSerializer):
    builder_name = serializers.CharField(source="builder.name", read_only=True, default="")
    phases = PhaseSerializer(many=True, read_only=True)
    capacities = CapacitySerializer(many=True, read_only=True)
    lag = serializers.SerializerMethodField(help_text="red, yellow or null: the worst open alert.")
    latest_percent = serializers.SerializerMethodField()
    industry_name = serializers.CharField(source="industry_code.name", read_only=True, default="")
    dispatch_stage = serializers.SerializerMethodField(help_text="前期, 新开工, 续建 or 竣工投产, from the stage.")
    light = LightField(help_text="red, yellow or green (alerts.lights).")
    linear_gap = serializers.SerializerMethodField(help_text="Points behind 序时进度 (linear); negative: ahead.")
    node_gap = serializers.SerializerMethodField(help_text="Points behind the node plan; negative: ahead.")

    class Meta:
        model = Project
        fields = [
            "id", "name", "aliases", "builder", "builder_name", "category", "industry", "industry_code",
            "industry_name", "project_code", "nature", "stage", "statistical_stage", "dispatch_stage",
            "statistics_registered", "total_investment",
            "location", "description", "planned_start", "planned_production", "actual_start", "actual_production",
            "phases", "capacities", "lag", "light", "latest_percent", "linear_gap", "node_gap",
            "created_at", "updated_at",
        ]

    # Annotated by the view (projects.selectors.with_schedule_gaps); absent on a row just written.
    def get_linear_gap(self, project) -> float | None:
        return getattr(project, "linear_gap", None)

    def get_node_gap(self, project) -> float | None:
        return getattr(project, "node_gap", None)

    def get_dispatch_stage(self, project) -> str:
        return project.dispatch_stage()

    def get_lag(self, project) -> str | None:
        return project.lag

    # Annotated by the list's queryset (projects.selectors); absent on a row just written.
    def get_latest_percent(self, project) -> Decimal | None:
        return getattr(project, "latest_percent", None)


class MilestoneSerializer(ModelCleanSerializer):
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Milestone
        fields = [
            "id", "project", "phase", "name", "planned_date", "baseline_date", "reschedule_reason", "actual_date",
            "weight", "note", "is_overdue", "updated_at",
        ]
        # Kept by the service (projects.services.milestone_update) when the planned date moves.
        read_only_fields = ["baseline_date"]


class MilestoneReachSerializer(serializers.Serializer):
    actual_date = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class MilestoneRescheduleSerializer(serializers.Serializer):
    planned_date = serializers.DateField()
    reason = serializers.CharField()


class ProgressReportSerializer(ModelCleanSerializer):
    class Meta:
        model = ProgressReport
        fields = ["id", "project", "phase", "date", "percent_complete", "statement", "reporter", "created_at"]
        read_only_fields = ["reporter"]


class AnnualPlanSerializer(ModelCleanSerializer):
    class Meta:
        model = AnnualPlan
        fields = ["id", "project", "year", "planned_investment"]


class InvestmentReportSerializer(ModelCleanSerializer):
    class Meta:
        model = InvestmentReport
        fields = ["id", "project", "year", "month", "amount", "reporter"]
        read_only_fields = ["reporter"]


class AssignmentSerializer(ModelCleanSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)

    class Meta:
        model = Assignment
        fields = ["id", "person", "person_name", "project", "role", "started_on", "ended_on"]


class ProblemSerializer(ModelCleanSerializer):
    category_name = serializers.CharField(source="category.name", read_only=True)
    is_overdue = serializers.BooleanField(read_only=True)
    light = LightField(help_text="red, yellow or green (alerts.lights).")

    class Meta:
        model = Problem
        fields = [
            "id", "project", "category", "category_name", "description", "meeting", "raised_on", "owner_unit",
            "owner_person", "due_date", "status", "resolution", "solved_on", "closed_at", "closed_by",
            "escalated_to", "created_by", "created_at", "is_overdue", "light",
        ]
        # The problem's life goes through its actions (reply, solve, sign-off, reopen, escalate) and their services.
        read_only_fields = [
            "status", "resolution", "solved_on", "closed_at", "closed_by", "escalated_to", "created_by",
        ]


class ProblemReplySerializer(serializers.Serializer):
    text = serializers.CharField()
    date = serializers.DateField(required=False, allow_null=True, default=None)


class ProblemSolveSerializer(serializers.Serializer):
    resolution = serializers.CharField()
    solved_on = serializers.DateField()


class ProblemNoteSerializer(serializers.Serializer):
    text = serializers.CharField(required=False, allow_blank=True, default="")


class ProblemEscalateSerializer(serializers.Serializer):
    meeting = serializers.PrimaryKeyRelatedField(
        queryset=Meeting.objects.filter(kind=Meeting.Kind.COORDINATION), help_text="A coordination meeting (会办)."
    )


# --- Meetings ------------------------------------------------------------------------------------


class AttendanceSerializer(ModelCleanSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)

    class Meta:
        model = Attendance
        fields = ["id", "meeting", "person", "person_name", "role"]


class MeetingSerializer(ModelCleanSerializer):
    attendances = AttendanceSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id", "kind", "date", "part_of_day", "location", "title", "summary", "projects", "status", "author",
            "confirmed_at", "attendances", "created_at",
        ]
        # A log is confirmed with POST …/meetings/{id}/confirm/, as on its page.
        read_only_fields = ["status", "author", "confirmed_at"]


class RequirementSerializer(ModelCleanSerializer):
    class Meta:
        model = Requirement
        fields = ["id", "meeting", "issued_by", "project", "text"]


class FollowUpSerializer(ModelCleanSerializer):
    is_overdue = serializers.BooleanField(read_only=True)
    light = LightField(help_text="red, yellow or green (alerts.lights).")

    class Meta:
        model = FollowUp
        fields = [
            "id", "requirement", "problem", "owner_person", "owner_unit", "owner_user", "due_date", "status",
            "reply", "replied_at", "created_at", "is_overdue", "light", "escalation", "escalated_on",
        ]
        # Closed only with POST …/follow-ups/{id}/complete/ and what was done.
        read_only_fields = ["status", "reply", "replied_at"]


class FollowUpCompleteSerializer(serializers.Serializer):
    reply = serializers.CharField(help_text="What was done.")


# --- Read-only -----------------------------------------------------------------------------------


class AlertSerializer(serializers.ModelSerializer):
    subject_id = serializers.IntegerField(read_only=True)
    subject_name = serializers.CharField(read_only=True)

    class Meta:
        model = Alert
        fields = [
            "id", "rule", "subject_type", "subject_id", "subject_name", "project", "milestone", "phase", "problem",
            "follow_up", "severity", "first_flagged", "last_seen", "resolved_at", "escalated_at",
        ]


class BulletinSerializer(serializers.ModelSerializer):
    class Meta:
        model = Bulletin
        fields = ["id", "issued_on", "title", "file_name", "raw_text", "checksum", "imported_at"]


class EvidenceSerializer(serializers.ModelSerializer):
    subject_type = serializers.CharField(source="content_type.model", read_only=True)

    class Meta:
        model = Evidence
        fields = ["id", "bulletin", "subject_type", "object_id", "field", "sentence", "start", "end"]


class SearchHitSerializer(serializers.Serializer):
    type = serializers.CharField(source="document.content_type.model")
    id = serializers.IntegerField(source="document.object_id")
    title = serializers.CharField(help_text="Escaped HTML; the query's words are in <mark>.")
    snippet = serializers.CharField(help_text="Escaped HTML; the query's words are in <mark>.")
    url = serializers.CharField(source="document.url")
