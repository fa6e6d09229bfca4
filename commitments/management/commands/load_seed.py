from django.core.management.base import BaseCommand

from commitments.services.seed import load_recesses, load_seed_letter


class Command(BaseCommand):
    help = (
        "Load the seed letter (Kamerstuk 28 638, nr. 212), its commitments and the recess calendar."
    )

    def handle(self, *args, **options):
        recesses = load_recesses()
        commitments = load_seed_letter()
        self.stdout.write(
            f"Seed loaded: {commitments} new commitments, {recesses} new recesses "
            "(nothing is added twice)."
        )
