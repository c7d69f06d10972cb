"""The scene every policy case plays in: one project, and rows whose ownership the table's columns name.

- `official` is assigned (包挂) to the project; `other_official` is not;
- `staff` wrote the draft visit log, raised its problems, reported the progress and follows up the requirement;
  `other_staff` did none of that;
- `outsider` is logged in with no role; `anonymous` is not logged in.
"""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.policy import Role
from accounts.services import user_role_set
from alerts.models import Alert, Notification, Rule, SubjectType
from bulletins.models import Bulletin, Evidence
from enterprises.models import Organization, Person, Position
from meetings.models import Attendance, FollowUp, Meeting, Requirement
from notify.models import Channel, Delivery
from projects.models import (
    AnnualPlan,
    Assignment,
    Attachment,
    Capacity,
    InvestmentReport,
    Milestone,
    Phase,
    Problem,
    ProblemCategory,
    ProblemUpdate,
    ProgressReport,
    Project,
)

WHO = ["anonymous", "outsider", "official", "other_official", "staff", "other_staff", "admin"]


@pytest.fixture
def other_official(db):
    user = User.objects.create_user(username="other_official", password="x")
    user_role_set(user=user, role=Role.OFFICIAL)
    return user


def user_for(request, who):
    return None if who == "anonymous" else request.getfixturevalue(who)


class Scene(dict):
    __getattr__ = dict.__getitem__


@pytest.fixture
def scene(db, staff, official, settings, tmp_path) -> Scene:
    settings.MEDIA_ROOT = tmp_path
    today = timezone.localdate()
    unit = Organization.objects.create(name="场景建设单位")
    person = Person.objects.create(name="场景联系人")
    position = Position.objects.create(person=person, organization=unit, title="总经理")
    leader = Person.objects.create(name="场景领导", user=official)
    project = Project.objects.create(
        name="场景项目", builder=unit, planned_start=today - datetime.timedelta(days=200),
        planned_production=today + datetime.timedelta(days=200),
    )
    phase = Phase.objects.create(project=project, name="一期")
    capacity = Capacity.objects.create(project=project, phase=phase, value=Decimal("5"), unit="GW")
    milestone = Milestone.objects.create(project=project, name="主体封顶", planned_date=today + datetime.timedelta(30))
    assignment = Assignment.objects.create(person=leader, project=project)
    category = ProblemCategory.objects.order_by("pk").first()
    meeting = Meeting.objects.create(title="场景调研", date=today, author=staff)
    meeting.projects.add(project)
    coordination = Meeting.objects.create(
        title="场景会办", date=today, author=staff, kind=Meeting.Kind.COORDINATION,
        status=Meeting.Status.CONFIRMED, confirmed_at=timezone.now() - datetime.timedelta(days=3),
    )
    attendance = Attendance.objects.create(meeting=meeting, person=person)
    requirement = Requirement.objects.create(meeting=meeting, issued_by=leader, project=project, text="加快进度")
    problem = Problem.objects.create(
        project=project, category=category, description="用电不足", meeting=meeting, created_by=staff,
        raised_on=today - datetime.timedelta(days=5),
    )
    ProblemUpdate.objects.create(problem=problem, text="已交办", status_after=Problem.Status.ASSIGNED)
    solved = Problem.objects.create(
        project=project, category=category, description="供地待批", created_by=staff,
        raised_on=today - datetime.timedelta(days=9), status=Problem.Status.SOLVED, resolution="已批复",
        solved_on=today,
    )
    follow_up = FollowUp.objects.create(requirement=requirement, due_date=today, owner_user=staff)
    progress = ProgressReport.objects.create(project=project, date=today, percent_complete=Decimal("40"),
                                             reporter=staff)
    plan = AnnualPlan.objects.create(project=project, year=today.year, planned_investment=Decimal("1000000"))
    investment = InvestmentReport.objects.create(project=project, year=today.year, month=1, amount=Decimal("10"),
                                                 reporter=staff)
    attachment = Attachment(project=project, original_name="a.pdf", mime_type="application/pdf", size=10,
                            uploaded_by=staff)
    attachment.file.save("attachments/scene.pdf", ContentFile(b"%PDF-1.4 x"), save=False)
    attachment.save()
    now = timezone.now()
    alert = Alert.objects.create(
        rule=Rule.OVERDUE_MILESTONE, subject_type=SubjectType.MILESTONE, project=project, milestone=milestone,
        first_flagged=now, last_seen=now,
    )
    notification = Notification.objects.create(user=staff, alert=alert, kind=Notification.Kind.NEW, for_date=today)
    bulletin = Bulletin.objects.create(
        issued_on=today, title="场景简报", raw_text="场景项目主体施工。", checksum="s" * 64
    )
    evidence = Evidence.objects.create(
        bulletin=bulletin, content_type=ContentType.objects.get_for_model(Project), object_id=project.pk,
        sentence="场景项目主体施工。", start=0, end=9,
    )
    delivery = Delivery.objects.create(notification=notification, user=staff, channel=Channel.DINGTALK,
                                       status=Delivery.Status.FAILED, attempts=3)
    return Scene(
        today=today, unit=unit, person=person, position=position, leader=leader, project=project, phase=phase,
        capacity=capacity, milestone=milestone, assignment=assignment, category=category, meeting=meeting,
        coordination=coordination, attendance=attendance, requirement=requirement, problem=problem, solved=solved,
        follow_up=follow_up, progress=progress, plan=plan, investment=investment, attachment=attachment,
        alert=alert, notification=notification, bulletin=bulletin, evidence=evidence, delivery=delivery,
    )
