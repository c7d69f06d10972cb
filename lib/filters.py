import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .widgets import FastSelect


class FilterSet(django_filters.FilterSet):
    """The project's FilterSet: every plain select of its form renders with FastSelect; a yes/no filter's empty
    choice reads "All" (django-filter's "Unknown" reads 未知, as if the value were unknown rather than not asked)."""

    def get_form_class(self):
        form_class = super().get_form_class()
        for field in form_class.base_fields.values():
            if isinstance(field.widget, django_filters.widgets.BooleanWidget):
                field.widget.choices = (("", _("All")), ("true", _("Yes")), ("false", _("No")))
            elif type(field.widget) is forms.Select:
                widget = FastSelect(attrs=field.widget.attrs)
                widget.choices = field.widget.choices
                field.widget = widget
        return form_class
