import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("projects", "0003_project_lag_rank")]

    operations = [
        migrations.AddField(
            model_name="milestone",
            name="position",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="position"),
        ),
        migrations.AddField(
            model_name="historicalmilestone",
            name="position",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="position"),
        ),
        migrations.AlterModelOptions(
            name="milestone",
            options={"ordering": ["project", "position", "planned_date"], "verbose_name": "milestone",
                     "verbose_name_plural": "milestones"},
        ),
        migrations.CreateModel(
            name="MilestoneTemplate",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("category", models.CharField(
                    choices=[("industrial", "Major industrial project"), ("urban", "Key urban construction"),
                             ("livelihood", "Livelihood project")],
                    max_length=20, unique=True, verbose_name="project category",
                )),
                ("name", models.CharField(max_length=100, verbose_name="name")),
            ],
            options={"verbose_name": "milestone template", "verbose_name_plural": "milestone templates",
                     "ordering": ["category"]},
        ),
        migrations.CreateModel(
            name="MilestoneTemplateStep",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("order", models.PositiveSmallIntegerField(verbose_name="order")),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                ("template", models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE, related_name="steps",
                    to="projects.milestonetemplate", verbose_name="template",
                )),
            ],
            options={"verbose_name": "template milestone", "verbose_name_plural": "template milestones",
                     "ordering": ["template", "order", "pk"]},
        ),
        migrations.AddConstraint(
            model_name="milestonetemplatestep",
            constraint=models.UniqueConstraint(fields=("template", "name"), name="template_step_unique_name"),
        ),
    ]
