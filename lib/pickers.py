"""Form fields and filters for records picked by searching (lib.widgets): the value is an id, as it always was
(`project=<id>`, `official=<person id>`), or, from a page without the script, a typed name resolved here."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _

from .widgets import SearchInput, SearchSelectMultiple, labels


def resolve_name(queryset, text: str, label_field: str = "name"):
    """The one record a typed name means: the one so named, else the one whose name contains it."""
    for lookup in ("exact", "icontains"):
        matches = list(queryset.filter(**{f"{label_field}__{lookup}": text})[:2])
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise ValidationError(_("Several match “%(name)s”: type more of the name."), code="ambiguous",
                                  params={"name": text})
    raise ValidationError(_("Nothing matches “%(name)s”."), code="invalid_choice", params={"name": text})


class _Searched:
    """Hands the queryset to the widget, which looks up the chosen labels only."""

    label_field = "name"

    def _set_queryset(self, queryset):
        super()._set_queryset(queryset)
        self.widget.queryset = self.queryset
        self.widget.label_field = self.label_field

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def _resolved(self, value):
        """The id a submitted value means: itself, or the record a typed name resolves to."""
        text = str(value).strip()
        return text if text.isdigit() else str(resolve_name(self.queryset, text, self.label_field).pk)


class SearchField(_Searched, forms.ModelChoiceField):
    def __init__(self, queryset, *, search_url: str, **kwargs):
        kwargs.setdefault("widget", SearchInput(search_url))
        super().__init__(queryset, **kwargs)

    def to_python(self, value):
        if value in self.empty_values or isinstance(value, self.queryset.model):
            return super().to_python(value)
        return super().to_python(self._resolved(value))

    def has_changed(self, initial, data):
        # A form shown without the script sends back the chosen record's name: the same record, unchanged.
        try:
            data = self._resolved(data) if data not in self.empty_values else data
        except ValidationError:
            return True
        return super().has_changed(initial, data)


class SearchMultipleField(_Searched, forms.ModelMultipleChoiceField):
    def __init__(self, queryset, *, search_url: str, **kwargs):
        kwargs.setdefault("widget", SearchSelectMultiple(search_url))
        super().__init__(queryset, **kwargs)

    def clean(self, value):
        return super().clean([self._resolved(v) for v in value or []])


def share_labels(forms, name: str):
    """The rows of a formset look up their pickers' labels in one query, not one each."""
    if not forms:
        return
    field = forms[0].fields[name]
    known = labels(field.queryset, [form[name].value() for form in forms], field.label_field)
    for form in forms:
        form.fields[name].widget.labels = known


class SearchFilter(django_filters.ModelChoiceFilter):
    """A filter on one record picked by searching; the API reads the same parameter as an id."""

    field_class = SearchField


def type_ahead(request, results, *, longest: int = 100) -> JsonResponse:
    """What a search box's type-ahead reads (static/js/typeahead.js): {"results": results(query)}, where each
    result has at least an id and a name; an empty query finds nothing."""
    query = request.GET.get("q", "").strip()[:longest]
    return JsonResponse({"results": results(query) if query else []})
