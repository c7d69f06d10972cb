from django.core.management.base import BaseCommand

from search.services import search_index_rebuild


class Command(BaseCommand):
    help = "Rebuild the search index from projects, organizations, people, meetings, problems and bulletins."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size, **options):
        total = search_index_rebuild(batch_size=batch_size)
        self.stdout.write(f"Indexed {total} documents.")
