"""The 实际进度与序时进度 card says what is known, and never "no data" beside the 进度 figure."""

import re

from django.urls import reverse

from projects.models import ProgressReport


def _card(response):
    html = response.content.decode()
    start = html.index('id="progress-h"')
    return re.sub(r"\s+", " ", html[start:html.index("</section>", start)])


def test_a_report_on_a_phase_without_a_planned_period_shows_in_the_card(client_as, staff, official, project, phase,
                                                                        today):
    client_as(staff).post(reverse("projects:progress_create", args=[project.pk]), {
        "phase": phase.pk, "date": today.isoformat(), "percent_complete": "65", "statement": "主体完工",
    })
    assert ProgressReport.objects.filter(project=project, percent_complete=65).exists()

    response = client_as(official).get(project.get_absolute_url())
    card = _card(response)
    assert "填报进度 <strong>65%</strong>" in card
    assert "无法计算序时进度：项目没有计划开工和投产日期" in card
    assert [row["reported"] for row in response.context["progress_chart"]["rows"]] == [65.0]


def test_a_planned_period_without_reports_shows_the_expected_progress(client_as, official, planned_project):
    response = client_as(official).get(planned_project.get_absolute_url())
    card = _card(response)
    assert "今日序时进度 <strong>50%</strong>" in card  # 100 of 200 days elapsed
    assert "尚未报告进度。" in card
    assert [row["expected"] for row in response.context["progress_chart"]["rows"]] == [0.0, 50.0, 100.0]
