"""Finding or making what a chunk of the register's records names: their ministries, officials
and source documents (the debates the commitments were made in).

A fixed number of queries per chunk, whatever its size: the ministries and their aliases are read
once per page (`MinistryMatcher`), all officials once per chunk (a table of hundreds), the debates
named by the chunk once, and whatever is missing is made in one bulk insert per kind. Used by
`commitments.tk.sync.PageLander` inside the page's transaction.

Ministry (`ChunkLookups.ministry`): from `Ministerie`, else from the ministry named in `Functie`,
through `MinistryAlias` and the sourced posts and renamings (`commitments.tk.ministries`); None
when neither names one we know or may make: the import quarantines that record.

Officials (`ChunkLookups.official`): the Chamber's `Naam` and `Functie`, compared without case,
accents or extra spaces ("Minister van Financiën", "minister van financiën" and "Minister van
Financien" are one official). Each (name, function) is one official row, whose ministry is the
one its function names: a person who moves from state secretary to minister has two rows, each
with the ministry of that post, so an official's ministry follows their function at the time and
not the last record read. When the function names no ministry ("Minister voor" a post nobody has
mapped yet), the row takes the ministry of the earliest record that names it. `Voornaam` and
`Titulatuur` follow the latest record that gives them. A record without `Functie` is the
official of that name when exactly one official has that name; otherwise the official of that
name without a function, made when missing (with the record's ministry).

Source documents (`ChunkLookups.source`): `ActiviteitNummer` is a debate, one `Document` per
number; with the `Activiteit` expanded it is titled by its `Onderwerp` and dated by its `Datum`
(a debate made before the expansion was read is retitled when it still has the placeholder
title), otherwise "Activiteit <number>" on the earliest day a chunk's record was made in it.
"""

import datetime
import unicodedata

from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from commitments.models import Document, Ministry, Official
from commitments.tk.chamber import day_of, expanded
from commitments.tk.ministries import MinistryMatcher
from commitments.tk.records import Record
from commitments.tk.related import IMPORT_REASON

# As in sync.py: well within the parameter limits of SQLite and PostgreSQL.
BATCH_SIZE = 500
TITLE_LENGTH = Document._meta.get_field("title").max_length


def fold(text: str) -> str:
    """A name or function as it is compared: no case, accents or runs of spaces."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())


def placeholder_title(number: str) -> str:
    return f"Activiteit {number}"


class ChunkLookups:
    """The ministries, officials and source documents of one chunk's (complete) records."""

    def __init__(self, records: list[Record], *, ministries: MinistryMatcher, user):
        self._matcher = ministries
        self._ministries: dict[tuple[str, str], Ministry | None] = {}
        for record in records:
            key = (record.ministry, record.official_function)
            if key not in self._ministries:
                self._ministries[key] = ministries.for_record(*key)
        self.officials = Officials(records, lookups=self)
        self.documents = self._documents(records, user=user)

    def ministry(self, record: Record) -> Ministry | None:
        """From `Ministerie`, else from `Functie`; None when neither names a ministry."""
        return self._ministries[(record.ministry, record.official_function)]

    def function_ministry(self, function: str) -> Ministry | None:
        """The ministry a function names, found through the page's matcher."""
        key = ("", function)
        if key not in self._ministries:
            self._ministries[key] = self._matcher.for_record(*key)
        return self._ministries[key]

    def official(self, record: Record) -> Official | None:
        """The official who made the commitment; None without a name, or when no ministry is
        known for an official we would have to make."""
        return self.officials.of(record)

    def source(self, record: Record) -> Document | None:
        """The debate (`ActiviteitNummer`) the commitment was made in, if the record names one."""
        return self.documents.get(record.activity_number) if record.activity_number else None

    def _documents(self, records: list[Record], *, user) -> dict[str, Document]:
        """The debates the chunk's records were made in, by activity number: found, retitled
        when the expansion now tells us more than the placeholder, or made."""
        wanted: dict[str, tuple[str, datetime.date]] = {}
        for record in records:
            number = record.activity_number
            if not number:
                continue
            title, day = debate_details(record, number)
            earlier = wanted.get(number)
            if earlier is not None and title == placeholder_title(number):
                title = earlier[0]
            wanted[number] = (title, day if earlier is None else min(day, earlier[1]))
        found = {
            document.tk_activity_number: document
            for document in Document.objects.filter(tk_activity_number__in=list(wanted))
        }
        history = {"default_user": user, "default_change_reason": IMPORT_REASON}
        retitled = []
        for number, document in found.items():
            title, day = wanted[number]
            if document.title == placeholder_title(number) and title != document.title:
                document.title, document.date = title, day
                retitled.append(document)
        if retitled:
            bulk_update_with_history(
                retitled, Document, ["title", "date"], batch_size=BATCH_SIZE, **history
            )
        missing = [
            Document(kind=Document.Kind.DEBATE, date=day, title=title, tk_activity_number=number)
            for number, (title, day) in wanted.items()
            if number not in found
        ]
        if missing:
            created = bulk_create_with_history(missing, Document, batch_size=BATCH_SIZE, **history)
            found |= {document.tk_activity_number: document for document in created}
        return found


