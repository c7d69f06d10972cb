"""Writes through the API validate as the forms do and follow the pages' ownership rules."""

import datetime

from django.utils import timezone

from enterprises.models import Person
from meetings.models import Meeting
from projects.models import Milestone, Problem, ProgressReport


def test_staff_log_a_meeting_and_become_its_author(api_as, staff, world):
    response = api_as(staff).post(
        "/api/v1/meetings/",
        {"date": "2025-08-05", "title": "专题调研", "kind": "inspection", "projects": [world["projects"].pk]},
        format="json",
    )
    assert response.status_code == 201, response.content
    meeting = Meeting.objects.get(pk=response.json()["id"])
    assert meeting.author == staff
    assert meeting.status == Meeting.Status.DRAFT
    assert list(meeting.projects.all()) == [world["projects"]]


def test_staff_cannot_add_attendance_to_someone_elses_meeting(api_as, staff, other_staff, world):
    newcomer = Person.objects.create(name="李某")
    payload = {"meeting": world["meetings"].pk, "person": newcomer.pk, "role": "attended"}
    assert api_as(other_staff).post("/api/v1/attendances/", payload, format="json").status_code == 403
    assert api_as(staff).post("/api/v1/attendances/", payload, format="json").status_code == 201


def test_the_same_person_cannot_attend_a_meeting_twice(api_as, staff, world):
    response = api_as(staff).post(
        "/api/v1/attendances/",
        {"meeting": world["meetings"].pk, "person": world["people"].pk, "role": "attended"},
        format="json",
    )
    assert response.status_code == 400


def test_confirming_a_log_stamps_it_and_a_second_confirm_is_refused(api_as, staff, world):
    client = api_as(staff)
    url = f"/api/v1/meetings/{world['meetings'].pk}/confirm/"
    first = client.post(url)
    assert first.status_code == 200
    assert first.json()["status"] == "confirmed"
    assert client.post(url).status_code == 400


def test_other_staff_cannot_edit_a_confirmed_log(api_as, staff, other_staff, world):
    api_as(staff).post(f"/api/v1/meetings/{world['meetings'].pk}/confirm/")
    response = api_as(other_staff).patch(f"/api/v1/meetings/{world['meetings'].pk}/", {"title": "改"}, format="json")
    assert response.status_code == 403


def test_officials_cannot_confirm_a_log(api_as, official, world):
    assert api_as(official).post(f"/api/v1/meetings/{world['meetings'].pk}/confirm/").status_code == 403


def test_a_problem_raised_through_the_api_gets_its_trail(api_as, staff, world):
    response = api_as(staff).post(
        "/api/v1/problems/",
        {"project": world["projects"].pk, "category": world["problems"].category_id, "description": "施工用电不足"},
        format="json",
    )
    assert response.status_code == 201, response.content
    problem = Problem.objects.get(pk=response.json()["id"])
    assert problem.created_by == staff
    assert problem.updates.count() == 1


def test_a_problem_cannot_be_due_before_it_was_raised(api_as, staff, world):
    response = api_as(staff).post(
        "/api/v1/problems/",
        {
            "category": world["problems"].category_id, "description": "审批", "raised_on": "2025-05-02",
            "due_date": "2025-05-01",
        },
        format="json",
    )
    assert response.status_code == 400


def test_a_milestone_cannot_be_met_in_the_future(api_as, staff, world):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = api_as(staff).post(
        f"/api/v1/milestones/{world['milestones'].pk}/reach/", {"actual_date": tomorrow.isoformat()}, format="json"
    )
    assert response.status_code == 400
    assert "actual_date" in response.json()
    assert Milestone.objects.get(pk=world["milestones"].pk).actual_date is None


