import django_filters
from django.utils.translation import gettext_lazy as _

from lib.filters import FilterSet
from lib.pickers import SearchFilter
from projects.models import Project

from .models import Meeting


class MeetingFilter(FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Meeting.Kind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Meeting.Status.choices)
    project = SearchFilter(
        label=_("Project"), field_name="projects", queryset=Project.objects.only("pk", "name"),
        search_url="projects:search",
    )
    date_from = django_filters.DateFilter(
        label=_("From"), field_name="date", lookup_expr="gte", widget=django_filters.widgets.forms.DateInput(
            attrs={"type": "date"}
        ),
    )
    date_to = django_filters.DateFilter(
        label=_("Until"), field_name="date", lookup_expr="lte", widget=django_filters.widgets.forms.DateInput(
            attrs={"type": "date"}
        ),
    )
    q = django_filters.CharFilter(label=_("Title contains"), field_name="title", lookup_expr="icontains")

    class Meta:
        model = Meeting
        fields = ("kind", "status", "project", "date_from", "date_to", "q")
