import sys
from contextlib import redirect_stdout
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from alerts.locks import job_lock
from alerts.services import alerts_remind


class Command(BaseCommand):
    help = "Remind the people responsible of alerts still open, and send each official's daily digest."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=date.fromisoformat, help="Run as on this day (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        with job_lock("alerts.send_reminders") as acquired:
            if not acquired:
                raise CommandError("send_reminders is already running.")
            # Side output (the console mail backend when tasks run in-process) goes to stderr, so stdout
            # carries only the result and --json stays parseable.
            with redirect_stdout(sys.stderr):
                counts = alerts_remind(today=today)
        self.stdout.write(f"reminders {counts['reminders']}, digests {counts['digests']}")
