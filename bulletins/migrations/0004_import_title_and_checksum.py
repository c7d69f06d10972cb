"""A staged import keeps its title and the checksum of its normalised text, so a bulletin already imported
is refused at upload; bulletins' checksums are recomputed the same way (white space and width ignored)."""

import hashlib
import unicodedata

from django.db import migrations, models


def normalised_checksum(text: str) -> str:
    # Frozen copy of bulletins.services.text_checksum as of this migration.
    return hashlib.sha256("".join(unicodedata.normalize("NFKC", text).split()).encode("utf-8")).hexdigest()


def recompute(apps, schema_editor):
    Bulletin = apps.get_model("bulletins", "Bulletin")
    taken = set()
    for bulletin in Bulletin.objects.order_by("pk").only("pk", "raw_text").iterator():
        checksum = normalised_checksum(bulletin.raw_text)
        if checksum in taken:  # two earlier imports differing only in spacing: the later keeps its old checksum
            continue
        taken.add(checksum)
        Bulletin.objects.filter(pk=bulletin.pk).update(checksum=checksum)


class Migration(migrations.Migration):
    dependencies = [("bulletins", "0003_record_names")]

    operations = [
        migrations.AddField(
            model_name="importjob",
            name="checksum",
            field=models.CharField(blank=True, db_index=True, max_length=64,
                                   verbose_name="SHA-256 of the normalised text"),
        ),
        migrations.AddField(
            model_name="importjob",
            name="title",
            field=models.CharField(blank=True, max_length=300, verbose_name="title"),
        ),
        migrations.AlterField(
            model_name="bulletin",
            name="checksum",
            field=models.CharField(max_length=64, unique=True, verbose_name="SHA-256 of the normalised text"),
        ),
        migrations.RunPython(recompute, migrations.RunPython.noop),
    ]
