import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from bulletins.pipeline import BulletinReadError, read_document
from bulletins.services import bulletin_import


def issue_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--issued must be a real date as YYYY-MM-DD, got {value!r}") from None


def read_bulletin_file(path: str) -> str:
    file = Path(path)
    if not file.is_file():
        raise CommandError(f"{path}: no such file")
    try:
        return read_document(file.read_bytes(), file.name)
    except BulletinReadError as error:
        raise CommandError(f"{path}: {error}") from None


class Command(BaseCommand):
    help = "Import news bulletins: parse, match to what the database knows, and write with evidence."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--issued", required=True, help="Issue date, YYYY-MM-DD (it gives the year).")

    def handle(self, *args, files, issued, **options):
        issued_on = issue_date(issued)
        # Read every file first, so one bad file stops the run before anything is written.
        texts = [(path, read_bulletin_file(path)) for path in files]
        for path, text in texts:
            report = bulletin_import(text=text, issued_on=issued_on, file_name=Path(path).name)
            self.stdout.write(f"{path}: {report.summary()}")
            for line in report.created:
                self.stdout.write(f"  created {line}")
            for line in report.linked:
                self.stdout.write(f"  linked {line}")
            for line in report.skipped:
                self.stdout.write(f"  skipped {line}")
