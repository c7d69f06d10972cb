import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lib.filters import FilterSet

from .models import Organization


class OrganizationFilter(FilterSet):
    q = django_filters.CharFilter(label=_("Organization name"), method="filter_name")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Organization.Kind.choices)

    class Meta:
        model = Organization
        fields = []

    def filter_name(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(short_name__icontains=value))
