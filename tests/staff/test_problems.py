import datetime

import pytest
from django.urls import reverse

from meetings.models import Meeting
from projects.models import Problem


def _url(name, problem):
    return reverse(f"projects:{name}", args=[problem.pk])


def test_a_problem_runs_its_whole_life(client_as, staff, assigned_official, problem, today):
    staff_client = client_as(staff)

    staff_client.post(_url("problem_reply", problem), {"date": today.isoformat(), "text": "已对接银行"})
    problem.refresh_from_db()
    assert problem.status == Problem.Status.IN_PROGRESS

    staff_client.post(_url("problem_solve", problem), {"solved_on": today.isoformat(), "resolution": "贷款已到位"})
    problem.refresh_from_db()
    assert problem.status == Problem.Status.SOLVED and problem.resolution == "贷款已到位"

    response = client_as(assigned_official).post(_url("problem_sign_off", problem), {"note": "同意销号"})
    problem.refresh_from_db()
    assert response.status_code == 302
    assert problem.status == Problem.Status.CLOSED and problem.closed_by == assigned_official
    page = client_as(staff).get(problem.get_absolute_url()).content.decode()
    assert "已对接银行" in page and "贷款已到位" in page and "同意销号" in page


def test_a_problem_cannot_be_signed_off_without_a_resolution(client_as, admin, problem):
    response = client_as(admin).post(_url("problem_sign_off", problem), {"note": ""})

    problem.refresh_from_db()
    assert response.status_code == 400 and problem.status == Problem.Status.ASSIGNED
    assert response.context["sign_off_form"].non_field_errors()


def test_solving_needs_a_resolution_and_keeps_the_input(client_as, staff, problem, today):
    response = client_as(staff).post(_url("problem_solve", problem), {"solved_on": "", "resolution": "  "})

    problem.refresh_from_db()
    assert response.status_code == 400 and problem.status == Problem.Status.ASSIGNED
    assert response.context["solve_form"].errors["resolution"]


def test_an_official_not_assigned_to_the_project_cannot_sign_off(client_as, official, problem):
    problem.status, problem.resolution = Problem.Status.SOLVED, "已解决"
    problem.save()

    response = client_as(official).post(_url("problem_sign_off", problem), {})

    problem.refresh_from_db()
    assert response.status_code == 403 and problem.status == Problem.Status.SOLVED


def test_staff_cannot_sign_off(client_as, staff, problem):
    problem.status, problem.resolution = Problem.Status.SOLVED, "已解决"
    problem.save()

    assert client_as(staff).post(_url("problem_sign_off", problem), {}).status_code == 403


def test_officials_cannot_reply(client_as, official, problem, today):
    response = client_as(official).post(_url("problem_reply", problem), {"date": today.isoformat(), "text": "x"})

    assert response.status_code == 403 and not problem.updates.filter(text="x").exists()


def test_a_solved_problem_can_be_reopened(client_as, staff, problem):
    problem.status, problem.resolution = Problem.Status.SOLVED, "已解决"
    problem.save()

    client_as(staff).post(_url("problem_reopen", problem), {"text": "仍未到位"})

    problem.refresh_from_db()
    assert problem.status == Problem.Status.IN_PROGRESS and problem.resolution == ""


def test_a_problem_can_be_escalated_to_a_coordination_meeting(client_as, staff, problem, today):
    coordination = Meeting.objects.create(title="现场会办", kind=Meeting.Kind.COORDINATION, date=today)

    client_as(staff).post(_url("problem_escalate", problem), {"meeting": coordination.pk})

    problem.refresh_from_db()
    assert problem.escalated_to == coordination


@pytest.mark.parametrize("name", ["problem_reply", "problem_solve", "problem_escalate", "problem_reopen"])
def test_steps_refuse_get(client_as, staff, problem, name):
    assert client_as(staff).get(_url(name, problem)).status_code == 405


def test_sign_off_refuses_get(client_as, admin, problem):
    assert client_as(admin).get(_url("problem_sign_off", problem)).status_code == 405


def test_missing_problems_are_404(client_as, staff):
    assert client_as(staff).get(reverse("projects:problem_detail", args=[999999])).status_code == 404
    assert client_as(staff).post(reverse("projects:problem_reply", args=[999999]), {}).status_code == 404


def test_overdue_problems_are_marked_and_filtered(client_as, official, problem, today):
    problem.raised_on, problem.due_date = today - datetime.timedelta(days=30), today - datetime.timedelta(days=1)
    problem.save()
    client = client_as(official)

    overdue_page = client.get(reverse("projects:problem_list"), {"overdue": "true"})

    assert problem in overdue_page.context["page"].object_list
    assert "Overdue" in overdue_page.content.decode() or "逾期" in overdue_page.content.decode()
    problem.due_date = today + datetime.timedelta(days=1)
    problem.save()
    assert problem not in client.get(reverse("projects:problem_list"), {"overdue": "true"}).context["page"].object_list


def test_the_list_filters_by_category_and_status(client_as, official, problem, category):
    client = client_as(official)

    by_category = client.get(reverse("projects:problem_list"), {"category": category.pk})
    assert problem in by_category.context["page"].object_list
    assert problem not in client.get(reverse("projects:problem_list"), {"status": "closed"}).context["page"].object_list


def test_staff_add_a_problem_on_its_own(client_as, staff, project, category, today):
    response = client_as(staff).post(reverse("projects:problem_create"), {
        "project": project.pk, "category": category.pk, "description": "环评批复滞后",
        "owner_unit_name": "生态环境局", "due_date": (today + datetime.timedelta(days=7)).isoformat(),
    })

    problem = Problem.objects.get(description="环评批复滞后")
    assert response.status_code == 302 and problem.owner_unit.name == "生态环境局" and problem.created_by == staff


def test_a_due_date_in_the_past_is_refused(client_as, staff, project, category, today):
    response = client_as(staff).post(reverse("projects:problem_create"), {
        "project": project.pk, "category": category.pk, "description": "环评批复滞后",
        "due_date": (today - datetime.timedelta(days=7)).isoformat(),
    })

    assert response.status_code == 200 and response.context["form"].errors["due_date"]
    assert not Problem.objects.filter(description="环评批复滞后").exists()


@pytest.mark.parametrize("count", [1, 40])
def test_the_list_uses_a_bounded_number_of_queries(
    client_as, official, project, category, staff, count, django_assert_max_num_queries
):
    Problem.objects.bulk_create(
        Problem(project=project, category=category, description=f"问题{i}", created_by=staff) for i in range(count)
    )
    client = client_as(official)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("projects:problem_list"))

    assert response.status_code == 200


@pytest.mark.parametrize("replies", [1, 30])
def test_the_detail_uses_a_bounded_number_of_queries(
    client_as, staff, problem, replies, today, django_assert_max_num_queries
):
    for index in range(replies):
        client_as(staff).post(_url("problem_reply", problem), {"date": today.isoformat(), "text": f"答复{index}"})
    client = client_as(staff)

    with django_assert_max_num_queries(16):
        response = client.get(problem.get_absolute_url())

    assert response.status_code == 200
