from django.contrib import admin

from .models import ChannelPreference, Delivery


@admin.register(ChannelPreference)
class ChannelPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "channel", "mobile"]
    list_filter = ["channel"]
    search_fields = ["user__username", "mobile"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """Read only: the send log page (notify:send_log) resends through the service."""

    list_display = ["created_at", "user", "channel", "status", "attempts", "sent_at", "last_error"]
    list_filter = ["status", "channel"]
    search_fields = ["user__username"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
