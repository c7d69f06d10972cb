"""Loads the GB/T 4754-2017 table from enterprises/data/gbt4754_2017.tsv; `load_industries` reloads it later."""

from django.db import migrations


def load(apps, schema_editor):
    from enterprises.industries import load_industries

    load_industries(apps.get_model("enterprises", "Industry"))


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0002_industry_and_credit_code")]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
