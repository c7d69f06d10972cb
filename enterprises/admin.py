from django.contrib import admin

from lib.fields import NameListAdminMixin

from .models import Industry, Organization, Person, Position


@admin.register(Industry)
class IndustryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "section", "parent"]
    list_filter = ["section"]
    search_fields = ["code", "name"]
    # The table is the standard's, loaded from enterprises/data/gbt4754_2017.tsv: add lines there.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(Organization)
class OrganizationAdmin(NameListAdminMixin, admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "parent", "credit_code", "industry_code"]
    list_filter = ["kind", "industry"]
    search_fields = ["name", "short_name", "credit_code"]
    autocomplete_fields = ["parent", "industry_code"]
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
