"""The site-wide template tags and filters ({% load xzkf %}): amounts, dates, project rows, sorting, the policy's
{% can %}. Partials shared by several apps live in templates/ (_pagination.html, _history.html, _project_rows.html)."""

import functools

from django import template
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.policy import can as policy_can
from alerts.lights import light_of
from alerts.models import AlertSettings
from lib import formatting
from projects.models import Project

register = template.Library()


@register.filter
def yuan(amount):
    """The amount in 亿元 or 万元, with the exact yuan on hover."""
    if amount is None or amount == "":
        return "—"
    return format_html('<span class="nowrap" title="{}">{}</span>', formatting.yuan_exact(amount),
                       formatting.yuan_short(amount))


@register.filter
def lag_badge(lag):
    """The badge of a project's lag ('red', 'yellow' or None), labelled as Project.Lag names it."""
    rank = Project.Lag[lag.upper()] if lag else Project.Lag.NONE
    return format_html('<span class="badge {}">{}</span>', lag or "green", rank.label)


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


def _label(choices, value) -> str:
    # What get_FOO_display() gives, without rebuilding the choices' dict for every row.
    return str(choices(value).label) if value in choices.values else value


@functools.lru_cache(maxsize=8)
def _row_labels(language) -> dict:
    """The column names a project row's cells carry (data-label) for the phone's card layout: once per language."""
    return {key: _(label) for key, label in [
        ("builder", "Builder"), ("category", "Category"), ("stage", "Stage"), ("investment", "Investment"),
        ("progress", "Progress"), ("expected", "Expected"), ("lag", "Lag"), ("production", "Planned production"),
        ("officials", "Assigned officials"),
    ]}


@register.simple_tag
def project_row(project, wide=False):
    """One row of a projects table. Rendered here rather than in a template: a list shows fifty rows, and the
    template engine spent more on their cells than on the rest of the page. `wide` adds the builder, the
    category and the assigned officials, as the project list shows them."""
    label = _row_labels(get_language())
    industry = (project.industry_code.name if project.industry_code_id else project.industry) if wide else ""
    name = format_html('<td><a href="{}">{}</a>{}</td>', project.get_absolute_url(), project.name,
                       format_html(' <span class="muted">{}</span>', industry) if wide else "")
    cells = [name]
    if wide:
        builder = project.builder
        cells.append(format_html('<td data-label="{}"><a href="{}">{}</a></td>', label["builder"],
                                 builder.get_absolute_url(), builder.name)
                     if builder else format_html('<td data-label="{}">—</td>', label["builder"]))
        cells.append(format_html('<td data-label="{}">{}</td>', label["category"],
                                 _label(project.Category, project.category)))
    cells += [
        format_html('<td data-label="{}">{}</td>', label["stage"], _label(project.Stage, project.stage)),
        format_html('<td class="num" data-label="{}">{}</td>', label["investment"], yuan(project.total_investment)),
        format_html('<td class="num" data-label="{}">{}</td>', label["progress"],
                    percent(getattr(project, "latest_percent", None))),
        format_html('<td class="num" data-label="{}">{}</td>', label["expected"],
                    percent(getattr(project, "expected", None))),
        format_html('<td data-label="{}">{}</td>', label["lag"], lag_badge(project.lag)),
        format_html('<td class="nowrap" data-label="{}">{}</td>', label["production"],
                    long_date(project.planned_production)),
    ]
    if wide:
        cells += [format_html('<td class="num">{}</td>', gap(getattr(project, "linear_gap", None))),
                  format_html('<td class="num">{}</td>', gap(getattr(project, "node_gap", None)))]
        officials = format_html_join("、", '<a href="{}">{}</a>', (
            (assignment.person.get_absolute_url(), assignment.person.name) for assignment in project.open_assignments
        ))
        cells.append(format_html('<td data-label="{}">{}</td>', label["officials"], officials or "—"))
    lagging = format_html(' class="lagging-{}"', project.lag) if project.lag else ""
    return format_html("<tr{}>{}</tr>", lagging, mark_safe("".join(cells)))  # noqa: S308 - every cell is escaped above


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters changed (None drops one): for sorting and paging links."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
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
