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


def test_officials_may_view_alerts_but_only_admins_change_them(official, admin):
    # Model permissions come from the policy (accounts.backends.PolicyBackend), not from the groups.
    assert not official.has_perm("alerts.change_alert")
    assert admin.has_perm("alerts.change_alert") and admin.has_perm("alerts.change_alertsettings")


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


def test_administrators_may_see_the_record_of_scans(admin, staff):
    assert admin.has_perm("alerts.view_alertscan") and not staff.has_perm("alerts.view_alertscan")
