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


def _new_problems(response) -> dict[str, str]:
    """The report's table of problems raised in the period: description → its status now (the last column)."""
    table = next(t for t in response.context["report"].tables if t.key == "new_problems")
    assert table.headers[-1] == "当前状态"
    return {row[3].text: row[-1].text for row in table.rows}


def test_the_report_defaults_to_the_week_just_ended_monday_to_sunday(client_as, official, weeks, problems):
    response = client_as(official).get(reverse("dashboard:weekly_report"))
    report = response.context["report"]
    assert (report.start, report.end) == (weeks["last_monday"], weeks["this_monday"] - datetime.timedelta(days=1))
    assert set(_new_problems(response)) == {problems["signed_off"].description, problems["open"].description}


def test_every_listed_problem_shows_its_status_now(client_as, official, problems):
    response = client_as(official).get(reverse("dashboard:weekly_report"))
    assert _new_problems(response) == {
        problems["signed_off"].description: problems["signed_off"].get_status_display(),
        problems["open"].description: problems["open"].get_status_display(),
    }
    html = response.content.decode()
    assert "当前状态" in html and "已销号" in html


def test_the_chooser_shows_another_week_and_offers_the_weeks_around_it(client_as, official, weeks, problems):
    client = client_as(official)
    response = client.get(reverse("dashboard:weekly_report"), {"date": weeks["today"].isoformat()})
    assert response.context["report"].start == weeks["this_monday"]
    assert list(_new_problems(response)) == [problems["this_week"].description]
    html = response.content.decode()
    assert f'href="?date={weeks["last_monday"]:%Y-%m-%d}"' in html
    assert "下一周" not in html, "no week after this one"
    assert f'value="{weeks["this_monday"]:%Y-%m-%d}"' in html

    earlier = client.get(reverse("dashboard:weekly_report"), {"date": (weeks["last_monday"] - datetime.timedelta(
        days=3)).isoformat()})
    assert list(_new_problems(earlier)) == [problems["older"].description]
    assert f'href="?date={weeks["last_monday"]:%Y-%m-%d}"' in earlier.content.decode()


@pytest.mark.parametrize("week", ["next tuesday", "2026-02-30"])
def test_a_bad_week_says_so_and_shows_the_week_just_ended(client_as, official, weeks, week):
    response = client_as(official).get(reverse("dashboard:weekly_report"), {"date": week}, follow=True)
    assert response.context["report"].start == weeks["last_monday"]
    assert "日期请按 YYYY-MM-DD 填写" in response.content.decode()


def test_a_week_not_begun_says_so(client_as, official, weeks):
    future = weeks["today"] + datetime.timedelta(days=8)
    response = client_as(official).get(reverse("dashboard:weekly_report"), {"date": future.isoformat()}, follow=True)
    assert response.context["report"].start == weeks["last_monday"]
    assert "不能生成尚未开始的一周的周报" in response.content.decode()


def test_the_overviews_follow_up_figures_open_this_weeks_report(client_as, official, weeks, problems):
    html = client_as(official).get(reverse("dashboard:overview")).content.decode()
    assert f'{reverse("dashboard:weekly_report")}?date={weeks["today"]:%Y-%m-%d}#follow_ups' in html
