"""The name directory: every record's names and aliases, normalised and indexed for the import's lookups.

On PostgreSQL a trigram index (pg_trgm, a trusted extension) lets the review rank similar names.
"""

from django.db import migrations, models

from bulletins.names import record_name_fields

TRIGRAM_INDEX = "record_name_key_trgm"


def fill(apps, schema_editor):
    RecordName = apps.get_model("bulletins", "RecordName")
    sources = [
        ("person", apps.get_model("enterprises", "Person"), lambda r: r.aliases or []),
        ("organization", apps.get_model("enterprises", "Organization"), lambda r: [r.short_name, *(r.aliases or [])]),
        ("project", apps.get_model("projects", "Project"), lambda r: r.aliases or []),
    ]
    for kind, model, aliases in sources:
        rows = [RecordName(object_id=record.pk, **fields) for record in model.objects.iterator(chunk_size=2000)
                for fields in record_name_fields(kind, record.name, aliases(record))]
        RecordName.objects.bulk_create(rows, batch_size=2000)


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON bulletins_recordname USING gin (key gin_trgm_ops)"
        )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("bulletins", "0002_importjob_indicator"),
        ("enterprises", "0001_initial"),
        ("projects", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="RecordName",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[("person", "person"), ("organization", "organization"),
                                                   ("project", "project")], max_length=20, verbose_name="kind")),
                ("object_id", models.PositiveBigIntegerField(verbose_name="record id")),
                ("name", models.CharField(help_text="As written, normalised (NFKC, no spaces).", max_length=200,
                                          verbose_name="name")),
                ("key", models.CharField(db_index=True, max_length=200, verbose_name="key")),
                ("head", models.CharField(db_index=True, max_length=4, verbose_name="head")),
                ("core", models.CharField(db_index=True, max_length=200, verbose_name="core")),
                ("is_alias", models.BooleanField(default=False, verbose_name="alias")),
            ],
            options={
                "verbose_name": "record name",
                "verbose_name_plural": "record names",
                "indexes": [models.Index(fields=["kind", "object_id"], name="record_name_by_record")],
                "constraints": [models.UniqueConstraint(fields=("kind", "object_id", "key"),
                                                        name="record_name_unique_per_record")],
            },
        ),
        migrations.RunPython(create_trigram_index, drop_trigram_index),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
