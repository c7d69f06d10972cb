"""Every list filter left alone filters nothing: generated from the FilterSets, on the seed bulletins' data.

A browser submits what a form shows selected (a select without a blank choice submits its first option), so
each case submits the form's defaults, as a browser would, with one field changed, and expects the result of
that field alone.
"""

import io
from html.parser import HTMLParser
from importlib import import_module

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from lib.filters import FilterSet
from projects.models import Project

FILTER_MODULES = ["projects.filters", "projects.problem_filters", "meetings.filters", "enterprises.filters",
                  "alerts.filters"]
# Filters whose blank choice is deliberately something else than "All": open alerts are what the page is for
# (全部 is one of its choices), and a sort order is not a filter.
OWN_BLANK = {("AlertFilter", "state"), ("ProjectFilter", "o")}
OPTIONS_PER_FIELD = 4


def filtersets():
    for module in FILTER_MODULES:
        import_module(module)
    found, stack = [], list(FilterSet.__subclasses__())
    while stack:
        cls = stack.pop()
        found.append(cls)
        stack.extend(cls.__subclasses__())
    return sorted(found, key=lambda cls: cls.__name__)


class FormDefaults(HTMLParser):
    """What a browser submits for a form nobody touched, and each select's options."""

    def __init__(self):
        super().__init__()
        self.data, self.options, self.labels = {}, {}, {}
        self._select = self._option = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self._select = attrs["name"]
            self.options[self._select] = []
        elif tag == "option" and self._select:
            self._option = attrs.get("value", "")
            self.options[self._select].append(self._option)
            if "selected" in attrs or self._select not in self.data:
                self.data[self._select] = self._option
        elif tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data[attrs["name"]] = attrs.get("value", "on" if kind == "checkbox" else "")

    def handle_data(self, data):
        if self._select and self._option is not None and data.strip():
            self.labels.setdefault(self._select, {})[self._option] = data.strip()

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "option":
            self._option = None


@pytest.fixture
def seeded(db, official):
    call_command("load_seeds", stdout=io.StringIO())
    call_command("flag_lagging", stdout=io.StringIO())  # alerts and notifications to filter
    request = RequestFactory().get("/")
    request.user = official
    return request


def _defaults(cls, request):
    parser = FormDefaults()
    with translation.override("zh-hans"):
        parser.feed(cls(None, queryset=cls._meta.model.objects.none(), request=request).form.as_div())
    return parser


def _ids(cls, data, request):
    filterset = cls(data, queryset=cls._meta.model.objects.all(), request=request)
    assert filterset.is_valid(), filterset.errors
    return set(filterset.qs.values_list("pk", flat=True))


@pytest.mark.parametrize("cls", filtersets(), ids=lambda cls: cls.__name__)
def test_every_choice_filter_starts_at_all(cls, seeded):
    form = _defaults(cls, seeded)
    assert form.options, f"{cls.__name__} has no choice filter"
    for name, value in form.data.items():
        assert value == "", f"{cls.__name__}.{name} applies {value!r} when left alone"
    for name in form.options:
        if (cls.__name__, name) not in OWN_BLANK:
            blank = form.labels[name][""]
            assert blank == "全部", f"{cls.__name__}.{name}'s blank choice reads {blank}"


@pytest.mark.parametrize("cls", filtersets(), ids=lambda cls: cls.__name__)
def test_each_choice_filter_alone_filters_by_that_field_only(cls, seeded):
    form = _defaults(cls, seeded)
    everything = _ids(cls, {}, seeded)
    assert _ids(cls, form.data, seeded) == everything
    narrowed = 0
    for name, options in form.options.items():
        if (cls.__name__, name) in OWN_BLANK:
            continue
        list_filter = cls.base_filters[name]
        for value in [option for option in options if option][:OPTIONS_PER_FIELD]:
            got = _ids(cls, {**form.data, name: value}, seeded)
            alone = cls({name: value}, queryset=cls._meta.model.objects.all(), request=seeded)
            assert alone.is_valid()
            if list_filter.method is None and value not in ("true", "false"):
                # A plain field filter: the expected rows straight from the model, not through the FilterSet.
                lookup = f"{list_filter.field_name}__{list_filter.lookup_expr}"
                expected = set(alone.queryset.filter(**{lookup: alone.form.cleaned_data[name]})
                               .filter(pk__in=everything).values_list("pk", flat=True))
            else:
                expected = set(alone.qs.values_list("pk", flat=True))
            assert got == expected, f"{cls.__name__}: {name}={value} alone"
            narrowed += got != everything
    if cls._meta.model.objects.count() > 1:
        assert narrowed, f"no choice of {cls.__name__} narrowed the list: the test proved nothing"


def test_stage_alone_returns_every_project_of_that_stage_on_the_seeds(client_as, official, seeded):
    """The issue's case: the page's own form, submitted with only the stage chosen."""
    client = client_as(official)
    form = FormDefaults()
    form.feed(client.get(reverse("projects:list")).content.decode())
    stages = Project.objects.values_list("stage", flat=True)
    stage = max(set(stages), key=list(stages).count)
    response = client.get(reverse("projects:list"), {**form.data, "stage": stage})
    assert response.context["page"].paginator.count == Project.objects.filter(stage=stage).count() > 1
