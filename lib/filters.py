import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters.conf import settings as filter_settings
from django_filters.widgets import BooleanWidget

from .widgets import FastSelect

ALL = _("All")


class FilterSet(django_filters.FilterSet):
    """The project's FilterSet: every choice starts at "All", and every plain select renders with FastSelect."""

    def get_form_class(self):
        form_class = super().get_form_class()
        for name, field in form_class.base_fields.items():
            _offer_all(field, self.filters[name])
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


def _offer_all(field, list_filter):
    """A filter left alone must filter nothing, and say so: its blank choice reads "All" and comes first.

    A select without a blank choice makes the browser submit its first option, so the filter always applies.
    """
    if isinstance(field.widget, BooleanWidget):
        field.widget.choices = [("", ALL), ("true", _("Yes")), ("false", _("No"))]
    elif isinstance(list_filter, django_filters.OrderingFilter):
        if field.empty_label == filter_settings.EMPTY_CHOICE_LABEL:
            field.empty_label = _("Default order")
    elif hasattr(field, "empty_label"):  # django-filter's choice fields: a label other than the default is meant
        if field.empty_label == filter_settings.EMPTY_CHOICE_LABEL:
            field.empty_label = ALL
    elif isinstance(field, forms.ChoiceField) and not any(value == "" for value, _label in field.choices):
        field.choices = [("", ALL), *field.choices]
