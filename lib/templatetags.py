"""The site-wide template tags and filters ({% load xzkf %}): amounts, dates, project rows, sorting, the policy's
{% can %}. Partials shared by several apps live in templates/ (_pagination.html, _history.html, _project_rows.html)."""

import functools
import hashlib
from html import escape

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.policy import can as policy_can
from alerts.lights import light_of
from alerts.models import AlertSettings
from lib import formatting
from lib.figures import cached_figures
from projects.models import Project

register = template.Library()


@register.filter
def yuan(amount):
    """The amount in 亿元 or 万元, with the exact yuan on hover."""
    if amount is None or amount == "":
        return "—"
    # Both texts are formatted numbers: nothing to escape.
    return mark_safe(  # noqa: S308
        f'<span class="nowrap" title="{formatting.yuan_exact(amount)}">{formatting.yuan_short(amount)}</span>'
    )


@register.filter
def lag_badge(lag):
    """The badge of a project's lag ('red', 'yellow' or None), labelled as Project.Lag names it."""
    return mark_safe(_row_words(get_language())["lag_badge"][lag or None])  # noqa: S308 - escaped in _row_words


@register.simple_tag(takes_context=True)
def light(context, item):
    """The 红/黄/绿 light of a problem or follow-up (alerts.lights); the settings are read once a request.

    A project's light is its lag badge (`lag_badge`), which alerts.lights.project_light reads the same way."""
    request = context.get("request")
    thresholds = getattr(request, "light_thresholds", None)
    if thresholds is None:
        thresholds = AlertSettings.current()
        if request is not None:
            request.light_thresholds = thresholds
    value = light_of(item, timezone.localdate(), thresholds)
    return format_html('<span class="badge {}" title="{}">{}</span>', value.value, value.label, value.label)


ESCALATION_CLASSES = {1: "blue", 2: "yellow", 3: "red"}


@register.filter
def escalation_badge(follow_up):
    """The 督办单 level a follow-up has reached (蓝/黄/红), or nothing before its deadline passes."""
    if not follow_up.escalation:
        return ""
    return format_html('<span class="badge {}">{} {}</span>', ESCALATION_CLASSES[follow_up.escalation],
                       _("督办"), follow_up.get_escalation_display())


@register.filter
def quantity(value, unit=""):
    """A capacity as Chinese readers write it: {{ capacity.value|quantity:capacity.unit }} → 20万片/月."""
    return formatting.quantity(value, unit)


@register.filter
def number(value, places=1):
    """{{ amount_in_wan|number }} → 3,200 (a figure already in its unit, for tables under a unit heading)."""
    return formatting.number(value, int(places))


@register.filter
def long_date(value):
    return formatting.long_date(value)


@register.filter
def percent(value):
    return formatting.percent(value, places=0)


@register.filter
def gap(value):
    """A 序时进度 gap in percentage points (lib.formatting.gap_points)."""
    return formatting.gap_points(value)


@functools.lru_cache(maxsize=8)
def _row_words(language) -> dict:
    """Every word of a project row that is not data, translated and escaped once per language: the cells' labels
    (data-label, for the phone's card layout), the labels of the stages and categories, the lag badges."""
    lag_badges = {}
    for rank in Project.Lag:
        lag = None if rank == Project.Lag.NONE else rank.name.lower()  # as Project.lag names it
        lag_badges[lag] = f'<span class="badge {lag or "green"}">{escape(str(rank.label))}</span>'
    return {
        "label": {key: escape(_(text)) for key, text in [
            ("builder", "Builder"), ("category", "Category"), ("stage", "Stage"), ("investment", "Investment"),
            ("progress", "Progress"), ("expected", "Expected"), ("lag", "Lag"), ("production", "Planned production"),
            ("officials", "Assigned officials"),
        ]},
        "stage": {value: escape(str(label)) for value, label in Project.Stage.choices},
        "category": {value: escape(str(label)) for value, label in Project.Category.choices},
        "lag_badge": lag_badges,
    }


_ANY_PK = 987654321


def _address_by_pk(url_name):
    """pk → reverse(url_name, args=[pk]), asking the resolver once: only the pk differs from row to row."""
    head, tail = reverse(url_name, args=[_ANY_PK]).split(str(_ANY_PK))
    return lambda pk: f"{head}{pk}{tail}"


