"""调度周报: the week just ended by default, any earlier week on demand, each problem with its status now."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.models import Problem, ProblemCategory, Project


@pytest.fixture
def weeks():
    today = timezone.localdate()
    this_monday = today - datetime.timedelta(days=today.weekday())
    return {"today": today, "this_monday": this_monday, "last_monday": this_monday - datetime.timedelta(weeks=1)}


@pytest.fixture
def problems(db, weeks, staff):
    project = Project.objects.create(name="测试项目")
    category = ProblemCategory.objects.get(name="供地")

    def make(description, raised_on, status=Problem.Status.ASSIGNED):
        return Problem.objects.create(project=project, category=category, description=description,
                                      raised_on=raised_on, status=status, created_by=staff,
                                      resolution="" if status == Problem.Status.ASSIGNED else "已解决")

    last_sunday = weeks["this_monday"] - datetime.timedelta(days=1)
    return {
        "signed_off": make("上周已签收的问题", weeks["last_monday"], Problem.Status.CLOSED),
        "open": make("上周交办的问题", last_sunday),
        "this_week": make("本周的问题", weeks["today"]),
        "older": make("两周前的问题", weeks["last_monday"] - datetime.timedelta(days=1)),
    }


def test_the_report_defaults_to_the_week_just_ended_monday_to_sunday(client_as, official, weeks, problems):
    response = client_as(official).get(reverse("dashboard:weekly_report"))
    assert response.context["monday"] == weeks["last_monday"]
    assert response.context["sunday"] == weeks["this_monday"] - datetime.timedelta(days=1)
    assert set(response.context["new_problems"]) == {problems["signed_off"], problems["open"]}


def test_every_listed_problem_shows_its_status_now(client_as, official, problems):
    html = client_as(official).get(reverse("dashboard:weekly_report")).content.decode()
    assert "当前状态" in html
    for problem in (problems["signed_off"], problems["open"]):
        row = html[html.index(problem.description):]
        row = row[:row.index("</tr>")]
        assert f">{problem.get_status_display()}</span>" in row
    assert ">已销号</span>" in html


def test_the_chooser_shows_another_week_and_offers_the_weeks_around_it(client_as, official, weeks, problems):
    client = client_as(official)
    response = client.get(reverse("dashboard:weekly_report"), {"week": weeks["today"].isoformat()})
    assert response.context["monday"] == weeks["this_monday"]
    assert list(response.context["new_problems"]) == [problems["this_week"]]
    html = response.content.decode()
    assert f'?week={weeks["last_monday"]:%Y-%m-%d}" rel="prev"' in html
    assert 'rel="next"' not in html, "no week after this one"
    assert f'<option value="{weeks["this_monday"]:%Y-%m-%d}" selected>' in html

    earlier = client.get(reverse("dashboard:weekly_report"), {"week": (weeks["last_monday"] - datetime.timedelta(
        days=3)).isoformat()})
    assert list(earlier.context["new_problems"]) == [problems["older"]]
    assert f'?week={weeks["last_monday"]:%Y-%m-%d}" rel="next"' in earlier.content.decode()


@pytest.mark.parametrize("week", ["next tuesday", "2026-02-30"])
def test_a_bad_week_says_so_and_shows_the_week_just_ended(client_as, official, weeks, week):
    response = client_as(official).get(reverse("dashboard:weekly_report"), {"week": week}, follow=True)
    assert response.context["monday"] == weeks["last_monday"]
    assert "不是日期" in response.content.decode()


def test_a_week_not_begun_says_so(client_as, official, weeks):
    future = weeks["today"] + datetime.timedelta(days=8)
    response = client_as(official).get(reverse("dashboard:weekly_report"), {"week": future.isoformat()})
    assert response.context["monday"] == weeks["last_monday"]
    assert "该周尚未开始" in response.content.decode()


def test_the_overviews_follow_up_figures_open_this_weeks_report(client_as, official, weeks, problems):
    html = client_as(official).get(reverse("dashboard:overview")).content.decode()
    assert f'{reverse("dashboard:weekly_report")}?week={weeks["today"]:%Y-%m-%d}#follow-ups' in html
