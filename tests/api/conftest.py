import datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from alerts.models import Alert, Rule, SubjectType
from bulletins.models import Bulletin, Evidence
from enterprises.models import Organization, Person, Position
from meetings.models import Attendance, FollowUp, Meeting, Requirement
from projects.models import (
    AnnualPlan,
    Assignment,
    Capacity,
    InvestmentReport,
    Milestone,
    Phase,
    Problem,
    ProblemCategory,
    ProgressReport,
    Project,
)


def make_world(author, suffix: str = "") -> dict:
    """One row of every resource; the rows staff write belong to `author`."""
    today = timezone.localdate()
    builder = Organization.objects.create(name=f"示例新能源有限公司{suffix}")
    person = Person.objects.create(name=f"王某{suffix}")
    position = Position.objects.create(person=person, organization=builder, title="总经理")
    project = Project.objects.create(
        name=f"示例光伏组件项目{suffix}", builder=builder, stage=Project.Stage.CONSTRUCTION,
        total_investment=Decimal("1500000000"), planned_start=today - datetime.timedelta(days=200),
        planned_production=today + datetime.timedelta(days=100), location="经开区",
    )
    phase = Phase.objects.create(project=project, name="一期")
    capacity = Capacity.objects.create(project=project, phase=phase, value=Decimal("5"), unit="GW")
    milestone = Milestone.objects.create(
        project=project, name="主体封顶", planned_date=today + datetime.timedelta(days=30)
    )
    progress = ProgressReport.objects.create(
        project=project, date=today, percent_complete=Decimal("40"), statement="主体施工", reporter=author
    )
    plan = AnnualPlan.objects.create(project=project, year=today.year, planned_investment=Decimal("600000000"))
    investment = InvestmentReport.objects.create(
        project=project, year=today.year, month=1, amount=Decimal("50000000"), reporter=author
    )
    assignment = Assignment.objects.create(person=person, project=project)
    category, _ = ProblemCategory.objects.get_or_create(name="供电")
    meeting = Meeting.objects.create(date=today, title=f"专题调研{suffix}", author=author)
    meeting.projects.add(project)
    attendance = Attendance.objects.create(meeting=meeting, person=person, role=Attendance.Role.LED)
    requirement = Requirement.objects.create(meeting=meeting, issued_by=person, project=project, text="加快建设进度")
    problem = Problem.objects.create(
        project=project, category=category, description="用电容量不足", meeting=meeting, created_by=author
    )
    follow_up = FollowUp.objects.create(
        requirement=requirement, due_date=today + datetime.timedelta(days=7), owner_user=author
    )
    now = timezone.now()
    alert = Alert.objects.create(
        rule=Rule.OVERDUE_MILESTONE, subject_type=SubjectType.MILESTONE, project=project, milestone=milestone,
        first_flagged=now, last_seen=now,
    )
    bulletin = Bulletin.objects.create(
        issued_on=today, title=f"经开区简报{suffix}", raw_text="示例光伏组件项目主体施工。",
        checksum=f"sum{suffix}" * 4,
    )
    evidence = Evidence.objects.create(
        bulletin=bulletin, content_type=ContentType.objects.get_for_model(Project), object_id=project.pk,
        sentence="示例光伏组件项目主体施工。", start=0, end=12,
    )
    return {
        "organizations": builder, "people": person, "positions": position, "projects": project, "phases": phase,
        "capacities": capacity, "milestones": milestone, "progress-reports": progress, "annual-plans": plan,
        "investment-reports": investment, "assignments": assignment, "problems": problem, "meetings": meeting,
        "attendances": attendance, "requirements": requirement, "follow-ups": follow_up, "alerts": alert,
        "bulletins": bulletin, "evidence": evidence,
    }


@pytest.fixture
def world(staff):
    return make_world(staff)


@pytest.fixture
def api_as():
    """api_as(user) → an API client authenticated with the user's token (None: anonymous)."""

    def make(user):
        client = APIClient()
        if user is not None:
            token, _ = Token.objects.get_or_create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make
