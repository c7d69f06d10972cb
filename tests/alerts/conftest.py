"""A small world to flag: one project under construction with an assigned official and an owner."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from enterprises.models import Person
from meetings.models import FollowUp, Meeting, Requirement
from projects.models import Assignment, Milestone, Problem, ProblemCategory, Project


@pytest.fixture
def project(db):
    return Project.objects.create(
        name="测试光伏项目",
        stage=Project.Stage.CONSTRUCTION,
        total_investment=Decimal("5000000000"),
        planned_start=date(2020, 1, 1),
        planned_production=date(2020, 12, 31),
        # Ready for the statistics (入统), so that only the lag rules speak about it.
        project_code="2001-320301-38-01-000001",
        statistics_registered=True,
    )


@pytest.fixture
def official_person(official):
    official.email = "official@example.org"
    official.save(update_fields=["email"])
    return Person.objects.create(name="测试领导", user=official)


@pytest.fixture
def assigned(project, official_person):
    return Assignment.objects.create(person=official_person, project=project)


@pytest.fixture
def milestone(project):
    return Milestone.objects.create(project=project, name="一期投产", planned_date=date(2020, 6, 30))


@pytest.fixture
def owner(db):
    user = User.objects.create_user("owner", email="owner@example.org")
    return Person.objects.create(name="测试责任人", user=user)


@pytest.fixture
def problem(project, owner):
    return Problem.objects.create(
        project=project,
        category=ProblemCategory.objects.first() or ProblemCategory.objects.create(name="资金"),
        description="资金缺口需协调",
        raised_on=date(2020, 5, 1),
        due_date=date(2020, 6, 1),
        owner_person=owner,
    )


@pytest.fixture
def follow_up(project, staff):
    meeting = Meeting.objects.create(date=date(2020, 5, 1), title="专题调研")
    requirement = Requirement.objects.create(meeting=meeting, project=project, text="倒排工期")
    return FollowUp.objects.create(requirement=requirement, owner_user=staff, due_date=date(2020, 7, 1))
