import json

from django.core.management.base import BaseCommand

from api.oc4ids import project_package


class Command(BaseCommand):
    help = "Write all projects as an OC4IDS project package (JSON) to FILE ('-' for standard output)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--base-url", default="http://localhost:8000",
            help="Where the tracker is served, to make the links in the package absolute.",
        )

    def handle(self, *args, file, base_url, **options):
        base_url = base_url.rstrip("/")
        package = project_package(uri=f"{base_url}/api/v1/oc4ids/", absolute=lambda path: f"{base_url}{path}")
        text = json.dumps(package, ensure_ascii=False, indent=2)
        if file == "-":
            self.stdout.write(text)
            return
        with open(file, "w", encoding="utf-8") as out:
            out.write(text + "\n")
        self.stdout.write(f"Wrote {len(package['projects'])} projects to {file}.")
