import datetime

from django.core.management.base import BaseCommand, CommandError

from commitments.services.reminders import deliver_pending, prepare_rappel


class Command(BaseCommand):
    help = (
        "Send the twice-yearly rappel for a cut-off date (without Celery): every ministry's "
        "contacts get one mail with what is overdue and what falls due before the next cut-off. "
        "Running it again for the same date sends nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", required=True, help="the cut-off date, YYYY-MM-DD")

    def handle(self, *args, date, **options):
        try:
            cutoff = datetime.date.fromisoformat(date)
        except ValueError as error:
            raise CommandError(f"--date {date!r} is not a date in the form YYYY-MM-DD") from error
        queued = prepare_rappel(cutoff=cutoff)
        outcomes = deliver_pending()
        self.stdout.write(
            f"Rappel of {cutoff}: {queued} items queued; mails sent: {outcomes.get('sent', 0)}."
        )
