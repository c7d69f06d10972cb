from django.db import migrations

# The usual categories of the zone's problem lists; admins can add more.
CATEGORIES = ["资金", "供地", "供电", "用地审批", "环评", "人才与外国专家", "金融", "知识产权", "其他"]


def add_categories(apps, schema_editor):
    ProblemCategory = apps.get_model("projects", "ProblemCategory")
    for order, name in enumerate(CATEGORIES, start=1):
        ProblemCategory.objects.get_or_create(name=name, defaults={"order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]

    operations = [migrations.RunPython(add_categories, migrations.RunPython.noop)]
