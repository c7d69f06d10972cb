"""The cases the review found, each as the user met it; every one of these answered otherwise before the policy."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.policy import Role, can
from accounts.services import user_role_set
from enterprises.models import Position
from meetings.models import FollowUp, Meeting
from projects.models import InvestmentReport, Problem, ProblemUpdate, ProgressReport, Project
from projects.services import problem_create


def api(user):
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def others_problem(scene, other_staff):
    """A problem raised by another staff member on the problem page (not in a log)."""
    return problem_create(category=scene.category, description="土地指标", project=scene.project,
                          created_by=other_staff)


# --- Staff act on their problems, on the pages as in the API ----------------------------------------------


@pytest.mark.parametrize(("step", "data"), [
    ("projects:problem_reply", {"text": "已协调"}),
    ("projects:problem_solve", {"resolution": "已解决"}),
    ("projects:problem_escalate", {}),
])
def test_staff_cannot_work_on_another_staff_members_problem_through_the_pages(
    client_as, staff, scene, others_problem, step, data
):
    data = {**data, "date": scene.today, "solved_on": scene.today, "meeting": scene.coordination.pk}

    response = client_as(staff).post(reverse(step, args=[others_problem.pk]), data)

    others_problem.refresh_from_db()
    assert response.status_code == 403
    assert others_problem.status == Problem.Status.ASSIGNED and others_problem.escalated_to is None
    assert others_problem.updates.count() == 1  # only the trail's opening


def test_staff_whose_person_owns_a_problem_reply_to_it(client_as, staff, scene, others_problem):
    others_problem.owner_person = scene.person
    others_problem.save()
    scene.person.user = staff
    scene.person.save()

    response = client_as(staff).post(reverse("projects:problem_reply", args=[others_problem.pk]),
                                     {"text": "已对接", "date": scene.today})

    assert response.status_code == 302
    assert others_problem.updates.filter(text="已对接", author=staff).exists()


def test_staff_of_the_owner_unit_solve_its_problem_in_the_api(staff, scene, others_problem):
    others_problem.owner_unit = scene.unit
    others_problem.save()
    person = scene.person
    person.user = staff
    person.save()
    assert Position.objects.filter(person=person, organization=scene.unit).exists()

    response = api(staff).post(f"/api/v1/problems/{others_problem.pk}/solve/",
                               {"resolution": "已批", "solved_on": scene.today.isoformat()}, format="json")

    assert response.status_code == 200, response.content
    assert response.json()["status"] == Problem.Status.SOLVED


# --- Deleting is the admins' --------------------------------------------------------------------------------


def test_staff_cannot_delete_their_own_problem_or_meeting_through_the_api(staff, scene):
    own = problem_create(category=scene.category, description="用地", project=scene.project, created_by=staff)
    confirmed = Meeting.objects.create(title="已确认", date=scene.today, author=staff, status="confirmed",
                                       confirmed_at=timezone.now() - datetime.timedelta(days=2))

    assert api(staff).delete(f"/api/v1/problems/{own.pk}/").status_code == 403
    assert api(staff).delete(f"/api/v1/meetings/{scene.meeting.pk}/").status_code == 403
    assert api(staff).delete(f"/api/v1/meetings/{confirmed.pk}/").status_code == 403
    assert Problem.objects.filter(pk=own.pk).exists() and Meeting.objects.filter(pk=scene.meeting.pk).exists()


# --- Follow-ups: opened open, closed with what was done ------------------------------------------------------


def test_a_follow_up_created_in_the_api_is_open_whatever_the_body_says(staff, scene):
    response = api(staff).post("/api/v1/follow-ups/", {
        "requirement": scene.requirement.pk, "due_date": scene.today.isoformat(), "status": "done",
        "reply": "早已完成", "replied_at": "2001-01-01T00:00:00Z",
    }, format="json")

    assert response.status_code == 201, response.content
    follow_up = FollowUp.objects.get(pk=response.json()["id"])
    assert (follow_up.status, follow_up.reply, follow_up.replied_at) == (FollowUp.Status.OPEN, "", None)


def test_a_follow_up_is_not_marked_done_by_a_patch(staff, scene):
    response = api(staff).patch(f"/api/v1/follow-ups/{scene.follow_up.pk}/", {"status": "done"}, format="json")

    scene.follow_up.refresh_from_db()
    assert response.status_code == 200 and scene.follow_up.status == FollowUp.Status.OPEN


def test_closing_a_follow_up_in_the_api_needs_what_was_done(staff, scene):
    client = api(staff)
    url = f"/api/v1/follow-ups/{scene.follow_up.pk}/complete/"

    refused = client.post(url, {"reply": "  "}, format="json")
    scene.follow_up.refresh_from_db()
    assert refused.status_code == 400 and scene.follow_up.status == FollowUp.Status.OPEN

    done = client.post(url, {"reply": "已排定计划"}, format="json")
    scene.follow_up.refresh_from_db()
    assert done.status_code == 200
    assert (scene.follow_up.status, scene.follow_up.reply) == (FollowUp.Status.DONE, "已排定计划")


def test_other_staff_close_a_follow_up_neither_on_the_page_nor_in_the_api(client_as, other_staff, scene):
    page = client_as(other_staff).post(reverse("meetings:follow_up_done", args=[scene.follow_up.pk]), {"reply": "x"})
    in_api = api(other_staff).post(f"/api/v1/follow-ups/{scene.follow_up.pk}/complete/", {"reply": "x"})

    scene.follow_up.refresh_from_db()
    assert (page.status_code, in_api.status_code) == (403, 403)
    assert scene.follow_up.status == FollowUp.Status.OPEN


# --- A progress report stays on its project ------------------------------------------------------------------


def test_staff_cannot_move_their_progress_report_to_another_project(staff, scene):
    elsewhere = Project.objects.create(name="别处项目")

    response = api(staff).patch(f"/api/v1/progress-reports/{scene.progress.pk}/", {"project": elsewhere.pk},
                                format="json")

    assert response.status_code == 400 and "project" in response.json()
    assert ProgressReport.objects.get(pk=scene.progress.pk).project == scene.project


# --- The rules of the pages hold in the API -------------------------------------------------------------------


def test_the_api_refuses_a_progress_report_dated_in_the_future(staff, scene):
    response = api(staff).post("/api/v1/progress-reports/", {
        "project": scene.project.pk, "date": (scene.today + datetime.timedelta(days=2)).isoformat(),
        "percent_complete": "60",
    }, format="json")

    assert response.status_code == 400 and "date" in response.json()
    assert ProgressReport.objects.count() == 1


def test_the_api_refuses_the_investment_of_a_month_not_begun(staff, scene):
    next_year = scene.today.year + 1
    response = api(staff).post("/api/v1/investment-reports/", {
        "project": scene.project.pk, "year": next_year, "month": 1, "amount": "10",
    }, format="json")

    assert response.status_code == 400 and "month" in response.json()
    assert not InvestmentReport.objects.filter(year=next_year).exists()


def test_the_api_refuses_a_reply_dated_in_the_future(staff, scene):
    response = api(staff).post(f"/api/v1/problems/{scene.problem.pk}/reply/", {
        "text": "明天再说", "date": (scene.today + datetime.timedelta(days=1)).isoformat(),
    }, format="json")

    scene.problem.refresh_from_db()
    assert response.status_code == 400
    assert scene.problem.status == Problem.Status.ASSIGNED


def test_the_api_refuses_a_solution_dated_before_the_problem(staff, scene):
    response = api(staff).post(f"/api/v1/problems/{scene.problem.pk}/solve/", {
        "resolution": "已解决", "solved_on": (scene.problem.raised_on - datetime.timedelta(days=1)).isoformat(),
    }, format="json")

    assert response.status_code == 400 and "solved_on" in response.json()


def test_the_problem_steps_in_the_api_write_the_trail_as_the_pages_do(staff, official, scene):
    client = api(staff)
    url = f"/api/v1/problems/{scene.problem.pk}"
    assert client.post(f"{url}/reply/", {"text": "已对接"}, format="json").json()["status"] == "in_progress"
    assert client.post(f"{url}/solve/", {"resolution": "已增容", "solved_on": scene.today.isoformat()},
                       format="json").json()["status"] == "solved"
    assert api(official).post(f"{url}/sign-off/", {"text": "同意"}, format="json").json()["status"] == "closed"

    trail = list(ProblemUpdate.objects.filter(problem=scene.problem).order_by("created_at", "pk")
                 .values_list("status_after", flat=True))
    assert trail[-3:] == ["in_progress", "solved", "closed"]


def test_an_official_not_assigned_to_the_project_cannot_sign_off_in_the_api(other_official, scene):
    response = api(other_official).post(f"/api/v1/problems/{scene.solved.pk}/sign-off/", {}, format="json")

    scene.solved.refresh_from_db()
    assert response.status_code == 403 and scene.solved.status == Problem.Status.SOLVED


# --- Imported problems open their trail -----------------------------------------------------------------------


@pytest.mark.django_db
def test_every_imported_problem_has_its_trail():
    call_command("load_seeds", stdout=io.StringIO())

    problems = Problem.objects.all()
    assert problems.exists()
    assert not problems.filter(updates__isnull=True).exists()
    assert ProblemUpdate.objects.filter(problem__in=problems, status_after=Problem.Status.ASSIGNED).count() == (
        problems.count()
    )


# --- Roles drive Django's flags ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_joining_the_admins_opens_the_admin_site_and_leaving_closes_it(client_as):
    user = User.objects.create_user(username="clerk", password="x")
    client = client_as(user)
    assert client.get(reverse("admin:index")).status_code == 302

    user_role_set(user=user, role=Role.ADMIN)
    assert User.objects.get(pk=user.pk).is_staff
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:bulletins_bulletin_import")).status_code == 200

    user_role_set(user=user, role=Role.STAFF)
    assert not User.objects.get(pk=user.pk).is_staff
    assert client.get(reverse("admin:index")).status_code == 302


@pytest.mark.django_db
def test_the_admins_user_form_sets_the_role_and_the_flag(client_as, admin):
    clerk = User.objects.create_user(username="clerk", password="x")
    client = client_as(admin)
    url = reverse("admin:auth_user_change", args=[clerk.pk])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name != "password"}
    data.update({"username": "clerk", "role": Role.ADMIN.value, "is_active": "on",
                 "date_joined_0": clerk.date_joined.date().isoformat(), "date_joined_1": "00:00:00"})

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    clerk.refresh_from_db()
    assert clerk.is_staff and list(clerk.groups.values_list("name", flat=True)) == [Role.ADMIN.value]

    data["role"] = Role.OFFICIAL.value
    client.post(url, data)
    clerk.refresh_from_db()
    assert not clerk.is_staff and list(clerk.groups.values_list("name", flat=True)) == [Role.OFFICIAL.value]


@pytest.mark.django_db
def test_a_user_with_no_role_changes_their_password(client_as, outsider):
    response = client_as(outsider).post(reverse("accounts:password_change"), {
        "old_password": "correct-horse-battery-staple", "new_password1": "a-new-long-passphrase-9",
        "new_password2": "a-new-long-passphrase-9",
    })

    assert response.status_code == 302
    outsider.refresh_from_db()
    assert outsider.check_password("a-new-long-passphrase-9")
    assert not can(outsider, "view")


@pytest.mark.django_db
def test_the_role_groups_carry_no_permissions_of_their_own():
    # The admin site asks the policy (accounts.backends.PolicyBackend); a group permission would be a second copy.
    assert not Group.objects.filter(name__in=[r.value for r in Role], permissions__isnull=False).exists()


@pytest.mark.django_db
def test_ensure_admin_makes_one_admin_with_the_admin_site_and_only_once():
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    call_command("ensure_admin", stdout=out)

    admins = User.objects.filter(username="admin")
    assert admins.count() == 1 and admins.get().is_staff
    assert "nothing created" in out.getvalue()


def test_the_problem_page_offers_closing_its_follow_ups_to_whoever_may(client_as, staff, other_staff, scene):
    follow_up = FollowUp.objects.create(problem=scene.problem, due_date=scene.today)
    action = reverse("meetings:follow_up_done", args=[follow_up.pk])

    assert action in client_as(staff).get(scene.problem.get_absolute_url()).content.decode()
    assert action not in client_as(other_staff).get(scene.problem.get_absolute_url()).content.decode()

    response = client_as(staff).post(action, {"reply": "已落实"})
    follow_up.refresh_from_db()
    assert response["Location"] == scene.problem.get_absolute_url() and follow_up.status == FollowUp.Status.DONE


# --- The admin site writes through the same rules -------------------------------------------------------------


def test_a_follow_up_is_not_marked_done_in_the_admin_without_what_was_done(client_as, admin, scene):
    url = reverse("admin:meetings_followup_change", args=[scene.follow_up.pk])
    response = client_as(admin).post(url, {
        "requirement": scene.requirement.pk, "due_date": scene.today.isoformat(), "status": "done", "reply": "",
        "owner_user": scene.follow_up.owner_user_id,
    })

    scene.follow_up.refresh_from_db()
    assert response.status_code == 200 and "reply" in response.context["adminform"].form.errors
    assert scene.follow_up.status == FollowUp.Status.OPEN


def test_a_problem_added_in_the_admin_opens_its_trail(client_as, admin, scene):
    response = client_as(admin).post(reverse("admin:projects_problem_add"), {
        "project": scene.project.pk, "category": scene.category.pk, "description": "后台补录问题",
        "raised_on": scene.today.isoformat(),
        "updates-TOTAL_FORMS": "0", "updates-INITIAL_FORMS": "0",
    })

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    problem = Problem.objects.get(description="后台补录问题")
    assert problem.created_by == admin and problem.updates.count() == 1


def test_moving_a_milestone_in_the_admin_keeps_the_first_plan(client_as, admin, scene):
    milestone = scene.milestone
    first_plan = milestone.planned_date
    response = client_as(admin).post(reverse("admin:projects_milestone_change", args=[milestone.pk]), {
        "project": scene.project.pk, "name": milestone.name, "weight": 1, "position": milestone.position,
        "planned_date": (first_plan + datetime.timedelta(days=15)).isoformat(), "reschedule_reason": "设备到货延迟",
    })

    milestone.refresh_from_db()
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert (milestone.planned_date, milestone.baseline_date) == (first_plan + datetime.timedelta(days=15), first_plan)


def test_moving_a_milestone_in_the_admin_without_a_reason_is_refused(client_as, admin, scene):
    milestone = scene.milestone
    first_plan = milestone.planned_date
    response = client_as(admin).post(reverse("admin:projects_milestone_change", args=[milestone.pk]), {
        "project": scene.project.pk, "name": milestone.name, "weight": 1, "position": milestone.position,
        "planned_date": (first_plan + datetime.timedelta(days=15)).isoformat(),
    })

    milestone.refresh_from_db()
    assert response.status_code == 200 and "reschedule_reason" in response.context["adminform"].form.errors
    assert (milestone.planned_date, milestone.baseline_date) == (first_plan, None)
