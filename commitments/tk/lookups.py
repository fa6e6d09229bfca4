"""Finding or making what a chunk of the register's records names: ministries, officials and
the source documents (debates) the commitments were made in.

One query or two per kind for a whole chunk rather than one per record; used by
`commitments.tk.sync.PageLander` inside the page's transaction.
"""

import datetime

from simple_history.utils import bulk_create_with_history

from commitments.models import Document, Official
from commitments.tk.ministries import MinistryMatcher
from commitments.tk.records import Record

# As in sync.py: well within the parameter limits of SQLite and PostgreSQL.
BATCH_SIZE = 500
IMPORT_REASON = "Imported from the Tweede Kamer's open data (Toezegging)"


class ChunkLookups:
    """The ministries, officials and source documents a chunk's records name, found or made
    with a query or two per kind rather than one per record."""

    def __init__(self, records: list[Record], *, ministries: MinistryMatcher, user):
        self.ministries = {
            record.ministry: ministries.resolve(record.ministry) for record in records
        }
        self.officials = self._officials(records)
        self.documents = self._documents(records, user=user)

    def official(self, record: Record):
        if not record.official_name:
            return None
        return self.officials[(record.official_name, record.official_function)]

    def _officials(self, records: list[Record]) -> dict:
        wanted = {
            (record.official_name, record.official_function): self.ministries[record.ministry]
            for record in records
            if record.official_name
        }
        names = {name for name, _function in wanted}
        found = {
            (official.name, official.function): official
            for official in Official.objects.filter(name__in=names)
        }
        missing = [
            Official(name=name, function=function, ministry=ministry)
            for (name, function), ministry in wanted.items()
            if (name, function) not in found
        ]
        for official in Official.objects.bulk_create(missing):
            found[(official.name, official.function)] = official
        return found

    def _documents(self, records: list[Record], *, user) -> dict:
        """The debate (or other activity) each commitment was made in, as a document."""
        first_day: dict[str, datetime.date] = {}
        for record in records:
            if record.activity_number:
                day = first_day.get(record.activity_number, record.made_on)
                first_day[record.activity_number] = min(day, record.made_on)
        found = {
            document.tk_activity_number: document
            for document in Document.objects.filter(tk_activity_number__in=list(first_day))
        }
        missing = [
            Document(
                kind=Document.Kind.DEBATE,
                date=day,
                title=f"Activiteit {number}",
                tk_activity_number=number,
            )
            for number, day in first_day.items()
            if number not in found
        ]
        if missing:
            created = bulk_create_with_history(
                missing,
                Document,
                batch_size=BATCH_SIZE,
                default_user=user,
                default_change_reason=IMPORT_REASON,
            )
            found |= {document.tk_activity_number: document for document in created}
        return found
