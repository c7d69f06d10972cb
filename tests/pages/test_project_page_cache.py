"""The project page is cached until the next write, yet shows every write, by whatever door, on the next load."""

import datetime
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from PIL import Image

from alerts.models import AlertSettings
from alerts.services import follow_ups_escalate
from bulletins.services import bulletin_import
from lib import figures
from meetings.models import FollowUp, Meeting, Requirement
from projects.models import AnnualPlan, Milestone, Project
from projects.services import attachment_create

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def page(client, project) -> str:
    response = client.get(project.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def officials_view(client_as, official):
    return client_as(official)


def test_staff_report_progress_and_the_official_sees_it_on_the_next_load(officials_view, client_as, staff, project,
                                                                         today):
    assert "填报进度 <strong>" not in page(officials_view, project)

    response = client_as(staff).post(f"/projects/{project.pk}/progress/new/", {
        "date": today.isoformat(), "percent_complete": "42", "statement": "主体施工",
    })

    assert response.status_code == 302
    assert "填报进度 <strong>42%</strong>" in page(officials_view, project)


def test_a_change_through_the_api_shows_on_the_next_load(officials_view, client_as, admin, project):
    assert "徐州经开区高新路" not in page(officials_view, project)

    response = client_as(admin).patch(f"/api/v1/projects/{project.pk}/", {"location": "徐州经开区高新路"},
                                      content_type="application/json")

    assert response.status_code == 200
    assert "徐州经开区高新路" in page(officials_view, project)


def test_an_annual_plan_added_in_the_admin_shows_on_the_next_load(officials_view, client_as, admin, project, today):
    assert "1.2亿元" not in page(officials_view, project)

    response = client_as(admin).post("/admin/projects/annualplan/add/", {
        "project": project.pk, "year": today.year, "planned_investment": "120000000",
    })

    assert response.status_code == 302 and AnnualPlan.objects.filter(project=project).exists()
    assert "1.2亿元" in page(officials_view, project)


def test_a_milestone_saved_in_a_shell_shows_on_the_next_load(officials_view, project, today):
    assert "主体厂房封顶" not in page(officials_view, project)

    Milestone.objects.create(project=project, name="主体厂房封顶", planned_date=today)

    assert "主体厂房封顶" in page(officials_view, project)


def test_a_project_renamed_in_a_shell_shows_on_the_next_load(officials_view, project):
    page(officials_view, project)

    project.name = "改名后的项目"
    project.save(update_fields=["name"])

    assert "改名后的项目" in page(officials_view, project)


def test_a_photo_stored_by_the_upload_service_shows_with_its_thumbnail(officials_view, project, staff, settings,
                                                                       tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assert "现场照片说明" not in page(officials_view, project)
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), "green").save(buffer, "JPEG")

    attachment_create(project=project, upload=SimpleUploadedFile("现场.jpg", buffer.getvalue()), user=staff,
                      caption="现场照片说明")

    assert "现场照片说明" in page(officials_view, project)


def test_a_follow_up_the_escalation_job_raises_shows_its_new_level(officials_view, project, today):
    meeting = Meeting.objects.create(title="调度会", date=today - datetime.timedelta(days=10))
    requirement = Requirement.objects.create(meeting=meeting, project=project, text="尽快完成环评")
    FollowUp.objects.create(requirement=requirement, due_date=today - datetime.timedelta(days=2))
    assert 'class="badge blue"' not in page(officials_view, project)

    follow_ups_escalate(today, AlertSettings.current())  # what the daily job runs, one UPDATE per level

    assert 'class="badge blue"' in page(officials_view, project)


def test_the_lag_scan_shows_its_verdict_on_the_next_load(officials_view, project, today):
    Milestone.objects.create(project=project, name="设备进场", planned_date=today - datetime.timedelta(days=30))
    assert '<span class="badge green">' in page(officials_view, project).split("</h1>")[0]

    call_command("flag_lagging", stdout=io.StringIO())

    assert '<span class="badge green">' not in page(officials_view, project).split("</h1>")[0]


