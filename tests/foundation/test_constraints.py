"""The database itself refuses impossible records, whatever code writes them."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from bulletins.models import Bulletin
from enterprises.models import Organization, Person, Position
from projects.models import Assignment, InvestmentReport, Problem, ProblemCategory, ProgressReport, Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return Project.objects.create(name="测试项目", total_investment=Decimal("100000000"))


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_a_percent_of_120_is_refused(project):
    date = datetime.date(2020, 6, 1)
    refused(lambda: ProgressReport.objects.create(project=project, date=date, percent_complete=120))


def test_a_percent_of_100_is_accepted(project):
    ProgressReport.objects.create(project=project, date=datetime.date(2020, 6, 1), percent_complete=100)
    assert project.progress_reports.count() == 1


def test_a_duplicate_bulletin_checksum_is_refused():
    Bulletin.objects.create(issued_on=datetime.date(2020, 8, 10), raw_text="一", checksum="a" * 64)
    refused(lambda: Bulletin.objects.create(issued_on=datetime.date(2020, 8, 11), raw_text="二", checksum="a" * 64))


def test_a_negative_monthly_investment_is_refused(project):
    refused(lambda: InvestmentReport.objects.create(project=project, year=2020, month=5, amount=-1))


def test_a_thirteenth_month_is_refused(project):
    refused(lambda: InvestmentReport.objects.create(project=project, year=2020, month=13, amount=1))


def test_production_before_the_start_is_refused():
    refused(lambda: Project.objects.create(
        name="倒序项目", actual_start=datetime.date(2020, 6, 1), actual_production=datetime.date(2020, 5, 1)
    ))


def test_an_official_has_one_open_assignment_per_project(project):
    official = Person.objects.create(name="某领导")
    Assignment.objects.create(person=official, project=project)
    refused(lambda: Assignment.objects.create(person=official, project=project))


def test_an_ended_assignment_does_not_block_a_new_one(project):
    official = Person.objects.create(name="某领导")
    Assignment.objects.create(person=official, project=project, ended_on=datetime.date(2020, 1, 1))
    Assignment.objects.create(person=official, project=project)
    assert project.assignments.count() == 2


def test_organization_names_are_unique_per_kind():
    Organization.objects.create(name="某某有限公司", kind=Organization.Kind.ENTERPRISE)
    Organization.objects.create(name="某某有限公司", kind=Organization.Kind.OTHER)
    refused(lambda: Organization.objects.create(name="某某有限公司", kind=Organization.Kind.ENTERPRISE))


def test_a_post_without_organization_is_recorded_once():
    person = Person.objects.create(name="某人")
    Position.objects.create(person=person, title="市长")
    refused(lambda: Position.objects.create(person=person, title="市长"))


def test_a_solved_problem_needs_a_resolution(project):
    category = ProblemCategory.objects.get(name="资金")
    refused(lambda: Problem.objects.create(
        project=project, category=category, description="缺资金", status=Problem.Status.SOLVED
    ))


def test_the_usual_problem_categories_exist():
    names = set(ProblemCategory.objects.values_list("name", flat=True))
    assert {"资金", "供地", "供电", "用地审批", "环评", "人才与外国专家", "金融", "知识产权", "其他"} <= names
