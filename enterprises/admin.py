from django.contrib import admin

from lib.fields import NameListAdminMixin

from .models import Organization, Person, Position


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(Organization)
class OrganizationAdmin(NameListAdminMixin, admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "parent", "industry"]
    list_filter = ["kind", "industry"]
    search_fields = ["name", "short_name"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]


@admin.register(Person)
class PersonAdmin(NameListAdminMixin, admin.ModelAdmin):
    list_display = ["name", "user"]
    search_fields = ["name"]
    raw_id_fields = ["user"]
    list_select_related = ["user"]
    inlines = [PositionInline]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["person", "title", "organization", "first_seen", "last_seen"]
    list_filter = ["organization__kind"]
    search_fields = ["person__name", "title", "organization__name"]
    autocomplete_fields = ["person", "organization"]
    list_select_related = ["person", "organization"]
