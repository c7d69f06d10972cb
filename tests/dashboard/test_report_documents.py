"""The 调度周报 and 月报 as pages, Word and PDF: the documents print the page's figures, in the zone's form."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from dashboard import documents
from meetings.models import FollowUp, Meeting, Requirement
from projects.models import AnnualPlan, InvestmentReport, Problem, ProblemCategory, Project

YI = Decimal(100_000_000)
pdf_font = pytest.mark.skipif(not any(map(documents.Path.exists, map(documents.Path, documents.FONT_CANDIDATES))),
                              reason="no TrueType font with Chinese glyphs (apt-get install fonts-wqy-microhei)")


@pytest.fixture
def zone(db, flag, staff):
    """Two projects with a 2025 plan of 20亿元, 1亿元 reported each month, one started in March 2025, one lagging,
    problems of two categories and ages, and a follow-up overdue."""
    today = timezone.localdate()
    first = Project.objects.create(name="甲项目", industry="新能源", total_investment=30 * YI,
                                   actual_start=datetime.date(2025, 3, 1))
    second = Project.objects.create(name="乙项目", industry="城市建设", total_investment=10 * YI)
    AnnualPlan.objects.create(project=first, year=2025, planned_investment=20 * YI)
    for month in range(1, 13):
        InvestmentReport.objects.create(project=first, year=2025, month=month, amount=YI)
    flag(first)
    land, money = ProblemCategory.objects.get(name="供地"), ProblemCategory.objects.get(name="资金")
    Problem.objects.create(project=second, category=land, description="用地指标未落实",
                           raised_on=today - datetime.timedelta(days=2), due_date=today - datetime.timedelta(days=1))
    Problem.objects.create(project=second, category=money, description="贷款未到位",
                           raised_on=today - datetime.timedelta(days=100))
    meeting = Meeting.objects.create(date=today - datetime.timedelta(days=10), title="调研")
    requirement = Requirement.objects.create(meeting=meeting, project=first, text="加快设备安装进度")
    FollowUp.objects.create(requirement=requirement, owner_user=staff, due_date=today - datetime.timedelta(days=1))
    return first, second


OCTOBER = ("1—10月，全区2个重大项目完成投资10亿元，占年度计划的50%，较序时进度慢33.3个百分点；"
           "新开工1个，竣工投产0个。")


def _page_tables(content: str) -> list[list[list[str]]]:
    soup = BeautifulSoup(content, "html.parser")
    return [[[cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])] for row in table.find_all("tr")]
            for table in soup.select("main table")]


def _docx_tables(body: bytes) -> list[list[list[str]]]:
    document = Document(io.BytesIO(body))
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]


def _embedded_fonts(reader) -> set[str]:
    """The fonts whose program travels inside the PDF (a TrueType /FontFile2), so any reader shows the Chinese."""
    embedded = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object().get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                embedded.add(str(font.get_object()["/BaseFont"]))
    return embedded


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_monthly_report_writes_the_standard_sentence_from_the_data(client_as, official, zone):
    content = client_as(official).get(reverse("dashboard:monthly_report"), {"month": "2025-10"}).content.decode()

    assert OCTOBER in content
    assert "2025年第10期" in content
    assert "较序时进度慢" in content


def test_a_zone_ahead_of_its_plan_reads_faster_and_a_zone_without_a_plan_says_so(client_as, official, zone):
    first, second = zone
    AnnualPlan.objects.create(project=second, year=2024, planned_investment=12 * YI)
    for month in range(1, 4):
        InvestmentReport.objects.create(project=second, year=2024, month=month, amount=Decimal("1.5") * YI)
    client = client_as(official)

    march = client.get(reverse("dashboard:monthly_report"), {"month": "2024-03"}).context["report"]
    no_plan = client.get(reverse("dashboard:monthly_report"), {"month": "2023-01"}).context["report"]

    # 4.5亿 of 12亿 is 37.5%; 序时进度 by March is 25%: 12.5 points ahead.
    assert march.summary[0].startswith(
        "1—3月，全区2个重大项目完成投资4.5亿元，占年度计划的37.5%，较序时进度快12.5个百分点；")
    assert no_plan.summary[0] == "1月，全区2个重大项目完成投资0万元（未录入年度计划）；新开工0个，竣工投产0个。"


def test_the_monthly_report_in_word_has_the_red_head_and_the_pages_figures(client_as, official, zone):
    client = client_as(official)
    page = client.get(reverse("dashboard:monthly_report"), {"month": "2025-10"}).content.decode()
    response = client.get(reverse("dashboard:monthly_report_docx"), {"month": "2025-10"})

    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert ".docx" in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    paragraphs = [p.text for p in document.paragraphs]
    head = document.paragraphs[0].runs[0]
    assert paragraphs[0] == "徐州经济技术开发区重大项目调度办公室"
    assert str(head.font.color.rgb) == "C00000"
    assert paragraphs[1].startswith("2025年第10期")
    assert OCTOBER in paragraphs
    assert _docx_tables(response.content) == _page_tables(page)


def test_the_issuing_unit_is_a_setting(client_as, official, zone):
    with override_settings(REPORT_ISSUER="某某区重大项目办"):
        response = client_as(official).get(reverse("dashboard:weekly_report_docx"))
    assert Document(io.BytesIO(response.content)).paragraphs[0].text == "某某区重大项目办"


def test_the_weekly_report_lists_lagging_projects_problems_by_category_and_follow_ups_due(client_as, official, zone):
    # This week's report (the default is the week just ended): its figures are as of today.
    response = client_as(official).get(reverse("dashboard:weekly_report"), {"date": timezone.localdate().isoformat()})
    tables = {t.key: t for t in response.context["report"].tables}
    content = response.content.decode()

    assert [row[1].text for row in tables["lagging"].rows] == ["甲项目"]
    by_category = {row[0].text: [c.text for c in row[1:]] for row in tables["problems"].rows}
    # open, under 30 days, 30–90 days, over 90 days, overdue
    assert by_category == {"供地": ["1", "1", "0", "0", "1"], "资金": ["1", "0", "0", "1", "0"],
                           "合计": ["2", "1", "0", "1", "1"]}
    # The week holding the day the newer problem was raised (today's week may have begun since).
    raised = timezone.localdate() - datetime.timedelta(days=2)
    week = client_as(official).get(reverse("dashboard:weekly_report"), {"date": raised.isoformat()})
    new_problems = week.content.decode().split('id="new_problems"')[1].split("</section>")[0]
    assert "用地指标未落实" in new_problems and "贷款未到位" not in new_problems
    assert "加快设备安装进度" in content
    assert reverse("dashboard:weekly_report_docx") in content and reverse("dashboard:weekly_report_pdf") in content
    assert reverse("dashboard:monthly_report") in content


@pdf_font
def test_the_weekly_report_as_pdf_embeds_a_chinese_font_and_prints_the_pages_figures(client_as, official, zone):
    client = client_as(official)
    page = client.get(reverse("dashboard:weekly_report"))
    response = client.get(reverse("dashboard:weekly_report_pdf"))

    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = _squeeze("".join(p.extract_text() for p in reader.pages))
    report = page.context["report"]
    assert _embedded_fonts(reader), "the Chinese font is not embedded"
    assert _squeeze(report.issuer) in text and _squeeze(report.number) in text
    for sentence in report.summary:
        assert _squeeze(sentence) in text
    for table in _page_tables(page.content.decode()):
        for row in table:
            for cell in row:
                assert _squeeze(cell) in text, cell


@pdf_font
def test_the_monthly_pdf_has_the_standard_sentence(client_as, official, zone):
    response = client_as(official).get(reverse("dashboard:monthly_report_pdf"), {"month": "2025-10"})
    text = _squeeze("".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages))
    assert _squeeze(OCTOBER) in text


def test_without_a_chinese_font_only_the_pdf_is_refused_with_a_message(client_as, official, zone, tmp_path):
    client = client_as(official)
    with override_settings(REPORT_FONT=str(tmp_path / "missing.ttf")):
        pdf = client.get(reverse("dashboard:weekly_report_pdf"))
        word = client.get(reverse("dashboard:weekly_report_docx"))
    assert pdf.status_code == 503
    assert "fonts-wqy-microhei" in pdf.content.decode()
    assert word.status_code == 200


def test_a_period_that_cannot_be_read_is_refused_with_a_message(client_as, official, zone):
    client = client_as(official)
    download = client.get(reverse("dashboard:monthly_report_docx"), {"month": "十月"})
    page = client.get(reverse("dashboard:monthly_report"), {"month": "2025-13"}, follow=True)
    future = client.get(reverse("dashboard:weekly_report_pdf"), {"date": "2999-01-01"})

    assert download.status_code == 400 and "YYYY-MM" in download.content.decode()
    assert page.redirect_chain[-1][0] == reverse("dashboard:monthly_report")
    assert "YYYY-MM" in page.content.decode()
    assert future.status_code == 400


def test_the_monthly_report_defaults_to_last_month(client_as, official, zone):
    report = client_as(official).get(reverse("dashboard:monthly_report")).context["report"]
    first_of_this_month = timezone.localdate().replace(day=1)

    assert report.end == first_of_this_month - datetime.timedelta(days=1)
    assert report.start == report.end.replace(day=1)


def test_in_english_the_report_and_its_documents_are_in_english(client_as, official, zone):
    client = client_as(official)
    page = client.get(reverse("dashboard:monthly_report"), {"month": "2025-10"}, HTTP_ACCEPT_LANGUAGE="en")
    word = client.get(reverse("dashboard:monthly_report_docx"), {"month": "2025-10"}, HTTP_ACCEPT_LANGUAGE="en")

    sentence = page.context["report"].summary[0]
    assert sentence.startswith("Months 1–10, the zone's 2 major projects completed 1 bn yuan of investment, 50%")
    assert "33.3 points behind expected progress" in sentence
    assert sentence in [p.text for p in Document(io.BytesIO(word.content)).paragraphs]
