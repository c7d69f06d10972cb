"""Parse one bulletin file and print what would be imported; writes nothing."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from bulletins.pipeline import BulletinReadError, KnownNames, parse, read_document
from bulletins.pipeline.quantities import json_number


def _known_names(use_db: bool, text: str) -> KnownNames | None:
    if not use_db:
        return None
    try:
        from bulletins.services import known_names_from_db
    except ImportError:
        return None
    return known_names_from_db(text)


class Command(BaseCommand):
    help = "Parse a bulletin (.txt/.html/.docx) and print the extraction; nothing is saved."

    def add_arguments(self, parser):
        parser.add_argument("file", help="bulletin file")
        parser.add_argument("--issued", required=True, help="issue date, YYYY-MM-DD (gives year-less dates a year)")
        parser.add_argument("--json", action="store_true", help="print the full extraction as JSON")
        parser.add_argument("--no-db", action="store_true", help="do not use names already in the database")

    def handle(self, *args, **options):
        try:
            issued = datetime.date.fromisoformat(options["issued"])
        except ValueError as exc:
            raise CommandError(f"日期格式错误,应为 YYYY-MM-DD:{options['issued']!r}") from exc
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"无法读取文件 {path}:{exc.strerror or exc}") from exc
        try:
            text = read_document(data, path.name)
        except BulletinReadError as exc:
            raise CommandError(str(exc)) from exc
        extraction = parse(text, issued, _known_names(not options["no_db"], text))
        if options["json"]:
            self.stdout.write(json.dumps(extraction.to_schema(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{path.name} (issued {issued.isoformat()})")
        self.stdout.write(f"  people: {', '.join(p.name for p in extraction.people) or '-'}")
        self.stdout.write(f"  organizations: {len(extraction.organizations)}")
        for project in extraction.projects:
            self.stdout.write(f"  project: {project.name}")
        for event in extraction.events:
            when = f"{event.date.isoformat()} {event.part_of_day or ''}".strip()
            self.stdout.write(f"  event: {when} {event.kind} {', '.join(event.people)}")
        for indicator in extraction.indicators:
            value = json_number(indicator.value)
            self.stdout.write(f"  indicator: {indicator.name} {value} {indicator.unit} ({indicator.period})")
        self.stdout.write(f"  problems: {len(extraction.problems)}, requirements: {len(extraction.requirements)}")