def test_a_bulletin_import_shows_on_the_page_of_the_project_it_names(officials_view):
    project = Project.objects.create(name="徐州鑫晶半导体大硅片项目")
    assert "庄兆林" not in page(officials_view, project)

    bulletin_import(text=(SEEDS / "000_4dced07f19938908.txt").read_text(), issued_on=datetime.date(2020, 8, 10))

    assert Meeting.objects.filter(projects=project).exists()
    assert "庄兆林" in page(officials_view, project)


def test_each_user_gets_their_own_buttons_from_the_cached_page(officials_view, client_as, staff, project):
    report_progress = f"/projects/{project.pk}/progress/new/"
    assert report_progress in page(client_as(staff), project)

    assert report_progress not in page(officials_view, project)


def test_a_warm_page_asks_the_database_only_who_is_asking(officials_view, project, today):
    Milestone.objects.create(project=project, name="开工", planned_date=today)
    with CaptureQueriesContext(connection) as cold:
        page(officials_view, project)
    with CaptureQueriesContext(connection) as warm:
        shown = page(officials_view, project)

    assert "开工" in shown
    # The session, the user, the user's role and their unread notifications (the header's badge).
    assert len(warm) <= 4 < len(cold)


def test_the_page_answers_while_the_cache_is_down(officials_view, project, monkeypatch, today):
    Milestone.objects.create(project=project, name="开工", planned_date=today)

    def down(*args, **kwargs):
        raise ConnectionError("cache unreachable")

    for method in ("get", "set", "add", "incr"):
        monkeypatch.setattr(figures.cache, method, down)

    assert "开工" in page(officials_view, project)
    Milestone.objects.create(project=project, name="竣工", planned_date=today)
    assert "竣工" in page(officials_view, project)


@pytest.mark.django_db(transaction=True)
def test_a_transaction_saving_many_rows_marks_the_figures_stale_once(monkeypatch, today):
    project = Project.objects.create(name="节点很多的项目")
    bumps = []
    monkeypatch.setattr(figures.cache, "incr", bumps.append)
    monkeypatch.setattr(figures._thread, "read_since_bump", False, raising=False)

    with transaction.atomic():
        for day in range(200):
            Milestone.objects.create(project=project, name=f"节点{day}", planned_date=today, weight=Decimal(1))

    assert len(bumps) == 1


def test_a_page_cached_in_chinese_is_not_served_in_english(officials_view, project, today):
    Milestone.objects.create(project=project, name="开工", planned_date=today)
    assert officials_view.get(project.get_absolute_url()).context["milestone_chart"]["labels"]["planned"] == "计划"

    english = officials_view.get(project.get_absolute_url(), headers={"accept-language": "en"})

    assert english.context["milestone_chart"]["labels"]["planned"] == "Planned"


def test_signing_in_and_out_leaves_the_cached_figures_in_place(client, django_user_model):
    # Else each login would make every page recompute its figures at once (the overview: 1.4 s at 100,000 projects).
    user = django_user_model.objects.create_user("login-stamp", password="a-long-passphrase-1")
    figures.cached_figures("probe", lambda: 1)  # this thread has read figures: a write of its own would bump now
    before = figures._version()

    client.post("/accounts/login/", {"username": "login-stamp", "password": "a-long-passphrase-1"})
    client.post("/accounts/logout/")

    user.refresh_from_db()
    assert user.last_login is not None
    assert figures._version() == before


def test_a_write_after_signing_in_still_marks_the_figures_stale(client_as, staff, project, today):
    figures.cached_figures("probe", lambda: 1)
    before = figures._version()

    client_as(staff).post(f"/projects/{project.pk}/progress/new/", {
        "date": today.isoformat(), "percent_complete": "42", "statement": "主体施工",
    })

    assert figures._version() != before