def debate_details(record: Record, number: str) -> tuple[str, datetime.date]:
    """The title and day of debate `number`: its `Onderwerp` and `Datum` when the record's
    `Activiteit` is expanded, else the placeholder title and the day the record was made."""
    for activity in expanded(record.raw, "Activiteit"):
        if activity.get("Nummer") == number:
            title = (activity.get("Onderwerp") or "").strip() or placeholder_title(number)
            return title[:TITLE_LENGTH], day_of(activity.get("Datum")) or record.made_on
    return placeholder_title(number), record.made_on


class Officials:
    """The officials of a chunk's records, found or made in one read and at most one insert and
    one update (see the module docstring for the rules)."""

    def __init__(self, records: list[Record], *, lookups: ChunkLookups):
        self.lookups = lookups
        self.by_key: dict[tuple[str, str], Official] = {}
        self.by_name: dict[str, list[Official]] = {}
        self.nameless_function: dict[str, Official] = {}
        for official in Official.objects.order_by("pk"):
            self._remember(official)
        named = [record for record in records if record.official_name]
        with_function = [record for record in named if record.official_function]
        created = self._make(with_function, lambda record: self._key(record))
        changed = self._follow(with_function)
        without = [record for record in named if not record.official_function]
        created += self._make(without, self._by_name_alone)
        if created:
            for official in Official.objects.bulk_create(created, batch_size=BATCH_SIZE):
                self._remember(official)
        if changed:
            Official.objects.bulk_update(
                changed, ["ministry", "first_name", "title"], batch_size=BATCH_SIZE
            )

    def of(self, record: Record) -> Official | None:
        if not record.official_name:
            return None
        if record.official_function:
            return self.by_key.get(self._key(record))
        return self.nameless_function.get(fold(record.official_name))

    @staticmethod
    def _key(record: Record) -> tuple[str, str]:
        return (fold(record.official_name), fold(record.official_function))

    def _remember(self, official: Official) -> None:
        key = (fold(official.name), fold(official.function))
        if key not in self.by_key:
            self.by_key[key] = official
            self.by_name.setdefault(key[0], []).append(official)
        if not official.function:
            self.nameless_function.setdefault(key[0], official)

    def _by_name_alone(self, record: Record) -> tuple[str, str] | None:
        """A record without `Functie`: the one official of that name, or the one without a
        function. Returns the key to make when there is neither, None when one was found."""
        name = fold(record.official_name)
        if name in self.nameless_function:
            return None
        officials = self.by_name.get(name, [])
        if len(officials) == 1:
            self.nameless_function[name] = officials[0]
            return None
        return (name, "")

    def _make(self, records: list[Record], key_of) -> list[Official]:
        """Unsaved officials for the keys no official has yet, one per key, with the ministry
        its function names, else the one of the earliest record that names it, and the first
        name and form of address of the latest record that gives them."""
        new: dict[tuple[str, str], Official] = {}
        for record in sorted(records, key=lambda record: (record.made_on, str(record.tk_id))):
            key = key_of(record)
            if key is None or key in self.by_key or key in new:
                continue
            ministry = self.lookups.function_ministry(record.official_function)
            ministry = ministry or self.lookups.ministry(record)
            if ministry is None:
                continue
            new[key] = Official(
                name=record.official_name,
                function=record.official_function,
                ministry=ministry,
                first_name=record.official_first_name,
                title=record.official_title,
            )
        for record in sorted(records, key=lambda record: record.changed_at):
            official = new.get(key_of(record) or ("", ""))
            if official is not None:
                official.first_name = record.official_first_name or official.first_name
                official.title = record.official_title or official.title
        for key, official in new.items():
            self.by_key[key] = official
            self.by_name.setdefault(key[0], []).append(official)
            if not key[1]:
                self.nameless_function[key[0]] = official
        return list(new.values())

    def _follow(self, records: list[Record]) -> list[Official]:
        """Officials we had whose function now names another ministry, or whose first name or
        form of address the latest record gives otherwise."""
        changed: dict[int, Official] = {}
        latest = sorted(records, key=lambda record: record.changed_at)
        for record in latest:
            official = self.by_key[self._key(record)]
            if official.pk is None:
                continue
            ministry = self.lookups.function_ministry(official.function)
            updates = {
                "ministry_id": ministry.pk if ministry else official.ministry_id,
                "first_name": record.official_first_name or official.first_name,
                "title": record.official_title or official.title,
            }
            if any(getattr(official, name) != value for name, value in updates.items()):
                for name, value in updates.items():
                    setattr(official, name, value)
                changed[official.pk] = official
        return list(changed.values())
