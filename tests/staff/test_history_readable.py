"""History reads like the rest of the site: local time to the minute, field labels, shown values, one entry per save."""

import datetime
import re
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from projects.models import Problem, ProgressReport


def _history(html):
    section = html[html.index('<section class="history"'):]
    return re.sub(r"\s+", " ", section[:section.index("</section>")])


def test_logging_a_meeting_is_one_created_entry_with_its_projects(client_as, staff, meeting_post, project,
                                                                  other_project, today):
    client_as(staff).post(reverse("meetings:create"), meeting_post(date=today, projects=[project, other_project]))

    meeting = Meeting.objects.get()
    assert [record.history_type for record in meeting.history.all()] == ["+"]
    assert {row.project_id for row in meeting.history.get().projects.all()} == {project.pk, other_project.pk}
    history = _history(client_as(staff).get(meeting.get_absolute_url()).content.decode())
    assert history.count("<li>") == 1 and " 创建 · staff" in history


def test_editing_a_meeting_and_its_projects_is_one_changed_entry(client_as, staff, meeting, meeting_post, project,
                                                                 other_project, today):
    before = meeting.history.count()
    client_as(staff).post(reverse("meetings:edit", args=[meeting.pk]),
                          meeting_post(date=meeting.date, title="改过的标题", projects=[other_project]))

    assert meeting.history.count() == before + 1
    latest = meeting.history.latest()
    assert latest.history_type == "~" and latest.title == "改过的标题"
    assert [row.project_id for row in latest.projects.all()] == [other_project.pk]
    history = _history(client_as(staff).get(meeting.get_absolute_url()).content.decode())
    label = str(Meeting._meta.get_field("projects").verbose_name)
    assert f"<li>{label}: {project.name} → {other_project.name}</li>" in history
    assert "标题: 专题调研包挂重大产业项目 → 改过的标题</li>" in history


def test_a_confirmation_reads_as_local_time_to_the_minute(client_as, staff, meeting):
    client_as(staff).post(reverse("meetings:confirm", args=[meeting.pk]))
    meeting.refresh_from_db()

    history = _history(client_as(staff).get(meeting.get_absolute_url()).content.decode())

    local = timezone.localtime(meeting.confirmed_at)  # Asia/Shanghai
    assert f"确认时间: — → {local:%Y-%m-%d %H:%M}</li>" in history
    assert "+00:00" not in history and "草稿 → 已确认" in history


def test_a_problems_owner_and_amounts_read_as_names_and_yuan(client_as, staff, problem, mayor, project):
    problem.owner_person = mayor
    problem.save()
    project.total_investment = Decimal("3000000000")
    project.save()

    problem_history = _history(client_as(staff).get(problem.get_absolute_url()).content.decode())
    project_history = client_as(staff).get(reverse("projects:history", args=[project.pk])).content.decode()

    assert f"— → {mayor.name}</li>" in problem_history
    assert "22亿元 → 30亿元" in re.sub(r"\s+", " ", project_history)


def test_labels_start_with_a_capital_in_english(client_as, staff, problem):
    problem.due_date = problem.due_date + datetime.timedelta(days=5)
    problem.save()
    client = client_as(staff)
    client.post(reverse("set_language"), {"language": "en"})
    history = _history(client.get(problem.get_absolute_url()).content.decode())
    assert re.search(r"<li>Due date: \d{4}-\d\d-\d\d → \d{4}-\d\d-\d\d</li>", history), history
    assert Problem.objects.get().history.count() == 2


def test_creating_a_problem_or_a_progress_report_from_the_pages_is_one_entry(client_as, staff, project, category,
                                                                             today):
    client = client_as(staff)
    client.post(reverse("projects:problem_create"), {"project": project.pk, "category": category.pk,
                                                     "description": "供电不足"})
    client.post(reverse("projects:progress_create", args=[project.pk]),
                {"date": today.isoformat(), "percent_complete": "40", "statement": "设备进场"})

    problem = Problem.objects.get(description="供电不足")
    assert [record.history_type for record in problem.history.all()] == ["+"]
    assert [record.history_type for record in ProgressReport.history.filter(project_id=project.pk)] == ["+"]
