import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from enterprises.models import Organization, Person, Position
from meetings.models import Meeting
from projects.models import Assignment, Milestone, Problem, ProblemCategory, Project


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def project(db):
    builder = Organization.objects.create(name="测试光伏材料有限公司")
    return Project.objects.create(
        name="薄膜太阳能电池生产线项目", builder=builder, total_investment=Decimal("2200000000"),
        planned_start=datetime.date(2020, 1, 1),
    )


@pytest.fixture
def other_project(db):
    return Project.objects.create(name="半导体大硅片项目")


@pytest.fixture
def category(db):
    return ProblemCategory.objects.get(name="资金")


@pytest.fixture
def problem(project, category, staff, today):
    return Problem.objects.create(
        project=project, category=category, description="流动资金缺口", raised_on=today - datetime.timedelta(days=10),
        due_date=today + datetime.timedelta(days=20), created_by=staff,
    )


@pytest.fixture
def milestone(project, today):
    planned = today + datetime.timedelta(days=30)
    return Milestone.objects.create(project=project, name="主体厂房封顶", planned_date=planned)


@pytest.fixture
def mayor(db):
    person = Person.objects.create(name="张市长")
    Position.objects.create(person=person, title="市长", organization=Organization.objects.create(
        name="徐州市人民政府", kind=Organization.Kind.GOVERNMENT))
    return person


@pytest.fixture
def assigned_official(official, project):
    """The `official` fixture's account, assigned (包挂) to `project`."""
    person = Person.objects.create(name="李书记", user=official)
    Assignment.objects.create(person=person, project=project)
    return official


@pytest.fixture
def meeting(staff, project, today):
    meeting = Meeting.objects.create(
        title="专题调研包挂重大产业项目", date=today - datetime.timedelta(days=1), author=staff,
        part_of_day=Meeting.PartOfDay.MORNING,
    )
    meeting.projects.add(project)
    return meeting


def management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000",
    }


@pytest.fixture
def meeting_post():
    """meeting_post(date=…, attendees=[…], problems=[…], requirements=[…], projects=[…]) → POST data."""

    def build(*, date, title="专题调研包挂重大产业项目", projects=(), attendees=(), problems=(), requirements=()):
        data = {
            "kind": "inspection", "date": date.isoformat(), "part_of_day": "上午", "location": "经开区",
            "title": title, "summary": "了解项目进展，解决面临难题。", "projects": [str(p.pk) for p in projects],
        }
        data |= management("attendances", len(attendees))
        for index, row in enumerate(attendees):
            data |= {f"attendances-{index}-{key}": value for key, value in row.items()}
        data |= management("problems", len(problems))
        for index, row in enumerate(problems):
            data |= {f"problems-{index}-{key}": value for key, value in row.items()}
        data |= management("requirements", len(requirements))
        for index, row in enumerate(requirements):
            data |= {f"requirements-{index}-{key}": value for key, value in row.items()}
        return data

    return build
