"""The zone's signals on a project page in a real browser: the codes, both 序时 gaps, the lights and a 督办 level."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from alerts.services import alerts_flag
from enterprises.models import Organization, Person
from meetings.models import FollowUp, Meeting, Requirement
from projects.models import Assignment, Milestone, Problem, ProblemCategory, ProgressReport, Project

from .conftest import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]



@pytest.fixture
def signalled(official, staff):
    today = timezone.localdate()
    builder = Organization.objects.create(name="示例电池材料有限公司", credit_code="91350100M000100Y43",
                                          industry_code_id="3841")
    project = Project.objects.create(
        name="示例锂电池正极材料项目", builder=builder, project_code="2306-320924-89-02-799920",
        industry_code_id="3841", nature=Project.Nature.NEW, stage=Project.Stage.CONSTRUCTION,
        statistical_stage=Project.StatisticalStage.BUILDING, statistics_registered=True,
        total_investment=Decimal("2000000000"), planned_start=today - datetime.timedelta(days=150),
        planned_production=today + datetime.timedelta(days=150),
    )
    ProgressReport.objects.create(project=project, date=today, percent_complete=Decimal("35"))
    for n, (days, reached) in enumerate(((-120, True), (-60, True), (-20, False), (40, False), (120, False))):
        Milestone.objects.create(
            project=project, name=("开工", "主体封顶", "设备进场", "设备调试", "投产")[n], position=n,
            planned_date=today + datetime.timedelta(days=days),
            actual_date=today + datetime.timedelta(days=days) if reached else None,
        )
    person = Person.objects.create(name="示例领导", user=official)
    Assignment.objects.create(person=person, project=project)
    category = ProblemCategory.objects.order_by("pk").first()
    Problem.objects.create(project=project, category=category, description="用电容量不足，需增容",
                           raised_on=today - datetime.timedelta(days=60), due_date=today - datetime.timedelta(days=40))
    meeting = Meeting.objects.create(date=today - datetime.timedelta(days=30), title="专题调研", author=staff)
    requirement = Requirement.objects.create(meeting=meeting, project=project, text="倒排工期，确保按期投产")
    FollowUp.objects.create(requirement=requirement, owner_user=staff, due_date=today - datetime.timedelta(days=9))
    alerts_flag()
    return project


def test_a_project_page_shows_its_codes_gaps_and_lights(page, log_in, live_server, official, signalled):
    log_in(page, official)
    page.set_viewport_size({"width": 1366, "height": 900})
    assert page.goto(f"{live_server.url}{signalled.get_absolute_url()}").status == 200
    facts = page.inner_text("#facts-h + dl")
    assert "2306-320924-89-02-799920" in facts and "3841" in facts
    assert "+15.0" in facts  # linear: 50 % due, 35 % reported
    assert "+20.0" in facts  # node plan: 3 of 5 due, 2 of 5 reached
    assert page.locator(".badge.red").count() >= 2  # the project's lag and the problem 40 days late
    assert page.locator(".badge.yellow").count() >= 1  # the follow-up: late, and 督办 yellow after 7 days
    assert page.console_errors == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "project-signals.png"), full_page=True)
