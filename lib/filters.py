import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters.conf import settings as filter_settings
from django_filters.widgets import BooleanWidget

from .widgets import FastSelect

ALL = _("All")


class AllBooleanWidget(BooleanWidget):
    """Yes / No, or 全部 (All) for a filter left alone: "unknown" says nothing to someone filtering a list."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("", ALL), ("true", _("Yes")), ("false", _("No"))]


class FilterSet(django_filters.FilterSet):
    """The project's FilterSet: every choice starts at "All", and every plain select renders with FastSelect."""

    @classmethod
    def get_filters(cls):
        # Once, when the class is made, before any form field exists: the API, its schema and the pages then
        # all build the same fields.
        filters = super().get_filters()
        for list_filter in filters.values():
            _offer_all(list_filter)
        return filters

    def get_form_class(self):
        form_class = super().get_form_class()
        for field in form_class.base_fields.values():
            if type(field.widget) is forms.Select:
                widget = FastSelect(attrs=field.widget.attrs)
                widget.choices = field.widget.choices
                field.widget = widget
        return form_class

    @property
    def active_count(self) -> int:
        """How many filters the request sets (a sort order is not one): the folded filters' button says it."""
        data = self.data or {}
        return sum(1 for name, list_filter in self.filters.items()
                   if not isinstance(list_filter, django_filters.OrderingFilter) and str(data.get(name, "")).strip())


def _offer_all(list_filter):
    """A filter left alone must filter nothing, and say so: its blank choice reads "All" and comes first.

    A select without a blank choice makes the browser submit its first option, so the filter always applies.
    """
    extra = list_filter.extra
    widget = extra.get("widget")
    if isinstance(widget, BooleanWidget) or (isinstance(widget, type) and issubclass(widget, BooleanWidget)):
        extra["widget"] = AllBooleanWidget(attrs=getattr(widget, "attrs", None))
    elif isinstance(list_filter, django_filters.ChoiceFilter):
        # A blank choice labelled on purpose (open alerts) keeps its label; a sort order is not a filter.
        if extra.get("empty_label", filter_settings.EMPTY_CHOICE_LABEL) == filter_settings.EMPTY_CHOICE_LABEL:
            ordering = isinstance(list_filter, django_filters.OrderingFilter)
            extra["empty_label"] = _("Default order") if ordering else ALL
    elif isinstance(list_filter, django_filters.TypedChoiceFilter):
        choices = extra.get("choices", ())
        extra["choices"] = (lambda: [("", ALL), *choices()]) if callable(choices) else [("", ALL), *choices]
