"""The data the alerts need: the settings row, the role groups' permissions, the daily schedule."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE_PERMISSIONS = {
    "领导": ["view_alert", "view_notification", "change_notification"],
    "工作人员": ["view_alert", "view_notification", "change_notification"],
}
ADMIN_GROUP = "管理员"
SCHEDULE = [
    # (task name, registered Celery task, hour, minute): flagging first, reminders and digests once it is done.
    ("Flag lagging work", "alerts.tasks.flag_lagging", "7", "0"),
    ("Send reminders and digests", "alerts.tasks.send_reminders", "7", "30"),
]


def create_settings(apps, schema_editor):
    AlertSettings = apps.get_model("alerts", "AlertSettings")
    if not AlertSettings.objects.exists():
        AlertSettings.objects.create()


def grant_permissions(apps, schema_editor):
    alerts_config = apps.get_app_config("alerts")
    alerts_config.models_module = True
    create_permissions(alerts_config, apps=apps, verbosity=0)
    alerts_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    alerts_permissions = Permission.objects.filter(content_type__app_label="alerts")
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*alerts_permissions.filter(codename__in=codenames))
    admin, _ = Group.objects.get_or_create(name=ADMIN_GROUP)
    admin.permissions.add(*alerts_permissions)


def revoke_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=[*ROLE_PERMISSIONS, ADMIN_GROUP]):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="alerts"))


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, task, hour, minute in SCHEDULE:
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=minute, hour=hour, day_of_week="*", day_of_month="*", month_of_year="*", timezone="Asia/Shanghai"
        )
        PeriodicTask.objects.get_or_create(name=name, defaults={"task": task, "crontab": crontab})


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name__in=[s[0] for s in SCHEDULE]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("alerts", "0001_initial"),
        ("accounts", "0001_role_groups"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RunPython(create_settings, migrations.RunPython.noop),
        migrations.RunPython(grant_permissions, revoke_permissions),
        migrations.RunPython(create_schedule, remove_schedule),
    ]
