from django.core.management.base import BaseCommand

from commitments.models import Digest
from commitments.services.reminders import deliver_pending, prepare_reminders


class Command(BaseCommand):
    help = (
        "Run the daily reminder run in this process, without Celery: flag overdue commitments, "
        "queue today's reminders, bundle them per contact and send the digests that are due."
    )

    def handle(self, *args, **options):
        run = prepare_reminders()
        outcomes = deliver_pending()
        self.stdout.write(
            f"Flagged {run.flagged} commitments, queued {run.queued} reminders; "
            f"digests sent: {outcomes.get('sent', 0)}, to retry: {outcomes.get('retry', 0)}, "
            f"failed: {outcomes.get('failed', 0)}, in doubt: {Digest.objects.in_doubt().count()}."
        )
