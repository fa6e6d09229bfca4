from django.core.management.base import BaseCommand

from commitments.services.overdue import flag_overdue


class Command(BaseCommand):
    help = "Flag overdue commitments and clear the flag where it no longer applies (no Celery)."

    def handle(self, *args, **options):
        result = flag_overdue()
        self.stdout.write(f"Flagged {result.flagged} commitments, cleared {result.cleared}.")
