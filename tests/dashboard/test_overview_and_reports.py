import datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from bulletins.models import Bulletin, Evidence
from bulletins.views import marked_segments
from lib.formatting import long_date, yuan_short
from meetings.models import FollowUp, Meeting, Requirement
from projects.models import AnnualPlan, InvestmentReport, Problem, ProblemCategory, Project

YI = Decimal(100_000_000)


@pytest.fixture
def two(db):
    return [
        Project.objects.create(name="甲项目", category="industrial", industry="新能源", stage="construction",
                               total_investment=30 * YI),
        Project.objects.create(name="乙项目", category="urban", industry="城市建设", stage="signed",
                               total_investment=10 * YI),
    ]


def test_the_overview_counts_projects_and_lag_and_links_each_figure(client_as, official, two, flag):
    flag(two[0], "red")
    flag(two[1], "yellow")
    response = client_as(official).get(reverse("dashboard:overview"))
    assert response.context["projects"]["count"] == 2
    assert response.context["projects"]["total_investment"] == 40 * YI
    assert response.context["lag"]["red_projects"] == 1
    assert response.context["lag"]["yellow_projects"] == 1
    content = response.content.decode()
    assert "40亿元" in content
    assert reverse("projects:list") + "?lagging=true" in content
    assert reverse("projects:list") + "?category=urban" in content
    assert 'data-chart="chart-funnel"' in content and 'id="chart-funnel"' in content


def test_the_overview_compares_annual_investment_with_expected_progress(client_as, official, two):
    today = timezone.localdate()
    AnnualPlan.objects.create(project=two[0], year=today.year, planned_investment=12 * YI)
    InvestmentReport.objects.create(project=two[0], year=today.year, month=1, amount=YI)
    annual = client_as(official).get(reverse("dashboard:overview")).context["annual"]
    assert annual["plan"] == 12 * YI
    assert annual["completed"] == YI
    assert annual["expected"] == YI * today.month


def test_the_overview_of_an_empty_zone_says_what_to_do(client_as, admin):
    content = client_as(admin).get(reverse("dashboard:overview")).content.decode()
    assert "class=\"empty\"" in content
    assert reverse("admin:index") in content


def test_my_work_lists_an_officials_projects_lagging_first(client_as, official, official_person, assign, two, flag):
    assign(official_person, two[0])
    assign(official_person, two[1])
    flag(two[1])
    response = client_as(official).get(reverse("dashboard:me"))
    assert [p.name for p in response.context["projects"]] == ["乙项目", "甲项目"]


def test_my_work_tells_an_unlinked_official_what_to_do(client_as, official):
    response = client_as(official).get(reverse("dashboard:me"))
    assert response.context["person"] is None
    assert "class=\"empty\"" in response.content.decode()


def _follow_up(project, owner_user, due):
    meeting = Meeting.objects.create(date=timezone.localdate(), title="调研")
    requirement = Requirement.objects.create(meeting=meeting, project=project, text="加快建设进度")
    return FollowUp.objects.create(requirement=requirement, owner_user=owner_user, due_date=due)


def test_my_work_lists_the_follow_ups_a_staff_member_owns(client_as, staff, other_staff, two):
    mine = _follow_up(two[0], staff, timezone.localdate())
    _follow_up(two[1], other_staff, timezone.localdate())
    response = client_as(staff).get(reverse("dashboard:me"))
    assert response.context["follow_ups"] == [mine]
    assert "甲项目" in response.content.decode()


def test_the_weekly_report_lists_lagging_projects_new_problems_and_due_follow_ups(client_as, official, two, flag,
                                                                                  staff):
    today = timezone.localdate()
    flag(two[0])
    last_wednesday = today - datetime.timedelta(days=today.weekday() + 5)  # the report shows the week just ended
    Problem.objects.create(project=two[1], category=ProblemCategory.objects.get(name="供地"), description="用地未落实",
                           raised_on=last_wednesday)
    Problem.objects.create(project=two[1], category=ProblemCategory.objects.get(name="资金"), description="旧问题",
                           raised_on=today - datetime.timedelta(days=40))
    _follow_up(two[1], staff, today - datetime.timedelta(days=1))
    response = client_as(official).get(reverse("dashboard:weekly_report"))
    content = response.content.decode()
    lagging = next(t for t in response.context["report"].tables if t.key == "lagging")
    assert [row[1].text for row in lagging.rows] == ["甲项目"]
    assert "用地未落实" in content and "旧问题" not in content
    assert "加快建设进度" in content
    assert "data-print" in content


def test_a_bulletin_marks_each_extracted_record_and_escapes_the_text(client_as, official, two):
    text = "<b>开头</b>甲项目总投资30亿元，乙项目开工。"
    bulletin = Bulletin.objects.create(issued_on=datetime.date(2026, 2, 1), raw_text=text, checksum="c" * 64)
    project_type = ContentType.objects.get_for_model(Project)
    start = text.index("甲项目")
    Evidence.objects.create(bulletin=bulletin, content_type=project_type, object_id=two[0].pk, field="",
                            sentence="甲项目总投资30亿元", start=start, end=start + 10)
    content = client_as(official).get(reverse("bulletins:detail", args=[bulletin.pk])).content.decode()
    assert "&lt;b&gt;开头&lt;/b&gt;" in content
    assert f'<a href="{two[0].get_absolute_url()}">甲项目总投资30亿元</a>' in content


def test_overlapping_spans_never_repeat_text():
    class Span:
        def __init__(self, start, end):
            self.start, self.end, self.field = start, end, ""
            self.content_type = ContentType(app_label="projects", model="project")
            self.object_id = 1

    segments = marked_segments("abcdefgh", [Span(1, 5), Span(3, 7)])
    assert "".join(s.text for s in segments) == "abcdefgh"
    assert [s.text for s in segments if s.evidence] == ["bcde", "fg"]


def test_amounts_and_dates_are_written_the_chinese_way():
    with override("zh-hans"):
        assert yuan_short(Decimal("1234567890")) == "12.35亿元"
        assert yuan_short(Decimal("3000000")) == "300万元"
        assert long_date(datetime.date(2020, 8, 5)) == "2020年8月5日"
    with override("en"):
        assert yuan_short(Decimal("1234567890")) == "1.235 bn yuan"
        assert long_date(datetime.date(2020, 8, 5)) == "5 Aug 2020"
