import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from enterprises.models import Organization, Person
from lib.figures import cached_figures
from lib.filters import FilterSet
from lib.formatting import YI

from .models import Assignment, Project


# The choices are read on every list page and change only with the data, so they are cached with the figures.
def _industries():
    return cached_figures("project-industries", lambda: [
        (industry, industry)
        for industry in Project.objects.exclude(industry="").order_by("industry").values_list("industry", flat=True)
        .distinct()
    ])


def _assigned_officials():
    return cached_figures("assigned-officials", lambda: list(
        Person.objects.filter(pk__in=Assignment.objects.current().values("person_id"))
        .order_by("name").values_list("pk", "name")
    ))


class ProjectFilter(FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    category = django_filters.ChoiceFilter(label=_("Category"), choices=Project.Category.choices)
    industry = django_filters.ChoiceFilter(label=_("Industry"), choices=_industries)
    stage = django_filters.ChoiceFilter(label=_("Stage"), choices=Project.Stage.choices)
    builder = django_filters.CharFilter(label=_("Builder or its group"), method="filter_builder")
    official = django_filters.TypedChoiceFilter(
        label=_("Assigned official"), choices=_assigned_officials, coerce=int, method="filter_official"
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
            | Q(description__icontains=value)
        )

    def filter_builder(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(builder__name__icontains=value) | Q(builder__short_name__icontains=value)
            | Q(builder__parent__name__icontains=value)
        )

    @extend_schema_field(OpenApiTypes.INT)  # the query parameter is the official's person id
    def filter_official(self, queryset, name, person_id):
        return queryset.filter(
            Exists(Assignment.objects.current().filter(project=OuterRef("pk"), person_id=person_id))
        )

    def filter_lagging(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(lag_rank__gt=Project.Lag.NONE)

    def filter_investment_min(self, queryset, name, value):
        return queryset.filter(total_investment__gte=value * YI)

    def filter_investment_max(self, queryset, name, value):
        return queryset.filter(total_investment__lte=value * YI)
