"""红/黄/绿: the rules of alerts.lights, and the same light on the pages, the exports and the API."""

import csv
import datetime
import io
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from alerts.lights import Light, follow_up_light, problem_light, project_light
from alerts.models import AlertSettings
from meetings.models import FollowUp
from projects.models import Problem, Project

TODAY = date(2020, 8, 1)


@pytest.fixture
def thresholds(db):
    return AlertSettings(overdue_red_days=30)


@pytest.mark.parametrize(("due", "light"), [
    (date(2020, 8, 10), Light.GREEN),  # not yet due
    (TODAY, Light.GREEN),  # due today: not late yet
    (date(2020, 7, 31), Light.YELLOW),  # a day late
    (date(2020, 7, 2), Light.YELLOW),  # 30 days late: the alert is still yellow
    (date(2020, 7, 1), Light.RED),  # 31 days late: the alert turns red the same day
    (None, Light.YELLOW),  # open without a deadline
])
def test_an_open_problem_lights_by_its_deadline(problem, thresholds, due, light):
    problem.due_date = due
    assert problem_light(problem, TODAY, thresholds) == light


def test_the_red_threshold_is_the_alert_settings(problem, thresholds):
    problem.due_date = date(2020, 7, 20)  # 12 days late
    assert problem_light(problem, TODAY, thresholds) == Light.YELLOW
    assert problem_light(problem, TODAY, AlertSettings(overdue_red_days=10)) == Light.RED


@pytest.mark.parametrize("status", [Problem.Status.SOLVED, Problem.Status.CLOSED])
def test_a_solved_problem_is_green_however_late(problem, thresholds, status):
    problem.status, problem.due_date = status, date(2019, 1, 1)
    assert problem_light(problem, TODAY, thresholds) == Light.GREEN


def test_a_follow_up_lights_like_a_problem_and_is_green_once_done(follow_up, thresholds):
    follow_up.due_date = date(2020, 6, 1)
    assert follow_up_light(follow_up, TODAY, thresholds) == Light.RED
    follow_up.due_date = date(2020, 7, 25)
    assert follow_up_light(follow_up, TODAY, thresholds) == Light.YELLOW
    follow_up.status = FollowUp.Status.DONE
    assert follow_up_light(follow_up, TODAY, thresholds) == Light.GREEN


@pytest.mark.parametrize(("rank", "light"), [
    (Project.Lag.NONE, Light.GREEN), (Project.Lag.YELLOW, Light.YELLOW), (Project.Lag.RED, Light.RED),
])
def test_a_project_shows_its_worst_open_alert(rank, light):
    assert project_light(Project(name="某项目", lag_rank=rank)) == light


def _api(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def test_pages_export_and_api_show_the_same_light(problem, follow_up, official, client_as):
    today = timezone.localdate()
    Problem.objects.filter(pk=problem.pk).update(raised_on=today - datetime.timedelta(days=60),
                                                 due_date=today - datetime.timedelta(days=45))
    FollowUp.objects.filter(pk=follow_up.pk).update(due_date=today - datetime.timedelta(days=3))
    api = _api(official)
    assert api.get(f"/api/v1/problems/{problem.pk}/").json()["light"] == "red"
    assert api.get(f"/api/v1/follow-ups/{follow_up.pk}/").json()["light"] == "yellow"
    assert api.get(f"/api/v1/projects/{problem.project_id}/").json()["light"] == "green"
    page = client_as(official).get(problem.get_absolute_url()).content.decode()
    assert f'<span class="badge red" title="{Light.RED.label}">' in page
    project_page = client_as(official).get(problem.project.get_absolute_url()).content.decode()
    assert f'<span class="badge red" title="{Light.RED.label}">' in project_page
    assert f'<span class="badge yellow" title="{Light.YELLOW.label}">' in project_page
    response = client_as(official).get(reverse("projects:problem_list"), {"export": "csv"})
    header, row = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[:2]
    assert dict(zip(header, row, strict=True))[_("Light")] == Light.RED.label


def test_on_the_seeded_bulletins_the_lights_follow_the_scan(db, admin):
    call_command("load_seeds", stdout=StringIO())
    call_command("flag_lagging", "--today", "2020-08-01", stdout=StringIO())
    projects = {p["name"]: p for p in _api(admin).get("/api/v1/projects/", {"page_size": 500}).json()["results"]}
    assert projects, "the seeds hold projects"
    lit = {name: p["light"] for name, p in projects.items()}
    # The light is the scan's verdict: red exactly where a red alert is open, green where none is.
    for project in Project.objects.all():
        assert lit[project.name] == {2: "red", 1: "yellow", 0: "green"}[project.lag_rank]
    assert "red" in lit.values(), "the seeds' overdue phase-1 production milestone makes its project red"
