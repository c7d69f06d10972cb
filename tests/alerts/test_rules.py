"""Each rule as a function of a fixed day: which subjects it lists, and how red."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from alerts import rules
from alerts.models import AlertSettings
from meetings.models import FollowUp, Meeting
from projects.models import AnnualPlan, InvestmentReport, Milestone, Phase, Problem, ProgressReport, Project
from projects.schedule import expected_progress

DEFAULTS = AlertSettings()


def flagged(rule, today):
    return {
        row["alert_subject"]: row["alert_severity"]
        for row in rule(today, DEFAULTS).values("alert_subject", "alert_severity")
    }


def test_it_flags_a_milestone_whose_planned_date_passed_without_an_actual_date(milestone):
    assert flagged(rules.overdue_milestones, date(2020, 6, 30)) == {}
    assert flagged(rules.overdue_milestones, date(2020, 7, 1)) == {milestone.pk: "yellow"}
    assert flagged(rules.overdue_milestones, date(2020, 8, 1)) == {milestone.pk: "red"}


def test_it_does_not_flag_a_milestone_done_late(milestone):
    Milestone.objects.filter(pk=milestone.pk).update(actual_date=date(2020, 7, 20))
    assert flagged(rules.overdue_milestones, date(2020, 8, 1)) == {}


def test_it_flags_a_project_whose_progress_lags_expected_by_more_than_the_tolerance(project):
    # 2020-07-01 is 182 of 365 days: about 49.9 % expected.
    ProgressReport.objects.create(project=project, date=date(2020, 6, 20), percent_complete=Decimal("39"))
    assert flagged(rules.projects_behind_schedule, date(2020, 7, 1)) == {project.pk: "yellow"}
    ProgressReport.objects.create(project=project, date=date(2020, 6, 25), percent_complete=Decimal("29"))
    assert flagged(rules.projects_behind_schedule, date(2020, 7, 1)) == {project.pk: "red"}
    ProgressReport.objects.create(project=project, date=date(2020, 6, 30), percent_complete=Decimal("41"))
    assert flagged(rules.projects_behind_schedule, date(2020, 7, 1)) == {}


def test_it_judges_a_project_against_the_latest_report_before_the_day(project):
    ProgressReport.objects.create(project=project, date=date(2020, 6, 20), percent_complete=Decimal("30"))
    ProgressReport.objects.create(project=project, date=date(2020, 8, 1), percent_complete=Decimal("90"))
    assert flagged(rules.projects_behind_schedule, date(2020, 7, 1)) == {project.pk: "yellow"}


def test_it_computes_the_same_expected_progress_in_sql_as_in_python(project):
    for today in [date(2020, 2, 20), date(2020, 3, 17), date(2020, 9, 30), date(2020, 12, 30)]:
        expected = expected_progress(project.planned_start, project.planned_production, today)
        ProgressReport.objects.all().delete()
        ProgressReport.objects.create(
            project=project, date=today, percent_complete=round(expected - 10 - Decimal("0.01"), 2)
        )
        assert project.pk in flagged(rules.projects_behind_schedule, today), today
        ProgressReport.objects.all().delete()
        ProgressReport.objects.create(
            project=project, date=today, percent_complete=max(round(expected - 10 + Decimal("0.01"), 2), 0)
        )
        assert project.pk not in flagged(rules.projects_behind_schedule, today), today


def test_it_does_not_judge_progress_without_a_report_or_after_production(project):
    assert flagged(rules.projects_behind_schedule, date(2020, 7, 1)) == {}
    ProgressReport.objects.create(project=project, date=date(2020, 6, 20), percent_complete=Decimal("10"))
    Project.objects.filter(pk=project.pk).update(actual_production=date(2020, 6, 30), stage=Project.Stage.PRODUCTION)
    assert flagged(rules.projects_behind_schedule, date(2020, 7, 1)) == {}


def test_it_flags_a_phase_behind_its_own_schedule(project):
    phase = Phase.objects.create(
        project=project, name="二期", planned_start=date(2021, 1, 1), planned_finish=date(2021, 12, 31)
    )
    ProgressReport.objects.create(project=project, phase=phase, date=date(2021, 12, 1), percent_complete=Decimal("50"))
    assert flagged(rules.phases_behind_schedule, date(2021, 12, 2)) == {phase.pk: "red"}
    assert flagged(rules.phases_behind_schedule, date(2021, 6, 1)) == {}


def test_it_flags_investment_behind_the_months_share_of_the_annual_plan(project):
    AnnualPlan.objects.create(project=project, year=2020, planned_investment=Decimal("1200000000"))
    # By June, 600 million are due; the yellow line is 480 million, the red one 360 million.
    InvestmentReport.objects.create(project=project, year=2020, month=3, amount=Decimal("300000000"))
    assert flagged(rules.investment_behind, date(2020, 3, 15)) == {}
    assert flagged(rules.investment_behind, date(2020, 6, 15)) == {project.pk: "red"}
    InvestmentReport.objects.create(project=project, year=2020, month=5, amount=Decimal("100000000"))
    assert flagged(rules.investment_behind, date(2020, 6, 15)) == {project.pk: "yellow"}
    InvestmentReport.objects.create(project=project, year=2020, month=6, amount=Decimal("80000000"))
    assert flagged(rules.investment_behind, date(2020, 6, 15)) == {}


def test_it_counts_only_this_years_investment(project):
    AnnualPlan.objects.create(project=project, year=2021, planned_investment=Decimal("1200000000"))
    InvestmentReport.objects.create(project=project, year=2020, month=12, amount=Decimal("900000000"))
    assert flagged(rules.investment_behind, date(2021, 6, 15)) == {project.pk: "red"}


def test_it_flags_a_project_under_construction_with_no_news_for_thirty_days(project):
    Project.objects.filter(pk=project.pk).update(created_at=timezone.now() - timedelta(days=400))
    Milestone.objects.create(project=project, name="主体封顶", planned_date=date(2020, 6, 30))
    Milestone.objects.update(updated_at=timezone.now() - timedelta(days=400))
    today = timezone.localdate()
    assert flagged(rules.stale_projects, today) == {project.pk: "yellow"}
    meeting = Meeting.objects.create(date=today - timedelta(days=29), title="现场会办")
    meeting.projects.add(project)
    assert flagged(rules.stale_projects, today) == {}
    assert flagged(rules.stale_projects, today + timedelta(days=2)) == {project.pk: "yellow"}
    ProgressReport.objects.create(project=project, date=today, statement="主体施工")
    assert flagged(rules.stale_projects, today + timedelta(days=2)) == {}


def test_it_does_not_call_a_new_project_stale(project):
    assert flagged(rules.stale_projects, timezone.localdate()) == {}


def test_it_flags_an_unsolved_problem_past_its_due_date(problem):
    assert flagged(rules.overdue_problems, date(2020, 6, 1)) == {}
    assert flagged(rules.overdue_problems, date(2020, 6, 2)) == {problem.pk: "yellow"}
    Problem.objects.filter(pk=problem.pk).update(status=Problem.Status.SOLVED, resolution="已协调")
    assert flagged(rules.overdue_problems, date(2020, 6, 2)) == {}


def test_it_flags_an_open_follow_up_past_its_due_date_with_its_project(follow_up, project):
    rows = list(
        rules.overdue_follow_ups(date(2020, 9, 1), DEFAULTS).values("alert_subject", "alert_project", "alert_severity")
    )
    assert rows == [{"alert_subject": follow_up.pk, "alert_project": project.pk, "alert_severity": "red"}]
    FollowUp.objects.filter(pk=follow_up.pk).update(status=FollowUp.Status.DONE)
    assert flagged(rules.overdue_follow_ups, date(2020, 9, 1)) == {}


@pytest.mark.parametrize("check", rules.CHECKS, ids=lambda c: f"{c.rule}-{c.subject_type}")
def test_every_rule_runs_in_one_query(check, project, django_assert_num_queries):
    with django_assert_num_queries(1):
        list(check.candidates(date(2020, 8, 1), DEFAULTS).values("alert_subject", "alert_project", "alert_severity"))
