import sys
from contextlib import redirect_stdout
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from alerts.locks import job_lock
from notify.digest import weekly_digests_send


class Command(BaseCommand):
    help = "Send each 包挂 leader their weekly digest on their channel (what the Monday 08:00 job does)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=date.fromisoformat, help="Run as on this day (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        with job_lock("notify.send_weekly_digests") as acquired:
            if not acquired:
                raise CommandError("send_weekly_digests is already running.")
            # The console mail backend (tasks in-process) writes to stdout: keep it for the result alone.
            with redirect_stdout(sys.stderr):
                count = weekly_digests_send(today=today)
        self.stdout.write(f"digests {count}")