def test_staff_record_a_milestone_reached_as_on_its_page(api_as, staff, world):
    today = timezone.localdate()
    response = api_as(staff).post(
        f"/api/v1/milestones/{world['milestones'].pk}/reach/", {"actual_date": today.isoformat()}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["actual_date"] == today.isoformat()


def test_staff_move_a_milestone_and_the_first_plan_stays_as_baseline(api_as, staff, world):
    milestone = world["milestones"]
    first_plan = milestone.planned_date
    new_plan = first_plan + datetime.timedelta(days=20)
    response = api_as(staff).post(
        f"/api/v1/milestones/{milestone.pk}/reschedule/", {"planned_date": new_plan.isoformat(), "reason": "设备延期"},
        format="json",
    )
    assert response.status_code == 200, response.content
    milestone = Milestone.objects.get(pk=milestone.pk)
    assert (milestone.planned_date, milestone.baseline_date, milestone.reschedule_reason) == (
        new_plan, first_plan, "设备延期"
    )


def test_moving_a_milestone_without_a_reason_is_refused(api_as, staff, world):
    milestone = world["milestones"]
    response = api_as(staff).post(
        f"/api/v1/milestones/{milestone.pk}/reschedule/",
        {"planned_date": (milestone.planned_date + datetime.timedelta(days=5)).isoformat(), "reason": " "},
        format="json",
    )
    assert response.status_code == 400
    assert Milestone.objects.get(pk=milestone.pk).baseline_date is None


def test_an_admin_moving_a_milestone_in_the_api_keeps_the_baseline_too(api_as, admin, world):
    milestone = world["milestones"]
    first_plan = milestone.planned_date
    new_plan = first_plan + datetime.timedelta(days=20)
    response = api_as(admin).patch(
        f"/api/v1/milestones/{milestone.pk}/", {"planned_date": new_plan.isoformat(), "reschedule_reason": "供地延后"},
        format="json",
    )
    assert response.status_code == 200, response.content
    milestone = Milestone.objects.get(pk=milestone.pk)
    assert (milestone.planned_date, milestone.baseline_date) == (new_plan, first_plan)


def test_a_milestone_moved_in_the_api_without_a_reason_is_refused_as_on_the_pages(api_as, admin, world):
    milestone = world["milestones"]
    first_plan = milestone.planned_date
    response = api_as(admin).patch(
        f"/api/v1/milestones/{milestone.pk}/", {"planned_date": (first_plan + datetime.timedelta(days=20)).isoformat()},
        format="json",
    )
    assert response.status_code == 400 and "reason" in response.json()
    assert Milestone.objects.get(pk=milestone.pk).planned_date == first_plan


def test_progress_reports_belong_to_who_wrote_them(api_as, staff, other_staff, world):
    response = api_as(other_staff).post(
        "/api/v1/progress-reports/",
        {"project": world["projects"].pk, "date": timezone.localdate().isoformat(), "percent_complete": "55"},
        format="json",
    )
    assert response.status_code == 201
    report = ProgressReport.objects.get(pk=response.json()["id"])
    assert report.reporter == other_staff
    assert api_as(staff).patch(f"/api/v1/progress-reports/{report.pk}/", {"statement": "x"}).status_code == 403
    assert api_as(other_staff).patch(f"/api/v1/progress-reports/{report.pk}/", {"statement": "x"}).status_code == 200
    # No page deletes a report: only admins do, in the API or the admin site.
    assert api_as(other_staff).delete(f"/api/v1/progress-reports/{report.pk}/").status_code == 403


def test_percent_complete_above_100_is_refused(api_as, staff, world):
    response = api_as(staff).post(
        "/api/v1/progress-reports/",
        {"project": world["projects"].pk, "date": timezone.localdate().isoformat(), "percent_complete": "120"},
        format="json",
    )
    assert response.status_code == 400


def test_a_duplicate_project_name_is_a_validation_error_not_a_crash(api_as, admin, world):
    response = api_as(admin).post("/api/v1/projects/", {"name": world["projects"].name}, format="json")
    assert response.status_code == 400
    assert "name" in response.json()


def test_lists_filter_with_the_pages_filtersets(api_as, official, staff, world):
    from tests.api.conftest import make_world

    make_world(staff, suffix="乙")
    client = api_as(official)
    stage = client.get("/api/v1/projects/", {"q": "示例光伏组件项目乙"}).json()
    assert [p["name"] for p in stage["results"]] == ["示例光伏组件项目乙"]
    problems = client.get("/api/v1/problems/", {"project": world["projects"].pk}).json()
    assert [p["id"] for p in problems["results"]] == [world["problems"].pk]
    meetings = client.get("/api/v1/meetings/", {"q": "专题调研乙"}).json()
    assert [m["title"] for m in meetings["results"]] == ["专题调研乙"]


def test_lists_order_and_page(api_as, official, staff, world):
    from tests.api.conftest import make_world

    make_world(staff, suffix="乙")
    body = api_as(official).get("/api/v1/organizations/", {"ordering": "-name"}).json()
    assert body["count"] == 2
    assert [o["name"] for o in body["results"]] == ["示例新能源有限公司乙", "示例新能源有限公司"]
