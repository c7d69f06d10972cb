import django_filters
from django.utils.translation import gettext_lazy as _

from lib.filters import FilterSet
from projects.models import Project

from .models import Alert, Notification, Rule, Severity


class AlertFilter(FilterSet):
    state = django_filters.ChoiceFilter(
        label=_("State"),
        method="filter_state",
        empty_label=_("Open"),
        choices=[("resolved", _("Resolved")), ("all", _("All"))],
    )
    rule = django_filters.ChoiceFilter(label=_("Rule"), choices=Rule.choices)
    severity = django_filters.ChoiceFilter(label=_("Severity"), choices=Severity.choices)
    mine = django_filters.BooleanFilter(
        label=_("My projects only"), method="filter_mine", widget=django_filters.widgets.BooleanWidget()
    )

    class Meta:
        model = Alert
        fields = ["rule", "severity"]

    def filter_queryset(self, queryset):
        # Open alerts unless asked otherwise: that is what anyone opening the page is looking for.
        if not self.form.cleaned_data.get("state"):
            queryset = queryset.filter(resolved_at__isnull=True)
        return super().filter_queryset(queryset)

    def filter_state(self, queryset, name, value):
        if value == "resolved":
            return queryset.filter(resolved_at__isnull=False)
        return queryset

    def filter_mine(self, queryset, name, value):
        if not value:
            return queryset
        person = getattr(self.request.user, "person", None)
        if person is None:  # not linked to a person: assigned to nothing
            return queryset.none()
        mine = Project.objects.assigned_to(person).values("pk")
        return queryset.filter(project__in=mine)


class NotificationFilter(FilterSet):
    unread = django_filters.BooleanFilter(
        label=_("Unread only"),
        field_name="read_at",
        lookup_expr="isnull",
        widget=django_filters.widgets.BooleanWidget(),
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Notification.Kind.choices)

    class Meta:
        model = Notification
        fields = ["kind"]
