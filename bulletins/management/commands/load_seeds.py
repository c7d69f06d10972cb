import datetime
import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from bulletins.pipeline import read_document
from bulletins.services import bulletin_import

SEEDS_DIR = Path(settings.BASE_DIR) / "seeds"


class Command(BaseCommand):
    help = "Import the founding bulletins kept in seeds/ (manifest.json gives their issue dates). Safe to re-run."

    def handle(self, *args, **options):
        manifest = json.loads((SEEDS_DIR / "manifest.json").read_text(encoding="utf-8"))
        entries = sorted(manifest["bulletins"], key=lambda entry: entry["issued"])
        for entry in entries:
            path = SEEDS_DIR / entry["file"]
            text = read_document(path.read_bytes(), path.name)
            report = bulletin_import(
                text=text, issued_on=datetime.date.fromisoformat(entry["issued"]), file_name=path.name
            )
            self.stdout.write(f"{entry['file']}: {report.summary()}")
