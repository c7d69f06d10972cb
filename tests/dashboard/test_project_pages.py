import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from bulletins.models import Bulletin, Evidence
from enterprises.models import Organization, Person
from projects.models import Milestone, ProgressReport, Project

YI = Decimal(100_000_000)


@pytest.fixture
def three(db):
    group = Organization.objects.create(name="某某控股集团")
    builder = Organization.objects.create(name="某某新材料有限公司", parent=group)
    today = timezone.localdate()
    return [
        Project.objects.create(name="甲光伏组件项目", category="industrial", industry="新能源", stage="construction",
                               industry_code_id="3825", total_investment=50 * YI, builder=builder,
                               planned_start=today - datetime.timedelta(days=100),
                               planned_production=today + datetime.timedelta(days=100)),
        Project.objects.create(name="乙道路改造工程", category="urban", industry="城市建设", stage="preparation",
                               industry_code_id="4813", total_investment=2 * YI),
        Project.objects.create(name="丙社区卫生服务中心", category="livelihood", industry="民生", stage="production",
                               total_investment=Decimal("3000000")),
    ]


def _names(response):
    return [p.name for p in response.context["page"].object_list]


def test_the_list_shows_every_project_with_its_investment_in_yi(client_as, official, three):
    response = client_as(official).get(reverse("projects:list"))
    assert set(_names(response)) == {p.name for p in three}
    assert "50亿元" in response.content.decode()
    assert "5,000,000,000.00元" in response.content.decode(), "the exact yuan on hover"


@pytest.mark.parametrize(("query", "expected"), [
    ({"category": "urban"}, {"乙道路改造工程"}),
    ({"stage": "production"}, {"丙社区卫生服务中心"}),
    ({"industry": "38"}, {"甲光伏组件项目"}),  # a GB/T 4754 division takes in its classes
    ({"industry": "C"}, {"甲光伏组件项目"}),  # a section its divisions
    ({"industry": "E"}, {"乙道路改造工程"}),
    ({"builder": "控股集团"}, {"甲光伏组件项目"}),
    ({"q": "道路"}, {"乙道路改造工程"}),
    ({"investment_min": "1", "investment_max": "10"}, {"乙道路改造工程"}),
])
def test_the_list_filters(client_as, official, three, query, expected):
    assert set(_names(client_as(official).get(reverse("projects:list"), query))) == expected


def test_the_list_filters_by_assigned_official(client_as, official, three, official_person, assign):
    assign(official_person, three[1])
    response = client_as(official).get(reverse("projects:list"), {"official": official_person.pk})
    assert _names(response) == ["乙道路改造工程"]


def test_lagging_only_keeps_projects_with_open_alerts_red_first(client_as, official, three, flag):
    flag(three[2], "yellow")
    flag(three[1], "red")
    response = client_as(official).get(reverse("projects:list"), {"lagging": "true"})
    assert _names(response) == ["乙道路改造工程", "丙社区卫生服务中心"]


def test_the_list_sorts_by_a_column(client_as, official, three):
    response = client_as(official).get(reverse("projects:list"), {"o": "-investment"})
    assert _names(response) == ["甲光伏组件项目", "乙道路改造工程", "丙社区卫生服务中心"]


def test_the_list_pages_by_fifty(client_as, official, synthetic):
    synthetic(60)
    client = client_as(official)
    assert len(_names(client.get(reverse("projects:list")))) == 50
    assert len(_names(client.get(reverse("projects:list"), {"page": 2}))) == 10


def test_an_empty_database_says_to_import_a_bulletin(client_as, official):
    content = client_as(official).get(reverse("projects:list")).content.decode()
    assert "importing a bulletin" in content or "导入" in content


def test_the_csv_export_holds_the_filtered_list(client_as, official, three):
    response = client_as(official).get(reverse("projects:list"), {"category": "industrial", "export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2
    assert rows[1][0] == "甲光伏组件项目"
    assert "50" in rows[1][5]


def test_the_xlsx_export_opens_in_a_spreadsheet(client_as, official, three):
    response = client_as(official).get(reverse("projects:list"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert names == {p.name for p in three}


def test_the_detail_shows_facts_milestones_and_chart_data(client_as, official, three, official_person, assign):
    project = three[0]
    today = timezone.localdate()
    Milestone.objects.create(project=project, name="主体封顶", planned_date=today - datetime.timedelta(days=10))
    Milestone.objects.create(project=project, name="开工建设", planned_date=today - datetime.timedelta(days=50),
                             actual_date=today - datetime.timedelta(days=40))
    ProgressReport.objects.create(project=project, date=today, percent_complete=Decimal("30"))
    assign(official_person, project)
    response = client_as(official).get(reverse("projects:detail", args=[project.pk]))
    content = response.content.decode()
    assert "某某新材料有限公司" in content and "某某控股集团" in content
    assert "测试领导" in content
    chart = response.context["milestone_chart"]
    assert [row["name"] for row in chart["rows"]] == ["开工建设", "主体封顶"]
    assert chart["rows"][1]["overdue"] is True
    assert 'id="milestone-chart-data"' in content, "the chart's data is on the page"
    progress = response.context["progress_chart"]["rows"]
    assert any(row["reported"] == 30.0 for row in progress)
    assert any(row["expected"] == 50.0 for row in progress), "序时进度 halfway through the planned period"


def test_each_fact_links_to_its_source_sentence(client_as, official, three):
    project = three[0]
    text = "甲光伏组件项目总投资50亿元。"
    bulletin = Bulletin.objects.create(issued_on=datetime.date(2026, 1, 5), raw_text=text, checksum="b" * 64)
    evidence = Evidence.objects.create(
        bulletin=bulletin, content_type=ContentType.objects.get_for_model(Project), object_id=project.pk,
        field="total_investment", sentence=text, start=0, end=len(text),
    )
    content = client_as(official).get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert evidence.get_absolute_url() in content


def test_a_person_page_shows_assigned_projects(client_as, official, three, assign):
    person = Person.objects.create(name="某领导")
    assign(person, three[0])
    content = client_as(official).get(reverse("enterprises:person_detail", args=[person.pk])).content.decode()
    assert "甲光伏组件项目" in content


def test_a_group_page_shows_its_subsidiaries_and_their_projects(client_as, official, three):
    group = Organization.objects.get(name="某某控股集团")
    content = client_as(official).get(reverse("enterprises:organization_detail", args=[group.pk])).content.decode()
    assert "某某新材料有限公司" in content
    assert "甲光伏组件项目" in content


def test_a_sorted_column_says_so_and_links_to_the_reverse_order(client_as, official, three):
    content = client_as(official).get(reverse("projects:list"), {"o": "-investment"}).content.decode()
    assert 'aria-sort="descending"' in content
    assert "?o=investment" in content
