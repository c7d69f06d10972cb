"""The overview's figures are cached, yet an official never sees them older than the last write."""

import datetime
from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lib import figures
from projects.models import Milestone

OVERVIEW = reverse("dashboard:overview")


def open_problems(client):
    return client.get(OVERVIEW).context["problems"]["open"]


def test_the_overview_counts_a_problem_the_moment_staff_log_it(client_as, official, staff, project, category, today):
    officials_view = client_as(official)
    assert open_problems(officials_view) == 0

    response = client_as(staff).post(reverse("projects:problem_create"), {
        "project": project.pk, "category": category.pk, "description": "环评批复滞后",
        "due_date": (today + datetime.timedelta(days=7)).isoformat(),
    })

    assert response.status_code == 302
    assert open_problems(officials_view) == 1


def test_the_overview_shows_the_lag_the_daily_scan_found(client_as, official, project, today):
    Milestone.objects.create(project=project, name="主体厂房封顶", planned_date=today - datetime.timedelta(days=3))
    officials_view = client_as(official)
    assert officials_view.get(OVERVIEW).context["lag"]["lagging_projects"] == 0

    call_command("flag_lagging", stdout=StringIO())

    assert officials_view.get(OVERVIEW).context["lag"]["lagging_projects"] == 1


def test_the_overview_reads_its_figures_from_the_cache_while_nothing_changes(client_as, official, problem):
    officials_view = client_as(official)
    with CaptureQueriesContext(connection) as first:
        officials_view.get(OVERVIEW)
    with CaptureQueriesContext(connection) as second:
        again = officials_view.get(OVERVIEW)

    assert again.context["problems"]["open"] == 1
    assert len(second) <= len(first) - 8  # the figures' aggregates are not run again


def test_the_overview_answers_while_the_cache_is_down(client_as, official, problem, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("cache unreachable")

    monkeypatch.setattr(figures.cache, "get", down)
    monkeypatch.setattr(figures.cache, "incr", down)

    response = client_as(official).get(OVERVIEW)

    assert response.status_code == 200 and response.context["problems"]["open"] == 1


def test_the_project_lists_total_counts_a_project_the_moment_it_is_added(client_as, official, admin, project):
    officials_view = client_as(official)
    assert officials_view.get(reverse("projects:list")).context["page"].paginator.count == 1

    response = client_as(admin).post("/api/v1/projects/", {"name": "新建储能项目"}, content_type="application/json")

    assert response.status_code == 201
    listed = officials_view.get(reverse("projects:list"))
    assert listed.context["page"].paginator.count == 2
    assert "新建储能项目" in listed.content.decode()
