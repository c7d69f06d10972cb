"""催办: staff chase an overdue problem or follow-up; the owner hears on their channel; logged and counted."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from alerts.models import Notification
from enterprises.models import Person
from meetings.models import FollowUp, Meeting, Requirement
from notify.models import ChannelPreference, Chase
from projects.models import Problem, ProblemCategory, Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(db):
    user = User.objects.create_user("owner", email="owner@example.org")
    ChannelPreference.objects.create(user=user, channel="wecom")
    return Person.objects.create(name="测试责任人", user=user)


@pytest.fixture
def project(db):
    return Project.objects.create(name="测试催办项目", planned_start=date(2020, 1, 1))


@pytest.fixture
def overdue_problem(project, owner):
    today = timezone.localdate()
    return Problem.objects.create(
        project=project,
        category=ProblemCategory.objects.first() or ProblemCategory.objects.create(name="资金"),
        description="供电线路迟迟未接入",
        raised_on=today - timedelta(days=60),
        due_date=today - timedelta(days=5),
        owner_person=owner,
    )


@pytest.fixture
def overdue_follow_up(project, owner):
    meeting = Meeting.objects.create(date=timezone.localdate() - timedelta(days=30), title="专题调研")
    requirement = Requirement.objects.create(meeting=meeting, project=project, text="倒排工期，确保年底投产")
    return FollowUp.objects.create(
        requirement=requirement, owner_person=owner, due_date=timezone.localdate() - timedelta(days=1)
    )


def test_staff_chase_an_overdue_problem_and_its_owner_hears_on_their_robot(
    client_as, staff, overdue_problem, owner, provider, django_capture_on_commit_callbacks
):
    client = client_as(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("notify:chase_problem", args=[overdue_problem.pk]))
    assert response.status_code == 302
    (request,) = provider.accepted("/wecom")
    assert "供电线路迟迟未接入" in request["body"]["markdown"]["content"]
    assert Notification.objects.get(user=owner.user).kind == "chase"
    # Logged on the item's page.
    page = client.get(overdue_problem.get_absolute_url()).content.decode()
    assert f"{timezone.localdate():%Y-%m-%d} · staff → owner" in page


def test_a_second_chase_the_same_day_tells_no_one_again(client_as, staff, overdue_problem, owner):
    client = client_as(staff)
    client.post(reverse("notify:chase_problem", args=[overdue_problem.pk]))
    client.post(reverse("notify:chase_problem", args=[overdue_problem.pk]))
    assert Chase.objects.count() == 1
    assert Notification.objects.filter(user=owner.user).count() == 1


def test_a_problem_not_overdue_cannot_be_chased(client_as, staff, overdue_problem):
    overdue_problem.due_date = timezone.localdate() + timedelta(days=3)
    overdue_problem.save(update_fields=["due_date"])
    response = client_as(staff).post(reverse("notify:chase_problem", args=[overdue_problem.pk]), follow=True)
    assert not Chase.objects.exists()
    assert not Notification.objects.exists()
    assert response.status_code == 200


def test_an_owner_without_a_login_cannot_be_chased(client_as, staff, overdue_problem):
    overdue_problem.owner_person = Person.objects.create(name="无账号责任人")
    overdue_problem.save(update_fields=["owner_person"])
    client_as(staff).post(reverse("notify:chase_problem", args=[overdue_problem.pk]))
    assert not Chase.objects.exists()


def test_staff_chase_an_overdue_follow_up_from_the_project_page(
    client_as, staff, overdue_follow_up, project, owner
):
    client = client_as(staff)
    page = client.get(project.get_absolute_url()).content.decode()
    url = reverse("notify:chase_follow_up", args=[overdue_follow_up.pk])
    assert url in page
    assert client.post(url).status_code == 302
    assert Chase.objects.get().follow_up == overdue_follow_up
    assert "倒排工期" in Notification.objects.get(user=owner.user).message


def test_officials_cannot_chase_and_see_no_button(client_as, official, overdue_problem, overdue_follow_up, project):
    client = client_as(official)
    assert client.post(reverse("notify:chase_problem", args=[overdue_problem.pk])).status_code == 403
    assert client.post(reverse("notify:chase_follow_up", args=[overdue_follow_up.pk])).status_code == 403
    assert reverse("notify:chase_follow_up", args=[overdue_follow_up.pk]) not in client.get(
        project.get_absolute_url()
    ).content.decode()


def test_chase_answers_only_post_and_404_for_a_missing_item(client_as, staff):
    client = client_as(staff)
    assert client.get(reverse("notify:chase_problem", args=[1])).status_code == 405
    assert client.post(reverse("notify:chase_problem", args=[999999])).status_code == 404
    assert client.post(reverse("notify:chase_follow_up", args=[999999])).status_code == 404


def test_the_weekly_report_counts_the_weeks_chases(client_as, staff, overdue_problem, overdue_follow_up):
    client = client_as(staff)
    client.post(reverse("notify:chase_problem", args=[overdue_problem.pk]))
    client.post(reverse("notify:chase_follow_up", args=[overdue_follow_up.pk]))
    # This week's report (by default the report is of the week just ended).
    page = client.get(reverse("dashboard:weekly_report"), {"date": timezone.localdate().isoformat()}).content.decode()
    assert "2 次（问题 1 次，督办 1 次）" in page


def test_the_leaders_digest_counts_last_weeks_chases_on_their_projects(overdue_problem, staff, official):
    from notify.chases import chase_create
    from notify.digest import weekly_digest_text
    from projects.models import Assignment

    leader = Person.objects.create(name="测试包挂领导", user=official)
    Assignment.objects.create(person=leader, project=overdue_problem.project)
    chase_create(user=staff, problem=overdue_problem)
    next_week = timezone.localdate() + timedelta(days=7)
    assert "上周对您包挂项目的催办：1 次。" in weekly_digest_text(leader, next_week)
    assert "上周对您包挂项目的催办" not in weekly_digest_text(leader, next_week + timedelta(days=7))
