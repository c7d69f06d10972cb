from django.core.management.base import BaseCommand

from bulletins.services import ocr_corrections_apply


class Command(BaseCommand):
    help = ("Re-apply the OCR correction table (settings.OCR_CORRECTIONS_FILE) to imported text already stored: "
            "bulletins with their evidence, meeting summaries, problems, requirements; the search index follows.")

    def handle(self, *args, **options):
        changed = ocr_corrections_apply()
        if not changed:
            self.stdout.write("nothing to correct")
        for what, count in changed.items():
            self.stdout.write(f"{what}: {count} corrected")