class ProjectTable:
    """The rows of a projects table. What the rows share is looked up once per table (the words once per language,
    the addresses once per page), so a row is its project's values, escaped, in f-strings. `wide` adds the
    industry, the builder, the category, both 序时 gaps and the assigned officials, as the project list shows them."""

    def __init__(self, *, wide):
        self.wide = wide
        self.words = _row_words(get_language())
        self.project_url = _address_by_pk("projects:detail")
        self.organization_url = _address_by_pk("enterprises:organization_detail")
        self.person_url = _address_by_pk("enterprises:person_detail")

    def rows(self, projects) -> str:
        return "".join(self.row(project) for project in projects)

    def row(self, project) -> str:
        words, label = self.words, self.words["label"]
        name = f'<a href="{self.project_url(project.pk)}">{escape(project.name)}</a>'
        stage = words["stage"].get(project.stage) or escape(project.stage)
        progress = percent(getattr(project, "latest_percent", None))
        expected = percent(getattr(project, "expected", None))
        production = long_date(project.planned_production)
        # Every projects table has these columns. The filters above write numbers and dates: nothing to escape.
        schedule = (
            f'<td data-label="{label["stage"]}">{stage}</td>'
            f'<td class="num" data-label="{label["investment"]}">{yuan(project.total_investment)}</td>'
            f'<td class="num" data-label="{label["progress"]}">{progress}</td>'
            f'<td class="num" data-label="{label["expected"]}">{expected}</td>'
            f'<td data-label="{label["lag"]}">{words["lag_badge"][project.lag]}</td>'
            f'<td class="nowrap" data-label="{label["production"]}">{production}</td>'
        )
        lagging = f' class="lagging-{project.lag}"' if project.lag else ""
        if not self.wide:
            return f"<tr{lagging}><td>{name}</td>{schedule}</tr>"

        industry = escape(project.industry_code.name if project.industry_code_id else project.industry)
        builder = project.builder
        builder = f'<a href="{self.organization_url(builder.pk)}">{escape(builder.name)}</a>' if builder else "—"
        category = words["category"].get(project.category) or escape(project.category)
        officials = "、".join(
            f'<a href="{self.person_url(assignment.person_id)}">{escape(assignment.person.name)}</a>'
            for assignment in project.open_assignments
        ) or "—"
        linear_gap = gap(getattr(project, "linear_gap", None))
        node_gap = gap(getattr(project, "node_gap", None))
        return (
            f'<tr{lagging}><td>{name} <span class="muted">{industry}</span></td>'
            f'<td data-label="{label["builder"]}">{builder}</td>'
            f'<td data-label="{label["category"]}">{category}</td>'
            f"{schedule}"
            f'<td class="num">{linear_gap}</td><td class="num">{node_gap}</td>'
            f'<td data-label="{label["officials"]}">{officials}</td></tr>'
        )


@register.simple_tag
def project_rows(projects, wide=False):
    """{% project_rows page.object_list wide=True %}: the <tr> of each project, for a projects table's <tbody>."""
    return mark_safe(ProjectTable(wide=wide).rows(projects))  # noqa: S308 - ProjectTable escapes every value


@register.simple_tag(takes_context=True)
def filter_form(context, list_filter):
    """A list's filter form (_filters.html), cached with the figures: its widgets cost a list page more than its
    fifty rows, and the form depends only on the list, the language, the query and the data (no user's data)."""
    request = context["request"]
    query = sorted((key, value) for key, values in request.GET.lists() if key != "page" for value in values)
    name = f"filter-form:{request.path}:{get_language()}:" + hashlib.sha256(urlencode(query).encode()).hexdigest()
    return cached_figures(name, lambda: render_to_string("_filters.html", {"filter": list_filter, "request": request}))


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters changed (None drops one): for sorting and paging links."""
    params = dict(context["request"].GET.lists())  # not GET.copy(): that deep-copies, and a list page asks 14 times
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = [value]
    encoded = urlencode(params, doseq=True)
    return f"?{encoded}" if encoded else "?"


@register.simple_tag
def source(evidence, obj, fact="", model=""):
    """A small link to the bulletin sentence a fact came from, when it came from one.

    `obj` is a model instance, or a dict with an "id" when `model` names its model.
    """
    if not evidence or obj is None:
        return ""
    model, pk = (model, obj["id"]) if isinstance(obj, dict) else (obj._meta.model_name, obj.pk)
    found = evidence.get((model, pk, fact)) or (evidence.get((model, pk, "")) if fact else None)
    if found is None:
        return ""
    return format_html(
        '<a class="source" href="{}" title="{}">[{}]</a>', found.get_absolute_url(), found.sentence[:200],
        _("source"),
    )


@register.filter
def follow_up_project(follow_up):
    """The project a follow-up is about, through its requirement or its problem."""
    subject = follow_up.requirement or follow_up.problem
    return subject.project if subject is not None else None


@register.simple_tag(takes_context=True)
def sort_header(context, key, label, descending_first=False):
    """A sortable column header: a link that sorts by `key`, then reverses; aria-sort tells which way it is sorted."""
    current = context["request"].GET.get("o", "")
    if current == key:
        direction, target, arrow = "ascending", f"-{key}", " ▲"
    elif current == f"-{key}":
        direction, target, arrow = "descending", key, " ▼"
    else:
        direction, target, arrow = "", f"-{key}" if descending_first else key, ""
    link = query_with(context, o=target, page=None)
    if direction:
        return format_html('<th scope="col" aria-sort="{}"><a href="{}">{}{}</a></th>', direction, link, label, arrow)
    return format_html('<th scope="col"><a href="{}">{}</a></th>', link, label)


@register.simple_tag(takes_context=True)
def can(context, action, obj=None):
    """{% can "problem.work" problem as may_work %}: the policy's answer, for a button the user may press."""
    request = context.get("request")
    return request is not None and policy_can(request.user, action, obj)
