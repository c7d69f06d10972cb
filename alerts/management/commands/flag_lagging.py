import json
import sys
from contextlib import redirect_stdout
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from alerts.locks import job_lock
from alerts.services import alerts_flag


class Command(BaseCommand):
    help = "Flag lagging milestones, projects, problems and follow-ups; resolve and escalate alerts; notify."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=date.fromisoformat, help="Scan as on this day (YYYY-MM-DD).")
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="Print the alerts flagged, escalated, resolved, open."
        )

    def handle(self, *args, today=None, as_json=False, **options):
        with job_lock("alerts.flag_lagging") as acquired:
            if not acquired:
                raise CommandError("flag_lagging is already running.")
            # Side output (the console mail backend when tasks run in-process) goes to stderr, so stdout
            # carries only the result and --json stays parseable.
            with redirect_stdout(sys.stderr):
                result = alerts_flag(today=today)
        if as_json:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(result.summary())
