import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_initial"),
        ("projects", "0005_milestone_template_defaults"),
    ]

    operations = [
        migrations.AddField(
            model_name="attachment",
            name="caption",
            field=models.CharField(blank=True, max_length=200, verbose_name="caption"),
        ),
        migrations.AddField(
            model_name="attachment",
            name="taken_at",
            field=models.DateTimeField(blank=True, help_text="From the photo's EXIF data.", null=True,
                                       verbose_name="taken at"),
        ),
        migrations.AddField(
            model_name="attachment",
            name="thumbnail",
            field=models.FileField(blank=True, upload_to="attachments/%Y/%m/", verbose_name="thumbnail"),
        ),
        migrations.AddField(
            model_name="attachment",
            name="meeting",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="attachments",
                to="meetings.meeting", verbose_name="meeting",
            ),
        ),
        migrations.AlterField(
            model_name="attachment",
            name="project",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="attachments",
                to="projects.project", verbose_name="project",
            ),
        ),
        migrations.AddConstraint(
            model_name="attachment",
            constraint=models.CheckConstraint(
                condition=models.Q(("project__isnull", False), ("meeting__isnull", False), _connector="OR"),
                name="attachment_has_project_or_meeting",
            ),
        ),
    ]
