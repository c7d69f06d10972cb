"""Loads the GB/T 4754-2017 table from enterprises/data/gbt4754_2017.tsv; `load_industries` reloads it later."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def load(apps, schema_editor):
    from enterprises.industries import load_industries

    load_industries(apps.get_model("enterprises", "Industry"))


def grant_permissions(apps, schema_editor):
    """Every role reads the table (admins pick from it in the admin site); nobody edits it there."""
    config = apps.get_app_config("enterprises")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.get(content_type__app_label="enterprises", codename="view_industry")
    for name in ("领导", "工作人员", "管理员"):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(view)


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0002_industry_and_credit_code"), ("accounts", "0001_role_groups")]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
        migrations.RunPython(grant_permissions, migrations.RunPython.noop),
    ]
