from django.contrib.auth.management import create_permissions
from django.db import migrations

DOMAIN_APPS = ["enterprises", "projects", "meetings", "bulletins"]

STAFF_WRITES = [
    "meetings.add_meeting", "meetings.change_meeting",
    "meetings.add_attendance", "meetings.change_attendance", "meetings.delete_attendance",
    "meetings.add_requirement", "meetings.change_requirement",
    "meetings.add_followup", "meetings.change_followup",
    "projects.add_problem", "projects.change_problem", "projects.add_problemupdate",
    "projects.change_milestone", "projects.add_progressreport",
    "projects.add_annualplan", "projects.change_annualplan",
    "projects.add_investmentreport", "projects.change_investmentreport",
    "projects.add_attachment",
    "enterprises.add_person", "enterprises.add_position", "enterprises.add_organization",
]
OFFICIAL_EXTRA = ["projects.sign_off_problem"]
ADMIN_EXTRA_APPS = ["django_celery_beat"]
ADMIN_EXTRA = ["auth.add_user", "auth.change_user", "auth.view_user", "auth.view_group"]


def _perms(Permission, labels):
    for label in labels:
        app_label, codename = label.split(".")
        yield Permission.objects.get(content_type__app_label=app_label, codename=codename)


def create_role_groups(apps, schema_editor):
    # Permissions are normally created after migrate; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    domain = Permission.objects.filter(content_type__app_label__in=DOMAIN_APPS)
    views = list(domain.filter(codename__startswith="view_"))

    official, _ = Group.objects.get_or_create(name="领导")
    official.permissions.set(views + list(_perms(Permission, OFFICIAL_EXTRA)))

    staff, _ = Group.objects.get_or_create(name="工作人员")
    staff.permissions.set(views + list(_perms(Permission, STAFF_WRITES)))

    admin, _ = Group.objects.get_or_create(name="管理员")
    admin.permissions.set(
        list(domain)
        + list(Permission.objects.filter(content_type__app_label__in=ADMIN_EXTRA_APPS))
        + list(_perms(Permission, ADMIN_EXTRA))
    )


def remove_role_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["领导", "工作人员", "管理员"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
        ("enterprises", "0001_initial"),
        ("projects", "0002_problem_categories"),
        ("meetings", "0002_initial"),
        ("bulletins", "0002_importjob_indicator"),
    ]

    operations = [migrations.RunPython(create_role_groups, remove_role_groups)]
