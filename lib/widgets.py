"""Pickers for choices that grow with the data (projects, people, organizations): the page carries the chosen
record only, never the list; names come from a JSON search as the user types (static/js/typeahead.js).

Without the script the search box is a plain text input named for the field: the user types a name and the
server resolves it (lib.pickers). With the script, picking a name submits its id instead.
"""

from django import forms
from django.forms.utils import flatatt
from django.urls import reverse_lazy
from django.utils.html import format_html, format_html_join


def search_attrs(search_url: str) -> dict:
    """A box the script offers names for: a combobox for screen readers, controlling the script's listbox."""
    return {"data-search-url": reverse_lazy(search_url), "autocomplete": "off", "role": "combobox",
            "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": "typeahead-list"}


def labels(queryset, ids, label_field: str) -> dict[str, str]:
    """The labels of the chosen ids, in one query (none when nothing is chosen)."""
    ids = [str(value) for value in ids if str(value).isdigit()]
    if not ids:
        return {}
    return {str(pk): label for pk, label in queryset.filter(pk__in=ids).values_list("pk", label_field)}


class SearchBox(forms.TextInput):
    """A box typed into to find a record by name (a typed name stays a name)."""

    input_type = "search"

    def __init__(self, search_url: str, attrs=None):
        super().__init__({**search_attrs(search_url), **(attrs or {})})


class SearchInput(SearchBox):
    """One record: the box shows the chosen record's label, its id in data-value for the script."""

    def __init__(self, search_url: str, attrs=None):
        super().__init__(search_url, {"data-picks-id": True, **(attrs or {})})
        self.search_url = search_url
        self.queryset = None  # set by the field (lib.pickers.SearchField)
        self.label_field = "name"
        self.labels = None  # id → label, when a formset looked up all its rows' labels at once

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        value = widget["value"]
        known = self.labels if self.labels is not None else labels(self.queryset, [value], self.label_field)
        label = known.get(str(value)) if value else None
        if label is not None:
            widget["value"], widget["attrs"]["data-value"] = label, value
        return context


class SearchSelectMultiple(forms.Widget):
    """Several records: each chosen one a checked box (uncheck to drop it), then a search box to add another."""

    def __init__(self, search_url: str, attrs=None):
        super().__init__(attrs)
        self.search_url = search_url
        self.queryset = None  # set by the field (lib.pickers.SearchMultipleField)
        self.label_field = "name"

    def value_from_datadict(self, data, files, name):
        return [value for value in data.getlist(name) if value.strip()] if hasattr(data, "getlist") else []

    def format_value(self, value):
        if value is None:
            return []
        return [str(v) for v in (value if isinstance(value, (list, tuple)) else [value])]

    def render(self, name, value, attrs=None, renderer=None):
        values = self.format_value(value)
        known = labels(self.queryset, values, self.label_field)
        chosen = format_html_join(
            "", '<li><label><input type="checkbox" name="{}" value="{}" checked> {}</label></li>',
            ((name, pk, known[pk]) for pk in values if pk in known),
        )
        typed = next((v for v in values if not v.isdigit()), "")  # a name the server could not resolve
        box = SearchBox(self.search_url).render(name, typed, self.build_attrs(self.attrs, attrs))
        return format_html('<div class="picker-multiple"><ul class="picked">{}</ul>{}</div>', chosen, box)


class FastSelect(forms.Select):
    """A select of a short, flat list joined in Python: Django renders each option through a template include,
    about six times slower for the project list's bounded filters (bench/filter_selects.py prints both)."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = format_html_join("", '<option value="{}"{}>{}</option>', (
            ("" if option is None else option, " selected" if str(option) in chosen else "", label)
            for option, label in self.choices
        ))
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(self.build_attrs(self.attrs, attrs)),
                           options)
