import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from projects.models import AnnualPlan, InvestmentReport, Milestone, ProgressReport
from projects.services import investment_progress


def test_staff_mark_a_milestone_reached(client_as, staff, milestone, today):
    response = client_as(staff).post(
        reverse("projects:milestone_reached", args=[milestone.pk]), {"actual_date": today.isoformat(), "note": "封顶"}
    )

    milestone.refresh_from_db()
    assert response.status_code == 302 and milestone.actual_date == today and milestone.note == "封顶"


def test_an_actual_date_in_the_future_is_refused(client_as, staff, milestone, today):
    tomorrow = (today + datetime.timedelta(days=1)).isoformat()

    url = reverse("projects:milestone_reached", args=[milestone.pk])
    response = client_as(staff).post(url, {"actual_date": tomorrow})

    milestone.refresh_from_db()
    assert response.status_code == 200 and milestone.actual_date is None
    assert response.context["form"].errors["actual_date"]
    assert tomorrow in response.content.decode()


def test_moving_a_plan_keeps_the_first_plan_as_baseline(client_as, staff, milestone, today):
    first_plan = milestone.planned_date
    url = reverse("projects:milestone_reschedule", args=[milestone.pk])
    client = client_as(staff)

    client.post(url, {"planned_date": (today + datetime.timedelta(days=60)).isoformat(), "reason": "设备延期到货"})
    client.post(url, {"planned_date": (today + datetime.timedelta(days=90)).isoformat(), "reason": "再次延期"})

    milestone.refresh_from_db()
    assert milestone.baseline_date == first_plan
    assert milestone.planned_date == today + datetime.timedelta(days=90)
    assert milestone.reschedule_reason == "再次延期"


def test_moving_a_plan_needs_a_reason(client_as, staff, milestone, today):
    response = client_as(staff).post(
        reverse("projects:milestone_reschedule", args=[milestone.pk]),
        {"planned_date": (today + datetime.timedelta(days=60)).isoformat(), "reason": ""},
    )

    assert response.status_code == 200 and response.context["form"].errors["reason"]
    assert Milestone.objects.get().baseline_date is None


@pytest.mark.parametrize("percent", ["-1", "100.5"])
def test_a_percent_outside_0_to_100_is_refused(client_as, staff, project, today, percent):
    response = client_as(staff).post(
        reverse("projects:progress_create", args=[project.pk]),
        {"date": today.isoformat(), "percent_complete": percent, "statement": "主体完工"},
    )

    assert response.status_code == 200 and response.context["form"].errors["percent_complete"]
    assert not ProgressReport.objects.exists()


def test_staff_record_a_progress_report(client_as, staff, project, today):
    response = client_as(staff).post(
        reverse("projects:progress_create", args=[project.pk]),
        {"date": today.isoformat(), "percent_complete": "65", "statement": "主体厂房土建基本完成"},
    )

    report = ProgressReport.objects.get()
    assert response.status_code == 302 and report.percent_complete == Decimal("65") and report.reporter == staff


def test_officials_cannot_record_progress(client_as, official, project, milestone, today):
    client = client_as(official)

    assert client.post(reverse("projects:progress_create", args=[project.pk]), {}).status_code == 403
    assert client.post(reverse("projects:milestone_reached", args=[milestone.pk]), {}).status_code == 403
    assert client.post(reverse("projects:investment", args=[project.pk]), {"month-year": "2026"}).status_code == 403


def test_a_negative_monthly_amount_is_refused(client_as, staff, project, today):
    response = client_as(staff).post(
        reverse("projects:investment", args=[project.pk]),
        {"month-year": today.year, "month-month": today.month, "month-amount_wan": "-5"},
    )

    assert response.status_code == 400 and response.context["report_form"].errors["amount_wan"]
    assert not InvestmentReport.objects.exists()


def test_investment_shows_completion_against_the_time_schedule(client_as, staff, official, project, today):
    client = client_as(staff)
    client.post(reverse("projects:investment", args=[project.pk]),
                {"plan-year": today.year, "plan-planned_investment_wan": "12000"})
    client.post(reverse("projects:investment", args=[project.pk]),
                {"month-year": today.year, "month-month": 1, "month-amount_wan": "1500"})

    assert AnnualPlan.objects.get().planned_investment == Decimal("120000000")
    progress = investment_progress(project, year=today.year, month=6)
    assert progress.completion_percent == Decimal("12.5")
    assert progress.expected_percent == Decimal("50.0") and progress.is_behind
    page = client_as(official).get(reverse("projects:investment", args=[project.pk])).content.decode()
    assert "1.2亿元" in page and "1,500万元" in page


def test_the_project_history_shows_milestone_changes(client_as, staff, official, project, milestone, today):
    client_as(staff).post(
        reverse("projects:milestone_reschedule", args=[milestone.pk]),
        {"planned_date": (today + datetime.timedelta(days=60)).isoformat(), "reason": "设备延期到货"},
    )

    page = client_as(official).get(reverse("projects:history", args=[project.pk])).content.decode()

    assert milestone.name in page and "设备延期到货" in page


def test_missing_objects_are_404(client_as, staff):
    client = client_as(staff)

    assert client.get(reverse("projects:milestone_reached", args=[999999])).status_code == 404
    assert client.get(reverse("projects:progress_create", args=[999999])).status_code == 404
    assert client.get(reverse("projects:investment", args=[999999])).status_code == 404


def test_wrong_methods_are_refused(client_as, staff, project):
    assert client_as(staff).put(reverse("projects:investment", args=[project.pk])).status_code == 405
    assert client_as(staff).post(reverse("projects:history", args=[project.pk])).status_code == 405


@pytest.mark.parametrize("changes", [1, 30])
def test_the_history_page_uses_a_bounded_number_of_queries(
    client_as, official, project, milestone, changes, django_assert_max_num_queries
):
    for index in range(changes):
        milestone.note = f"备注{index}"
        milestone.save()
    client = client_as(official)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("projects:history", args=[project.pk]))

    assert response.status_code == 200
