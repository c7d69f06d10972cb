import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from enterprises.models import Industry, Organization, Person
from lib.figures import cached_figures
from lib.filters import FilterSet
from lib.formatting import YI
from lib.national_codes import project_code_normal
from lib.pickers import SearchFilter

from .models import Assignment, Project


# The choices are read on every list page and change only with the data, so they are cached with the figures.
def _industries():
    """The GB/T 4754 sections and divisions the projects are in, each section before its divisions."""
    def compute():
        used = Project.objects.filter(industry_code__isnull=False).values("industry_code__section")
        divisions = Project.objects.filter(industry_code__isnull=False).values("industry_code__division")
        rows = Industry.objects.filter(Q(code__in=used) | Q(code__in=divisions)).order_by("section", "code")
        return [(row.code, str(row)) for row in rows]
    return cached_figures("project-industries-gbt4754", compute)


def assigned_officials():
    return Person.objects.filter(pk__in=Assignment.objects.current().values("person_id"))


class ProjectFilter(FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    category = django_filters.ChoiceFilter(label=_("Category"), choices=Project.Category.choices)
    industry = django_filters.ChoiceFilter(label=_("Industry"), choices=_industries, method="filter_industry")
    stage = django_filters.ChoiceFilter(label=_("Stage"), choices=Project.Stage.choices)
    builder = django_filters.CharFilter(label=_("Builder or its group"), method="filter_builder")
    # Officials grow with the zone: a search box (/projects/officials.json), not a list of them all.
    official = SearchFilter(
        label=_("Assigned official"), queryset=assigned_officials(), search_url="projects:officials_search",
        method="filter_official",
    )
    lagging = django_filters.BooleanFilter(
        label=_("Lagging only"), method="filter_lagging", widget=django_filters.widgets.forms.CheckboxInput
    )
    investment_min = django_filters.NumberFilter(
        label=_("Investment from (100 million yuan)"), method="filter_investment_min", min_value=0
    )
    investment_max = django_filters.NumberFilter(
        label=_("Investment up to (100 million yuan)"), method="filter_investment_max", min_value=0
    )
    o = django_filters.OrderingFilter(
        fields=(
            ("name", "name"), ("total_investment", "investment"), ("stage", "stage"),
            ("planned_production", "production"), ("lag_rank", "lag"), ("latest_percent", "progress"),
            ("linear_gap", "linear_gap"), ("node_gap", "node_gap"),
        ),
        field_labels={
            "name": _("Project name"), "total_investment": _("Investment"), "stage": _("Stage"),
            "planned_production": _("Planned production"), "lag_rank": _("Lag"), "latest_percent": _("Progress"),
        },
        label=_("Sort by"),
    )

    class Meta:
        model = Project
        fields = []

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        # The builder as a subquery, not a join: then PostgreSQL can walk the list's index and stop at a page.
        builders = Organization.objects.filter(name__icontains=value).values("pk")
        return queryset.filter(
            Q(name__icontains=value) | Q(location__icontains=value) | Q(builder__in=builders)
            | Q(description__icontains=value) | Q(project_code=project_code_normal(value))
        )

    def filter_industry(self, queryset, name, value):
        # A section letter takes in all its divisions; a 2-digit division all its groups and classes.
        if value.isalpha():
            return queryset.filter(industry_code__section=value)
        return queryset.filter(industry_code__division=value)

    def filter_builder(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(builder__name__icontains=value) | Q(builder__short_name__icontains=value)
            | Q(builder__parent__name__icontains=value)
        )

    @extend_schema_field(OpenApiTypes.INT)  # the query parameter is the official's person id
    def filter_official(self, queryset, name, person):
        return queryset.filter(Exists(Assignment.objects.current().filter(project=OuterRef("pk"), person=person)))

    def filter_lagging(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(lag_rank__gt=Project.Lag.NONE)

    def filter_investment_min(self, queryset, name, value):
        return queryset.filter(total_investment__gte=value * YI)

    def filter_investment_max(self, queryset, name, value):
        return queryset.filter(total_investment__lte=value * YI)
