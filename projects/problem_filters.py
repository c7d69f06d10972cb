"""The problem list's filters (问题清单): category, project, owner, status, overdue."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enterprises.models import Organization
from lib.filters import FilterSet
from lib.pickers import SearchFilter

from .models import Problem, ProblemCategory, Project


class ProblemFilter(FilterSet):
    category = django_filters.ModelChoiceFilter(label=_("Category"), queryset=ProblemCategory.objects.all())
    project = SearchFilter(
        label=_("Project"), queryset=Project.objects.only("pk", "name"), search_url="projects:search"
    )
    owner_unit = SearchFilter(
        label=_("Owner unit"), queryset=Organization.objects.only("pk", "name"),
        search_url="meetings:organizations_search",
    )
    owner = django_filters.CharFilter(label=_("Owner"), method="filter_owner")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Problem.Status.choices)
    overdue = django_filters.BooleanFilter(
        label=_("Overdue only"), method="filter_overdue",
        widget=django_filters.widgets.BooleanWidget(),
    )
    q = django_filters.CharFilter(label=_("Description contains"), field_name="description", lookup_expr="icontains")

    class Meta:
        model = Problem
        fields = ("category", "project", "owner_unit", "owner", "status", "overdue", "q")

    def filter_owner(self, queryset, name, value):
        return queryset.filter(Q(owner_person__name__icontains=value) | Q(owner_unit__name__icontains=value))

    def filter_overdue(self, queryset, name, value):
        if value:
            return queryset.overdue(timezone.localdate())
        return queryset
