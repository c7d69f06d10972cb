import django_filters
from django import forms

from .widgets import FastSelect


class FilterSet(django_filters.FilterSet):
    """The project's FilterSet: every plain select of its form renders with FastSelect."""

    def get_form_class(self):
        form_class = super().get_form_class()
        for field in form_class.base_fields.values():
            if type(field.widget) is forms.Select:
                widget = FastSelect(attrs=field.widget.attrs)
                widget.choices = field.widget.choices
                field.widget = widget
        return form_class
