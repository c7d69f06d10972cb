from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Attendance, FollowUp, Meeting, Requirement


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ["person"]


class RequirementInline(admin.TabularInline):
    model = Requirement
    extra = 0
    autocomplete_fields = ["issued_by", "project"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["date", "part_of_day", "kind", "title", "status"]
    list_filter = ["kind", "status", "date"]
    search_fields = ["title", "summary", "location"]
    autocomplete_fields = ["projects"]
    raw_id_fields = ["author"]
    date_hierarchy = "date"
    inlines = [AttendanceInline, RequirementInline]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["meeting", "person", "role"]
    list_filter = ["role"]
    search_fields = ["person__name", "meeting__title"]
    autocomplete_fields = ["meeting", "person"]
    list_select_related = ["meeting", "person"]


@admin.register(Requirement)
class RequirementAdmin(admin.ModelAdmin):
    list_display = ["text", "meeting", "issued_by", "project"]
    search_fields = ["text", "meeting__title"]
    autocomplete_fields = ["meeting", "issued_by", "project"]
    list_select_related = ["meeting", "issued_by", "project"]


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ["__str__", "owner_person", "owner_unit", "due_date", "status", "escalation"]
    list_filter = ["status", "escalation", "due_date"]
    search_fields = ["reply", "requirement__text", "problem__description"]
    autocomplete_fields = ["requirement", "problem", "owner_person", "owner_unit"]
    raw_id_fields = ["owner_user"]
    list_select_related = ["requirement", "problem", "problem__category", "owner_person", "owner_unit"]
