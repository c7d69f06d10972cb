"""Who may do what is the policy's (accounts.policy): the role groups lose their model permissions (the admin
site asks the policy through accounts.backends.PolicyBackend), and admin-site access follows the 管理员 role."""

from django.db import migrations

ROLE_GROUPS = ["领导", "工作人员", "管理员"]


def clear_group_permissions_and_sync_flags(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    User = apps.get_model("auth", "User")
    for group in Group.objects.filter(name__in=ROLE_GROUPS):
        group.permissions.clear()
    admins = User.objects.filter(groups__name="管理员")
    User.objects.filter(pk__in=admins.values("pk")).update(is_staff=True)
    User.objects.filter(is_superuser=False).exclude(pk__in=admins.values("pk")).update(is_staff=False)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_role_groups"),
        ("alerts", "0004_alert_scan"),  # the last to grant the groups permissions
    ]

    operations = [migrations.RunPython(clear_group_permissions_and_sync_flags, migrations.RunPython.noop)]
