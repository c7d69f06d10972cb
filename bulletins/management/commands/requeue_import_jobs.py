from django.core.management.base import BaseCommand

from bulletins.models import ImportJob
from bulletins.services import import_jobs_requeue_stale


class Command(BaseCommand):
    help = ("Queue again the bulletin imports that could not be queued or stalled while parsing "
            "(what the beat sweep does every five minutes).")

    def handle(self, *args, **options):
        queued = import_jobs_requeue_stale()
        waiting = ImportJob.objects.filter(status=ImportJob.Status.UNQUEUED).count()
        self.stdout.write(f"queued {queued}; still not queued {waiting}")
