"""批示: an official's instruction becomes a requirement with an owner and a deadline, shown under their name."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from alerts.models import Alert, Notification
from alerts.services import alerts_scan
from enterprises.models import Person
from meetings.models import FollowUp
from notify.models import Instruction
from projects.models import Problem, ProblemCategory, Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(db):
    return Project.objects.create(name="测试批示项目", planned_start=timezone.localdate() - timedelta(days=100))


@pytest.fixture
def official_person(official):
    return Person.objects.create(name="测试批示领导", user=official)


@pytest.fixture
def owner(db):
    return Person.objects.create(name="测试承办人", user=User.objects.create_user("owner"))


def _form(owner, **extra):
    return {"text": "加快供电接入，月底前完成", "owner_person": owner.pk,
            "due_date": (timezone.localdate() + timedelta(days=10)).isoformat(), **extra}


def test_an_official_instructs_on_a_project_and_it_shows_there_with_their_name(
    client_as, official_person, project, owner
):
    client = client_as(official_person.user)
    url = reverse("notify:instruct_project", args=[project.pk])
    assert url in client.get(project.get_absolute_url()).content.decode()
    assert client.get(url).status_code == 200
    response = client.post(url, _form(owner))
    assert response.status_code == 302
    follow_up = FollowUp.objects.get()
    assert (follow_up.owner_person, follow_up.requirement.issued_by, follow_up.requirement.project) == (
        owner, official_person, project
    )
    assert Notification.objects.get(user=owner.user).kind == "directive"
    page = client.get(project.get_absolute_url()).content.decode()
    assert "测试批示领导" in page and "加快供电接入，月底前完成" in page


def test_an_instruction_past_its_deadline_is_flagged_like_any_follow_up(client_as, official_person, project, owner):
    client_as(official_person.user).post(reverse("notify:instruct_project", args=[project.pk]), _form(owner))
    later = timezone.localdate() + timedelta(days=11)
    alerts_scan(today=later)
    assert Alert.objects.filter(rule="overdue_follow_up", follow_up=FollowUp.objects.get()).exists()


def test_an_instruction_on_a_problem_is_shown_on_the_problem_and_the_project(
    client_as, official_person, project, owner
):
    problem = Problem.objects.create(
        project=project, category=ProblemCategory.objects.first() or ProblemCategory.objects.create(name="资金"),
        description="用地审批卡在环评", raised_on=timezone.localdate(),
    )
    client = client_as(official_person.user)
    client.post(reverse("notify:instruct_problem", args=[problem.pk]), _form(owner, text="请自然资源局一周内办结"))
    assert Instruction.objects.get().problem == problem
    assert "请自然资源局一周内办结" in client.get(problem.get_absolute_url()).content.decode()
    assert "请自然资源局一周内办结" in client.get(project.get_absolute_url()).content.decode()


@pytest.mark.parametrize("change", [{"text": " "}, {"owner_person": ""}, {"due_date": "2000-01-01"}])
def test_bad_input_changes_nothing(client_as, official_person, project, owner, change):
    response = client_as(official_person.user).post(
        reverse("notify:instruct_project", args=[project.pk]), _form(owner, **change)
    )
    assert response.status_code == 200
    assert not FollowUp.objects.exists() and not Instruction.objects.exists()
    assert 'class="form-errors"' in response.content.decode() or "errorlist" in response.content.decode()


def test_an_official_without_a_person_gets_a_clear_message(client_as, official, project, owner):
    response = client_as(official).post(reverse("notify:instruct_project", args=[project.pk]), _form(owner))
    assert response.status_code == 200
    assert not Instruction.objects.exists()


def test_staff_cannot_instruct(client_as, staff, project):
    assert client_as(staff).get(reverse("notify:instruct_project", args=[project.pk])).status_code == 403
    assert reverse("notify:instruct_project", args=[project.pk]) not in client_as(staff).get(
        project.get_absolute_url()
    ).content.decode()


def test_a_missing_project_is_404(client_as, official_person):
    assert client_as(official_person.user).get(reverse("notify:instruct_project", args=[999999])).status_code == 404
