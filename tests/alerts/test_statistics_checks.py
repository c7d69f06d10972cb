"""入统 checks: projects of 500万元 or more under construction need a 项目代码 and 入库; reported investment
and reported progress must agree within the margin."""

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alerts.models import Alert, AlertSettings, Rule
from alerts.rules import not_ready_for_statistics, reports_disagree
from alerts.services import alerts_scan
from projects.models import InvestmentReport, ProgressReport, Project

TODAY = date(2020, 8, 1)
WAN = Decimal(10_000)
CODE = "2306-320924-89-02-799920"


@pytest.fixture
def thresholds(db):
    return AlertSettings(statistics_min_investment=500 * WAN, statistics_margin=20)


def _flagged(rule, thresholds):
    return dict(rule(TODAY, thresholds).values_list("name", "alert_severity"))


def test_a_project_under_construction_needs_a_code_and_registration(thresholds, db):
    make = Project.objects.create
    make(name="甲", stage=Project.Stage.CONSTRUCTION, total_investment=500 * WAN)  # neither: red
    make(name="乙", stage=Project.Stage.INSTALLATION, total_investment=800 * WAN, project_code=CODE)  # not 入库
    make(name="丙", stage=Project.Stage.CONSTRUCTION, total_investment=900 * WAN, statistics_registered=True)  # no code
    make(name="丁", stage=Project.Stage.CONSTRUCTION, total_investment=900 * WAN,
         project_code="2306-320924-89-02-799921", statistics_registered=True)  # ready
    make(name="戊", stage=Project.Stage.CONSTRUCTION, total_investment=499 * WAN)  # below 500万元
    make(name="己", stage=Project.Stage.PREPARATION, total_investment=900 * WAN)  # not under construction yet
    make(name="庚", stage=Project.Stage.CONSTRUCTION)  # investment unknown
    assert _flagged(not_ready_for_statistics, thresholds) == {"甲": "red", "乙": "yellow", "丙": "yellow"}


def test_the_threshold_is_a_setting(thresholds, db):
    Project.objects.create(name="甲", stage=Project.Stage.CONSTRUCTION, total_investment=800 * WAN)
    assert _flagged(not_ready_for_statistics, AlertSettings(statistics_min_investment=1000 * WAN)) == {}


def _reported(name, total_wan, invested_wan, percent):
    project = Project.objects.create(name=name, stage=Project.Stage.CONSTRUCTION, total_investment=total_wan * WAN,
                                     project_code="", statistics_registered=True)
    for month, amount in invested_wan:
        InvestmentReport.objects.create(project=project, year=2020, month=month, amount=amount * WAN)
    if percent is not None:
        ProgressReport.objects.create(project=project, date=date(2020, 7, 20), percent_complete=Decimal(percent))
    return project


def test_investment_and_progress_must_agree_within_the_margin(thresholds, db):
    _reported("一致", 1000, [(1, 200), (6, 300)], 45)  # 50 % invested, 45 % progress: 5 points
    _reported("偏差", 1000, [(3, 700)], 40)  # 70 % against 40 %: 30 points, yellow
    _reported("严重", 1000, [(3, 100)], 60)  # 10 % against 60 %: 50 points, red
    _reported("边界", 1000, [(3, 600)], 40)  # exactly 20 points: within the margin
    _reported("未来", 1000, [(9, 900)], 10)  # a September report does not count on 1 August
    _reported("无进度", 1000, [(3, 900)], None)  # nothing to compare
    assert _flagged(reports_disagree, thresholds) == {"偏差": "yellow", "严重": "red"}
    assert _flagged(reports_disagree, AlertSettings(statistics_margin=40)) == {"严重": "yellow"}


def test_the_checks_are_alerts_of_the_scan_but_not_lag(thresholds, db):
    project = Project.objects.create(name="甲", stage=Project.Stage.CONSTRUCTION, total_investment=900 * WAN)
    alerts_scan(today=TODAY, thresholds=thresholds)
    alert = Alert.objects.get(project=project)
    assert (alert.rule, alert.severity) == (Rule.NOT_REGISTERED, "red")
    project.refresh_from_db()
    assert project.lag_rank == Project.Lag.NONE, "a missing code is not lag: the light stays the scan's lag verdict"
    Project.objects.filter(pk=project.pk).update(project_code=CODE, statistics_registered=True)
    alerts_scan(today=TODAY, thresholds=thresholds)
    assert Alert.objects.get(project=project).resolved_at is not None


def test_each_check_is_one_statement(thresholds, db):
    for n in range(30):
        _reported(f"项目{n}", 1000, [(3, 700)], 10)
    for rule in (not_ready_for_statistics, reports_disagree):
        with CaptureQueriesContext(connection) as queries:
            assert len(list(rule(TODAY, thresholds))) == 30
        assert len(queries) == 1


def test_on_the_seeded_bulletins_big_projects_under_construction_are_flagged(db):
    call_command("load_seeds", stdout=StringIO())
    call_command("flag_lagging", "--today", "2020-08-01", stdout=StringIO())
    settings = AlertSettings.current()
    expected = set(
        Project.objects.filter(stage__in=[Project.Stage.CONSTRUCTION, Project.Stage.INSTALLATION],
                               total_investment__gte=settings.statistics_min_investment)
        .values_list("name", flat=True)
    )
    flagged = set(Alert.objects.open().filter(rule=Rule.NOT_REGISTERED).values_list("project__name", flat=True))
    assert expected, "the seeds hold projects under construction with their investment"
    assert flagged == expected  # imported projects carry no code yet
    assert set(Alert.objects.open().lag().values_list("rule", flat=True)).isdisjoint(
        {Rule.NOT_REGISTERED, Rule.REPORTS_DISAGREE}
    )
