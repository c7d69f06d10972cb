from django.core.management.base import BaseCommand

from bulletins.services import record_names_rebuild


class Command(BaseCommand):
    help = ("Rebuild the name directory the import looks names up in (needed only after rows were loaded "
            "without save(), e.g. bulk_create or raw SQL).")

    def handle(self, *args, **options):
        self.stdout.write(f"{record_names_rebuild()} names indexed")
