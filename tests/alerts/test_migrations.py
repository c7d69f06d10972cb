from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from alerts.models import AlertSettings
from projects.models import Project


def test_it_starts_with_the_default_thresholds(db):
    settings = AlertSettings.objects.get()
    assert (settings.progress_tolerance_yellow, settings.progress_tolerance_red) == (10, 20)
    assert settings.stale_days == 30
    assert settings.reminder_every_days == 7


def test_it_schedules_the_scan_daily_at_seven_in_shanghai(db):
    task = PeriodicTask.objects.select_related("crontab").get(task="alerts.tasks.flag_lagging")
    assert (task.crontab.hour, task.crontab.minute, str(task.crontab.timezone)) == ("7", "0", "Asia/Shanghai")
    assert task.enabled


def test_officials_may_view_alerts_but_only_admins_change_them(db):
    official = set(
        Group.objects.get(name="领导")
        .permissions.filter(content_type__app_label="alerts")
        .values_list("codename", flat=True)
    )
    admin = set(
        Group.objects.get(name="管理员")
        .permissions.filter(content_type__app_label="alerts")
        .values_list("codename", flat=True)
    )
    assert "view_alert" in official and "change_alert" not in official
    assert {"change_alert", "change_alertsettings"} <= admin


def test_upgrading_marks_the_projects_that_already_have_open_alerts(transactional_db):
    executor = MigrationExecutor(connection)
    before = [("projects", "0002_problem_categories"), ("alerts", "0003_first_flagged_index")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    project = old.get_model("projects", "Project").objects.create(name="升级前的项目")
    now = timezone.now()
    old.get_model("alerts", "Alert").objects.create(
        rule="overdue_milestone", subject_type="project", project_id=project.pk, severity="red",
        first_flagged=now, last_seen=now,
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert Project.objects.get(pk=project.pk).lag == "red"


def test_administrators_may_see_the_record_of_scans(db):
    admin = Group.objects.get(name="管理员").permissions.filter(content_type__app_label="alerts")
    assert admin.filter(codename="view_alertscan").exists()
