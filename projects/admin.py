from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from lib.fields import NameListAdminMixin

from .models import (
    AnnualPlan,
    Assignment,
    Attachment,
    Capacity,
    InvestmentReport,
    Milestone,
    MilestoneTemplate,
    MilestoneTemplateStep,
    Phase,
    Problem,
    ProblemCategory,
    ProblemUpdate,
    ProgressReport,
    Project,
)
from .services import (
    PROBLEM_EDITABLE,
    milestone_move_reason,
    milestone_update,
    problem_create,
    problem_update,
    progress_report_update,
)


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0


class CapacityInline(admin.TabularInline):
    model = Capacity
    extra = 0


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ["name", "phase", "planned_date", "baseline_date", "actual_date", "weight"]


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Project)
class ProjectAdmin(NameListAdminMixin, SimpleHistoryAdmin):
    list_display = [
        "name", "project_code", "builder", "category", "stage", "industry_code", "total_investment",
        "planned_production",
    ]
    list_filter = ["category", "stage", "statistical_stage", "nature", "statistics_registered", "industry"]
    search_fields = ["name", "project_code", "builder__name"]
    autocomplete_fields = ["builder", "industry_code"]
    list_select_related = ["builder"]
    inlines = [PhaseInline, CapacityInline, MilestoneInline, AssignmentInline]


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    list_display = ["project", "name", "investment", "planned_start", "planned_finish"]
    search_fields = ["project__name", "name"]
    autocomplete_fields = ["project"]
    list_select_related = ["project"]


@admin.register(Capacity)
class CapacityAdmin(admin.ModelAdmin):
    list_display = ["project", "phase", "value", "unit", "product"]
    search_fields = ["project__name", "product"]
    autocomplete_fields = ["project", "phase"]
    list_select_related = ["project", "phase"]


class MilestoneAdminForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and "planned_date" in self.changed_data:
            try:
                milestone_move_reason(cleaned.get("reschedule_reason") or "")
            except ValidationError as error:
                self.add_error("reschedule_reason", error.messages)
        return cleaned


@admin.register(Milestone)
class MilestoneAdmin(SimpleHistoryAdmin):
    form = MilestoneAdminForm
    list_display = ["name", "project", "planned_date", "baseline_date", "actual_date"]
    list_filter = ["planned_date", "actual_date"]
    search_fields = ["name", "project__name"]
    autocomplete_fields = ["project", "phase"]
    list_select_related = ["project"]
    date_hierarchy = "planned_date"

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        # Through the service, which keeps the first plan as the baseline when the planned date moves.
        changes = {name: getattr(obj, name) for name in form.changed_data if name != "baseline_date"}
        milestone_update(milestone=Milestone.objects.get(pk=obj.pk), **changes)
        obj.refresh_from_db()


@admin.register(ProgressReport)
class ProgressReportAdmin(SimpleHistoryAdmin):
    list_display = ["project", "phase", "date", "percent_complete", "reporter"]
    list_filter = ["date"]
    search_fields = ["project__name", "statement"]
    autocomplete_fields = ["project", "phase"]
    raw_id_fields = ["reporter"]
    list_select_related = ["project", "phase", "reporter"]

    def get_readonly_fields(self, request, obj=None):
        # A report stays on its project (projects.services.progress_report_update refuses a move).
        return ["project"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        changes = {name: getattr(obj, name) for name in form.changed_data}
        progress_report_update(report=ProgressReport.objects.get(pk=obj.pk), **changes)
        obj.refresh_from_db()


@admin.register(AnnualPlan)
class AnnualPlanAdmin(admin.ModelAdmin):
    list_display = ["project", "year", "planned_investment"]
    list_filter = ["year"]
    search_fields = ["project__name"]
    autocomplete_fields = ["project"]
    list_select_related = ["project"]


@admin.register(InvestmentReport)
class InvestmentReportAdmin(admin.ModelAdmin):
    list_display = ["project", "year", "month", "amount", "reporter"]
    list_filter = ["year", "month"]
    search_fields = ["project__name"]
    autocomplete_fields = ["project"]
    raw_id_fields = ["reporter"]
    list_select_related = ["project", "reporter"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["person", "project", "role", "started_on", "ended_on"]
    list_filter = ["role"]
    search_fields = ["person__name", "project__name"]
    autocomplete_fields = ["person", "project"]
    list_select_related = ["person", "project"]


@admin.register(ProblemCategory)
class ProblemCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    search_fields = ["name"]


class ProblemUpdateInline(admin.TabularInline):
    model = ProblemUpdate
    extra = 0
    raw_id_fields = ["author"]


@admin.register(Problem)
class ProblemAdmin(SimpleHistoryAdmin):
    list_display = ["description", "project", "category", "status", "owner_unit", "owner_person", "due_date"]
    list_filter = ["status", "category"]
    search_fields = ["description", "project__name"]
    autocomplete_fields = ["project", "owner_unit", "owner_person", "meeting", "escalated_to"]
    raw_id_fields = ["closed_by", "created_by"]
    list_select_related = ["project", "category", "owner_unit", "owner_person"]
    inlines = [ProblemUpdateInline]
    # A problem's life (reply, solve, sign off, reopen, escalate) goes through its page, which keeps the trail.
    readonly_fields = ["status", "resolution", "solved_on", "closed_at", "closed_by", "escalated_to", "created_by"]

    def save_model(self, request, obj, form, change):
        fields = {name: getattr(obj, name) for name in PROBLEM_EDITABLE}
        if change:
            saved = problem_update(problem=Problem.objects.get(pk=obj.pk), **fields)
        else:
            saved = problem_create(created_by=request.user, **fields)
        obj.pk, obj.created_by = saved.pk, saved.created_by
        obj.refresh_from_db()


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "project", "mime_type", "size", "uploaded_at"]
    search_fields = ["original_name", "project__name"]
    autocomplete_fields = ["project"]
    raw_id_fields = ["meeting", "milestone", "problem", "uploaded_by"]
    list_select_related = ["project"]


@admin.register(ProblemUpdate)
class ProblemUpdateAdmin(admin.ModelAdmin):
    list_display = ["problem", "date", "status_before", "status_after", "author"]
    search_fields = ["text", "problem__description"]
    raw_id_fields = ["problem", "author"]
    list_select_related = ["problem", "problem__category", "author"]


class MilestoneTemplateStepInline(admin.TabularInline):
    model = MilestoneTemplateStep
    extra = 1


@admin.register(MilestoneTemplate)
class MilestoneTemplateAdmin(admin.ModelAdmin):
    """The standard 节点 "apply a template" copies into a project's plan, one template per project category."""

    list_display = ["name", "category"]
    inlines = [MilestoneTemplateStepInline]


@admin.register(MilestoneTemplateStep)
class MilestoneTemplateStepAdmin(admin.ModelAdmin):
    list_display = ["name", "template", "order"]
    list_filter = ["template"]
