"""Move uploads stored under a doubled dated folder (attachments/2026/11/attachments/2026/11/x.png) to one."""

import re

from django.db import migrations

DOUBLED = re.compile(r"^(attachments/\d{4}/\d{2}/)attachments/\d{4}/\d{2}/(?P<name>[^/]+)$")


def move_doubled_files(apps, schema_editor):
    Attachment = apps.get_model("projects", "Attachment")
    for attachment in Attachment.objects.filter(file__startswith="attachments/").iterator():
        match = DOUBLED.match(attachment.file.name)
        if match is None:
            continue
        storage, old = attachment.file.storage, attachment.file.name
        new = match.group(1) + match.group("name")
        if storage.exists(old):
            with storage.open(old, "rb") as content:
                new = storage.save(new, content)  # a free name if another file already took it
            storage.delete(old)
        elif not storage.exists(new):
            continue  # the file is missing either way: leave the row as it was
        Attachment.objects.filter(pk=attachment.pk).update(file=new)


class Migration(migrations.Migration):
    dependencies = [("projects", "0006_attachment_photos_and_meetings")]

    operations = [migrations.RunPython(move_doubled_files, migrations.RunPython.noop)]
