from django.core.management.base import BaseCommand

from enterprises.industries import TABLE, load_industries
from enterprises.models import Industry


class Command(BaseCommand):
    help = "Load or reload the GB/T 4754-2017 industry table from its data file (after adding lines to it)."

    def handle(self, *args, **options):
        count = load_industries(Industry)
        self.stdout.write(f"{count} industries from {TABLE.name}")
