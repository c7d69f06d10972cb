from django.contrib import admin

from .models import Alert, AlertScan, AlertSettings, Notification
from .services import projects_lag_refresh


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ["rule", "subject_type", "project", "severity", "first_flagged", "last_seen", "resolved_at"]
    list_filter = ["rule", "severity", "subject_type", ("resolved_at", admin.EmptyFieldListFilter)]
    list_select_related = ["project"]
    raw_id_fields = ["project", "milestone", "phase", "problem", "follow_up"]
    date_hierarchy = "first_flagged"
    search_fields = ["project__name", "milestone__name"]

    # The lists sort by the lag kept on each project; an alert changed by hand must not wait for the scan.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        projects_lag_refresh()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        projects_lag_refresh()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        projects_lag_refresh()


@admin.register(AlertScan)
class AlertScanAdmin(admin.ModelAdmin):
    list_display = ["day", "moment", "notified_at"]
    date_hierarchy = "moment"

    # A record the scan keeps of itself.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "for_date", "created_at", "emailed_at", "read_at"]
    list_filter = ["kind", ("read_at", admin.EmptyFieldListFilter)]
    list_select_related = ["user"]
    raw_id_fields = ["user", "alert"]
    search_fields = ["user__username", "message"]


@admin.register(AlertSettings)
class AlertSettingsAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "progress_tolerance_yellow",
        "progress_tolerance_red",
        "stale_days",
        "escalate_after_days",
    ]

    def has_add_permission(self, request):
        # One row, created by the data migration.
        return not AlertSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
