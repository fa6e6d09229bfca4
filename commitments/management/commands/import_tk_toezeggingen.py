from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from commitments.tk import sync as tk

# How many numbers of records whose creation date was moved are listed; the rest are counted.
LISTED = 10


class Command(BaseCommand):
    help = (
        "Import the Tweede Kamer's register of commitments (open-data entity Toezegging, OData "
        "JSON) from a file or a URL, following @odata.nextLink. Each page lands in one "
        "transaction; a record that cannot be taken in is quarantined (shown in the admin) and "
        "the rest of its page lands; running it again changes nothing. Without --since the "
        "whole source is read from its first page."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "source",
            nargs="?",
            help="a file or an http(s) URL (default: the TK_ODATA_URL setting)",
        )
        parser.add_argument(
            "--since",
            action="store_true",
            help=(
                "go on with the first full run where it stopped, or once it has ended, ask only "
                "for records that reached the API since the sync point (ApiGewijzigdOp, less "
                "TK_SYNC_OVERLAP), as the nightly task does"
            ),
        )

    def handle(self, *args, source, since, verbosity, **options):
        source = source or settings.TK_ODATA_URL
        if not source:
            raise CommandError(_("Give a file or a URL to import, or set TK_ODATA_URL."))
        on_page = self.report_page if verbosity > 1 else None
        try:
            result = tk.import_toezeggingen(source=source, since=since, on_page=on_page)
        except tk.ImportStopped as stopped:
            raise CommandError(f"{stopped} {self.landed(stopped.result)}") from stopped
        self.stdout.write(self.summary(result))
        for note in self.notes(result):
            self.stdout.write(note)

    def report_page(self, page, tally):
        self.stdout.write(
            _(
                "Page %(number)d: %(records)d records, %(created)d new, %(updated)d changed, "
                "%(quarantined)d quarantined."
            )
            % {
                "number": page.number,
                "records": tally.records,
                "created": tally.created,
                "updated": tally.updated,
                "quarantined": tally.quarantined,
            }
        )

    @staticmethod
    def summary(result) -> str:
        return _(
            "Imported %(pages)d pages from %(source)s: %(records)d records, %(created)d new, "
            "%(updated)d changed (%(withdrawn)d withdrawn at the source), %(unchanged)d "
            "unchanged, %(skipped)d deletions of records we never had, %(quarantined)d "
            "quarantined. Sync point: %(sync)s."
        ) % {
            "pages": result.pages,
            "source": result.source,
            "records": result.records,
            "created": result.created,
            "updated": result.updated,
            "withdrawn": result.withdrawn,
            "unchanged": result.unchanged,
            "skipped": result.skipped,
            "quarantined": result.quarantined,
            "sync": sync_point(result),
        }

    @staticmethod
    def landed(result) -> str:
        """What stayed imported when the import stopped, in one sentence."""
        if not result.pages:
            return _("Nothing was imported in this run.")
        return _(
            "The %(pages)d pages before it stayed imported (%(records)d records: %(created)d new, "
            "%(updated)d changed); the sync point is %(sync)s."
        ) % {
            "pages": result.pages,
            "records": result.records,
            "created": result.created,
            "updated": result.updated,
            "sync": sync_point(result),
        }

    @staticmethod
    def notes(result) -> list[str]:
        notes = []
        if result.quarantined:
            notes.append(
                _(
                    "%(count)d records could not be taken in and wait in the quarantine "
                    "(admin: quarantined Tweede Kamer records) with the field and the reason."
                )
                % {"count": result.quarantined}
            )
        if result.retried:
            notes.append(
                _("%(count)d records from the quarantine could be taken in now.")
                % {"count": result.retried}
            )
        if result.status_not_given:
            notes.append(
                _(
                    "%(count)d records came without a Status; they were taken in as open and "
                    'marked "status not given by the source" for a clerk to review.'
                )
                % {"count": result.status_not_given}
            )
        if result.related:
            counts = ", ".join(
                f"{kind} {number}" for kind, number in sorted(result.related.items())
            )
            notes.append(_("Related entities taken over: %(counts)s.") % {"counts": counts})
        if result.dated_from_change:
            notes.append(
                _(
                    "%(count)d fulfilled records came without a fulfilment date; the day of their "
                    "last change at the source (GewijzigdOp) was taken."
                )
                % {"count": result.dated_from_change}
            )
        if result.made_on_moved:
            listed = ", ".join(result.made_on_moved[:LISTED])
            more = len(result.made_on_moved) - LISTED
            notes.append(
                _(
                    "%(count)d records have a due date before the date they were made; that date "
                    "was moved back to the due date: %(numbers)s%(more)s."
                )
                % {
                    "count": len(result.made_on_moved),
                    "numbers": listed,
                    "more": _(" and %(more)d more") % {"more": more} if more > 0 else "",
                }
            )
        return notes


def sync_point(result) -> str:
    """The sync point (the latest ApiGewijzigdOp taken in) in local time."""
    if result.sync_point is None:
        return _("none")
    return timezone.localtime(result.sync_point).isoformat()
