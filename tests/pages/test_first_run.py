"""A fresh `make run` scans once after the seeds; the overview says when the scan last ran; admins start one."""

import datetime
import io
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from celery.result import AsyncResult
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from alerts.models import Alert, AlertScan
from alerts.tasks import flag_lagging
from projects.models import Milestone, Project

ROOT = Path(__file__).resolve().parents[2]


def test_make_run_scans_after_loading_the_seeds_and_before_serving():
    dry_run = subprocess.run(["make", "-n", "run", "PY=python"], cwd=ROOT, capture_output=True, text=True, check=True)
    commands = [line.split("manage.py", 1)[1].split()[0] for line in dry_run.stdout.splitlines() if "manage.py" in line]
    assert commands.index("load_seeds") < commands.index("flag_lagging") < commands.index("runserver")


def test_the_scan_a_fresh_run_makes_can_run_again_without_changing_anything(db):
    call_command("load_seeds", stdout=io.StringIO())
    call_command("flag_lagging", stdout=io.StringIO())
    first = Counter(Alert.objects.values_list("rule", "project_id", "milestone_id", "severity"))
    call_command("flag_lagging", stdout=io.StringIO())
    assert first and Counter(Alert.objects.values_list("rule", "project_id", "milestone_id", "severity")) == first


@pytest.fixture
def overdue_milestone(db):
    project = Project.objects.create(name="测试项目")
    return Milestone.objects.create(project=project, name="开工",
                                    planned_date=timezone.localdate() - datetime.timedelta(days=60))


def test_the_overview_says_the_scan_has_not_run(client_as, official, overdue_milestone):
    html = client_as(official).get(reverse("dashboard:overview")).content.decode()
    assert "预警扫描尚未运行" in html
    assert reverse("alerts:scan") not in html, "only admins are offered the button"


def test_an_admin_runs_the_scan_from_the_overview(client_as, admin, official, overdue_milestone, monkeypatch):
    monkeypatch.setattr("alerts.views.flag_lagging.delay", flag_lagging.apply)  # in this process, as embedded
    client = client_as(admin)
    overview = client.get(reverse("dashboard:overview")).content.decode()
    assert f'action="{reverse("alerts:scan")}"' in overview

    response = client.post(reverse("alerts:scan"), follow=True)

    scan = AlertScan.objects.get()
    assert Alert.objects.filter(milestone=overdue_milestone, resolved_at__isnull=True).exists()
    html = response.content.decode()
    assert "预警扫描完成：新增 1 条" in html
    shown = timezone.localtime(scan.moment).strftime("%Y-%m-%d %H:%M")  # Asia/Shanghai, to the minute
    assert "上次预警扫描 <time" in html and shown in html
    assert shown in client_as(official).get(reverse("dashboard:overview")).content.decode()


@pytest.mark.parametrize("role", ["official", "staff"])
def test_only_admins_start_a_scan(db, client_as, request, role):
    response = client_as(request.getfixturevalue(role)).post(reverse("alerts:scan"))
    assert response.status_code == 403 and not AlertScan.objects.exists()


def test_starting_a_scan_takes_a_post(client_as, admin):
    assert client_as(admin).get(reverse("alerts:scan")).status_code == 405
    assert not AlertScan.objects.exists()


def test_with_a_broker_the_scan_is_queued_for_a_worker(client_as, admin, monkeypatch):
    queued = []
    monkeypatch.setattr("alerts.views.flag_lagging.delay", lambda: queued.append(True) or AsyncResult("queued"))
    response = client_as(admin).post(reverse("alerts:scan"), follow=True)
    assert queued == [True] and "预警扫描已在后台开始" in response.content.decode()
