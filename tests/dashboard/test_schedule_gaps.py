"""序时进度 two ways: the linear gap and the node-plan gap, on the project page, the list and the weekly report."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from projects import schedule
from projects.models import Milestone, ProgressReport, Project
from projects.selectors import with_latest_progress, with_schedule_gaps

TODAY = datetime.date(2020, 7, 1)


def _gaps(project, today=TODAY):
    row = with_schedule_gaps(with_latest_progress(Project.objects.filter(pk=project.pk)), today).get()
    return row.linear_gap, row.node_gap


@pytest.fixture
def project(db):
    return Project.objects.create(name="甲项目", planned_start=datetime.date(2020, 1, 1),
                                  planned_production=datetime.date(2020, 12, 31))


def test_the_linear_gap_is_sequence_progress_minus_the_latest_report(project):
    ProgressReport.objects.create(project=project, date=datetime.date(2020, 6, 1), percent_complete=Decimal("20"))
    ProgressReport.objects.create(project=project, date=datetime.date(2020, 6, 20), percent_complete=Decimal("39"))
    linear, _ = _gaps(project)
    expected = schedule.expected_progress(project.planned_start, project.planned_production, TODAY)
    assert linear == pytest.approx(float(expected) - 39)
    assert linear == pytest.approx(10.9, abs=0.1)  # 49.9 % due by 1 July, 39 % reported


def test_the_linear_gap_is_clamped_and_empty_without_what_it_needs(project):
    ProgressReport.objects.create(project=project, date=datetime.date(2020, 6, 1), percent_complete=Decimal("80"))
    assert _gaps(project, datetime.date(2021, 3, 1))[0] == pytest.approx(20)  # past the finish: 100 % due
    assert _gaps(project, datetime.date(2019, 12, 1))[0] == pytest.approx(-80)  # before the start: nothing due
    Project.objects.filter(pk=project.pk).update(planned_production=None)
    assert _gaps(project)[0] is None
    bare = Project.objects.create(name="乙项目", planned_start=datetime.date(2020, 1, 1),
                                  planned_production=datetime.date(2020, 12, 31))
    assert _gaps(bare) == (None, None)  # no report, no milestone


def test_the_node_gap_weighs_the_milestones_due_against_those_reached(project):
    make = Milestone.objects.create
    make(project=project, name="开工", planned_date=datetime.date(2020, 2, 1), actual_date=datetime.date(2020, 2, 3))
    make(project=project, name="主体封顶", planned_date=datetime.date(2020, 6, 1), weight=2)  # due, not reached
    make(project=project, name="设备进场", planned_date=datetime.date(2020, 9, 1))  # not due yet
    # due: 1 + 2 of 4; reached: 1 of 4 → 75 − 25 = 50 points behind
    assert _gaps(project)[1] == pytest.approx(50)
    make(project=project, name="提前完成", planned_date=datetime.date(2020, 10, 1),
         actual_date=datetime.date(2020, 6, 5))  # reached early
    # due: 3 of 5; reached: 2 of 5 → 20 points
    assert _gaps(project)[1] == pytest.approx(20)


def test_the_page_the_list_and_the_weekly_report_show_both_gaps(client_as, official, db):
    today = timezone.localdate()
    behind = Project.objects.create(name="甲落后项目", planned_start=today - datetime.timedelta(days=100),
                                    planned_production=today + datetime.timedelta(days=100), lag_rank=Project.Lag.RED)
    ProgressReport.objects.create(project=behind, date=today, percent_complete=Decimal("30"))  # 50 due: +20.0
    Milestone.objects.create(project=behind, name="开工", planned_date=today - datetime.timedelta(days=90))  # +100.0
    ahead = Project.objects.create(name="乙超前项目", planned_start=today - datetime.timedelta(days=100),
                                   planned_production=today + datetime.timedelta(days=100))
    ProgressReport.objects.create(project=ahead, date=today, percent_complete=Decimal("60"))  # −10.0
    client = client_as(official)
    page = client.get(behind.get_absolute_url()).content.decode()
    assert "+20.0" in page and "+100.0" in page
    listed = client.get(reverse("projects:list"), {"o": "-linear_gap"})
    assert [p.name for p in listed.context["page"].object_list] == ["甲落后项目", "乙超前项目"]
    assert "−10.0" in listed.content.decode()
    listed = client.get(reverse("projects:list"), {"o": "linear_gap"})
    assert [p.name for p in listed.context["page"].object_list] == ["乙超前项目", "甲落后项目"]
    report = client.get(reverse("dashboard:weekly_report"), {"date": today.isoformat()}).content.decode()
    assert "+20.0" in report and "+100.0" in report


def test_the_api_gives_and_sorts_by_both_gaps(official, db):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    today = timezone.localdate()
    for name, percent in (("甲", "30"), ("乙", "60")):
        project = Project.objects.create(name=name, planned_start=today - datetime.timedelta(days=100),
                                         planned_production=today + datetime.timedelta(days=100))
        ProgressReport.objects.create(project=project, date=today, percent_complete=Decimal(percent))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=official)[0].key}")
    rows = client.get("/api/v1/projects/", {"o": "-linear_gap"}).json()["results"]
    assert [(r["name"], round(r["linear_gap"], 1), r["node_gap"]) for r in rows] == [("甲", 20.0, None),
                                                                                  ("乙", -10.0, None)]
