"""The problem list and the meeting list export what they show, filters applied, as CSV and XLSX."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from meetings.models import Meeting
from projects.models import Problem, ProblemCategory, Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed():
    project = Project.objects.create(name="导出测试项目")
    funding, land = ProblemCategory.objects.get(name="资金"), ProblemCategory.objects.get(name="供地")
    raised = datetime.date(2020, 6, 1)
    Problem.objects.create(project=project, category=funding, description="缺少资本金", raised_on=raised)
    Problem.objects.create(project=project, category=land, description="供地指标未落实", raised_on=raised)
    Meeting.objects.create(title="现场会办导出测试", date=datetime.date(2020, 6, 14), kind=Meeting.Kind.COORDINATION)
    Meeting.objects.create(title="座谈会导出测试", date=datetime.date(2020, 6, 15), kind=Meeting.Kind.SYMPOSIUM)
    return funding


def test_the_problem_list_exports_its_filtered_rows_as_csv(listed, official, client_as):
    response = client_as(official).get("/projects/problems/", {"category": listed.pk, "export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    assert "缺少资本金" in text and "供地指标未落实" not in text


def test_the_meeting_list_exports_as_xlsx(listed, official, client_as):
    response = client_as(official).get("/meetings/", {"kind": "coordination", "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    titles = [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert titles == ["现场会办导出测试"]
