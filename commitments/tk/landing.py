"""Taking one page of the register's records over into our commitments, a chunk at a time.

Runs inside the page's transaction (commitments.tk.sync.land_page). Per chunk of records: one
query for the commitments they concern, the lookups of ministries, officials and source
documents (commitments.tk.lookups), and bulk writes with one audit row per changed commitment.
A chunk the database refuses as a whole (a constraint that checking missed) is taken over again
record by record, each in a savepoint of its own, and the records it still refuses are
quarantined with the database's message: one bad record never keeps the others out.

A record is refused (quarantined, see commitments.tk.quarantine) when:
- it names no ministry, neither in `Ministerie` nor in `Functie` (field "Ministerie");
- its `Nummer` is held by another commitment, one of the Chamber's with another Id or one of
  ours (field "Nummer"): two commitments cannot share a public reference, and which one keeps it
  is for a clerk to say;
- the database refuses it.

A record without `Functie` keeps its official, found by name (commitments.tk.lookups): clerks
chase a commitment through its owner, and the source names one; landing it without an official
would drop what the register says.
"""

import dataclasses
import datetime
import uuid

from django.db import DataError, IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from simple_history.utils import bulk_create_with_history

from commitments.models import Commitment
from commitments.models.commitments import precision_of
from commitments.references import parse_period_number
from commitments.services.history import bulk_update_with_history
from commitments.services.numbering import local_prefix, reserve_number
from commitments.tk.lookups import ChunkLookups
from commitments.tk.ministries import MinistryMatcher
from commitments.tk.quarantine import Refused
from commitments.tk.records import SUMMARY_LENGTH, Record, local_zone, summarise

# Stored in English in the audit trail; selectors.history translates them when they are shown.
IMPORT_REASON = gettext_noop("Imported from the Tweede Kamer's open data (Toezegging)")
MADE_ON_MOVED_REASON = gettext_noop(
    "Imported from the Tweede Kamer's open data (Toezegging); made on set to the due date, which "
    "the source gives before the date the commitment was made"
)
BATCH_SIZE = 500
# The fields that follow the source whenever it changes a record.
IMPORTED_FIELDS = [
    "number",
    "text",
    "summary",
    "status",
    "status_not_given",
    "made_on",
    "due_date",
    "due_precision",
    "deadline_phrase",
    "original_due_date",
    "fulfilled_on",
    "overdue_since",
    "official",
    "ministry",
    "source",
    "notes",
    "withdrawn_from_source",
    "source_changed_at",
    "source_api_changed_at",
    "source_created_at",
    "updated_at",
]
# Which version of the record we hold: written without an audit row when nothing else changed.
VERSION_FIELDS = ("source_changed_at", "source_api_changed_at")
LONG_AGO = datetime.datetime.min.replace(tzinfo=datetime.UTC)


@dataclasses.dataclass
class Outcome:
    """What happened to the records of a chunk, a page or a whole import."""

    records: int = 0
    created: int = 0
    updated: int = 0
    withdrawn: int = 0
    unchanged: int = 0
    skipped: int = 0
    quarantined: int = 0
    status_not_given: int = 0
    dated_from_change: int = 0
    made_on_moved: list[str] = dataclasses.field(default_factory=list)
    # Counts by kind of what commitments.tk.related took over.
    related: dict[str, int] = dataclasses.field(default_factory=dict)
    # What the page's transaction does next: kept for one page, not added up over a run.
    refused: list[Refused] = dataclasses.field(default_factory=list, repr=False)
    landed: list[tuple[dict, int]] = dataclasses.field(default_factory=list, repr=False)
    # The ids of the commitments this page created: their related entities complete their
    # creation's audit row rather than adding a second one.
    new: set[int] = dataclasses.field(default_factory=set, repr=False)
    # The ids of the commitments this page created or changed, each with an audit row of this
    # page's transaction: the overdue rule runs for them once the page has landed.
    written: set[int] = dataclasses.field(default_factory=set, repr=False)
    settled: list[uuid.UUID] = dataclasses.field(default_factory=list, repr=False)
    ours: dict[str, int] = dataclasses.field(default_factory=dict, repr=False)

    def add(self, other: "Outcome", *, page: bool = True) -> None:
        """Add `other`'s counts; with `page`, also what its page's transaction needs."""
        for field in dataclasses.fields(Outcome):
            mine, theirs = getattr(self, field.name), getattr(other, field.name)
            if field.name == "ours":
                for period, sequence in theirs.items():
                    mine[period] = max(mine.get(period, 0), sequence)
            elif isinstance(mine, dict):
                for kind, number in theirs.items():
                    mine[kind] = mine.get(kind, 0) + number
            elif isinstance(mine, set):
                if page:
                    mine |= theirs
            elif field.repr or page:
                setattr(self, field.name, mine + theirs)

    def refuse(self, record: Record, *, field: str, reason: str) -> None:
        self.refused.append(Refused.of(record.raw, field=field, reason=reason))
        self.quarantined += 1


class PageLander:
    """Takes one page's records over, a chunk at a time, inside the page's transaction; the
    outcome of each chunk that landed is added to `outcome`."""

    def __init__(self, *, user):
        self.user = user
        self.ministries = MinistryMatcher()
        self.outcome = Outcome()

    def land(self, records: list[Record]) -> None:
        """Land a chunk in a savepoint; when the database refuses it, record by record."""
        try:
            with transaction.atomic():
                outcome = self._land(records)
        except (IntegrityError, DataError):
            # Ministries made in the rolled-back savepoint are gone: forget them.
            self.ministries = MinistryMatcher()
            for record in records:
                self.outcome.add(self._land_alone(record))
            return
        self.outcome.add(outcome)

    def _land_alone(self, record: Record) -> Outcome:
        try:
            with transaction.atomic():
                return self._land([record])
        except (IntegrityError, DataError) as error:
            self.ministries = MinistryMatcher()
            refused = Outcome()
            refused.refuse(
                record,
                field="",
                reason=_("The database refused it: %(error)s") % {"error": error},
            )
            return refused

    def _land(self, records: list[Record]) -> Outcome:
        outcome = Outcome()
        by_id, by_number = existing(records)
        incoming = []
        for record in records:
            current = by_id.get(record.tk_id)
            if current is None and not record.complete:
                # A deletion of a record we never had: there is nothing of ours to withdraw.
                outcome.skipped += 1
                outcome.settled.append(record.tk_id)
            elif current is not None and not is_news(record, current):
                outcome.unchanged += 1
                outcome.settled.append(record.tk_id)
            elif (problem := number_taken(record, by_number)) is not None:
                outcome.refuse(record, field="Nummer", reason=problem)
            else:
                incoming.append((record, current))
        if incoming:
            self._take_over(incoming, outcome)
        return outcome

    def _take_over(self, incoming: list, outcome: Outcome) -> None:
        fresh = lock([current for _record, current in incoming if current is not None])
        lookups = ChunkLookups(
            [record for record, _current in incoming if record.complete],
            ministries=self.ministries,
            user=self.user,
        )
        created, updated, touched = [], [], []
        for record, current in incoming:
            current = fresh.get(current.pk) if current is not None else None
            ministry = lookups.ministry(record) if record.complete else None
            if record.complete and ministry is None:
                outcome.refuse(
                    record,
                    field="Ministerie",
                    reason=_("Neither Ministerie nor Functie names a ministry we know."),
                )
                continue
            values = values_for(record, current, lookups, ministry)
            if current is None:
                count(outcome, record, None)
                created.append(Commitment(tk_id=record.tk_id, **values))
            elif changes_anything(current, values):
                count(outcome, record, current)
                for name, value in values.items():
                    setattr(current, name, value)
                updated.append(current)
            else:
                for name in VERSION_FIELDS:
                    setattr(current, name, values[name])
                touched.append(current)
                outcome.unchanged += 1
        records = {record.tk_id: record for record, _current in incoming}
        write(created, updated, touched, records, user=self.user)
        outcome.new.update(commitment.pk for commitment in created)
        outcome.written.update(commitment.pk for commitment in [*created, *updated])
        for commitment in [*created, *updated, *touched]:
            record = records[commitment.tk_id]
            outcome.landed.append((record.raw, commitment.pk))
            outcome.settled.append(record.tk_id)
            ours = parse_period_number(record.number, prefix=local_prefix())
            if ours is not None:
                outcome.ours[ours.period] = max(outcome.ours.get(ours.period, 0), ours.sequence)


def reserve_ours(highest: dict[str, int]) -> None:
    """Move our counter past numbers of our own series read back in (an export of ours
    imported elsewhere); the Chamber's numbers never touch it. One upsert a month."""
    prefix = local_prefix()
    for period, sequence in sorted(highest.items()):
        reserve_number(f"{prefix}{period}-{sequence:03d}")


def existing(records: list[Record]) -> tuple[dict, dict]:
    """Our commitments with these Ids, and those holding their numbers, in one query."""
    ids = [record.tk_id for record in records]
    numbers = [record.number for record in records if record.complete]
    found = list(Commitment.objects.filter(Q(tk_id__in=ids) | Q(number__in=numbers)))
    by_id = {commitment.tk_id: commitment for commitment in found if commitment.tk_id}
    return by_id, {commitment.number: commitment for commitment in found}


def lock(commitments: list[Commitment]) -> dict[int, Commitment]:
    """The commitments to change, read again under a row lock, so that a clerk's change made
    meanwhile is neither lost nor overwritten with what we read before it."""
    if not commitments:
        return {}
    locked = Commitment.objects.select_for_update().filter(
        pk__in=[commitment.pk for commitment in commitments]
    )
    return {commitment.pk: commitment for commitment in locked.order_by("pk")}


def number_taken(record: Record, by_number: dict) -> str | None:
    """Why the record's number cannot be its own, or None when it can."""
    holder = by_number.get(record.number)
    if not record.complete or holder is None or holder.tk_id == record.tk_id:
        return None
    if holder.tk_id is None:
        return _("Nummer %(number)s is the number of a commitment registered here.") % {
            "number": record.number
        }
    return held_by_another(record.number, holder.tk_id)


def held_by_another(number: str, holder: uuid.UUID) -> str:
    """The reason a record whose number another record of the register has is refused: the
    same whether the other landed before or stands earlier on the same page, so that seeing
    the record again writes nothing new."""
    return _(
        "Nummer %(number)s is already the number of another record of the register (Id "
        "%(id)s); a clerk must decide which one keeps it."
    ) % {"number": number, "id": holder}


def values_for(record: Record, current, lookups: ChunkLookups, ministry) -> dict:
    """Our fields as the record says they are, or for a bare deletion only the mark."""
    values = {
        "source_changed_at": record.changed_at,
        "source_api_changed_at": record.api_changed_at,
        "withdrawn_from_source": record.deleted,
    }
    if not record.complete:
        return values
    official = lookups.official(record)
    source = lookups.source(record)
    values |= {
        "number": record.number,
        "text": record.text,
        "summary": summary_for(record, current),
        "status": record.status,
        "status_not_given": record.status_not_given,
        "made_on": record.made_on,
        "due_date": record.due_date,
        "due_precision": precision_for(record, current),
        "fulfilled_on": fulfilled_on_for(record, current),
        "ministry_id": ministry.pk,
        "official_id": official.pk if official else None,
        "notes": record.notes,
        "source_created_at": record.created_at,
    }
    if source is not None:
        values["source_id"] = source.pk
    if record.deadline_phrase is not None or current is None:
        values["deadline_phrase"] = record.deadline_phrase or ""
    # As Commitment.save() does: the first due date ever set is the one promised.
    if current is None or current.original_due_date is None:
        values["original_due_date"] = record.due_date
    if record.status not in Commitment.OPEN_STATUSES:
        values["overdue_since"] = None
    return values


def count(outcome: Outcome, record: Record, current) -> None:
    """Count a record that will be written, before `current` takes its values."""
    if current is None:
        outcome.created += 1
    else:
        outcome.updated += 1
    if record.deleted and (current is None or not current.withdrawn_from_source):
        outcome.withdrawn += 1
    if not record.complete:
        return
    outcome.status_not_given += record.status_not_given
    if record.made_on_moved:
        outcome.made_on_moved.append(record.number)
    dated = record.status == Commitment.Status.FULFILLED and record.fulfilled_on is None
    if dated and (current is None or current.fulfilled_on is None):
        outcome.dated_from_change += 1


def write(created, updated, touched, records: dict, *, user) -> None:
    """Bulk writes: new and changed commitments with one audit row each, by the source."""
    now = timezone.now()
    for commitment in [*created, *updated]:
        if records[commitment.tk_id].made_on_moved:
            commitment._change_reason = MADE_ON_MOVED_REASON
        commitment.updated_at = now
    history = {"default_user": user, "default_change_reason": IMPORT_REASON}
    if created:
        bulk_create_with_history(created, Commitment, batch_size=BATCH_SIZE, **history)
    if updated:
        # With the addressees a clerk gave the commitment, which the source does not know.
        bulk_update_with_history(
            updated,
            fields=IMPORTED_FIELDS,
            user=user,
            reason=IMPORT_REASON,
            batch_size=BATCH_SIZE,
        )
    if touched:
        # Only our note of which version we hold: not a change anyone needs to see.
        Commitment.objects.bulk_update(touched, list(VERSION_FIELDS), batch_size=BATCH_SIZE)


def is_news(record: Record, current: Commitment) -> bool:
    """Whether the source has something we have not taken over yet: a later change, a later
    arrival in the API (its related entities may have changed), or a deletion or restoration."""
    newer = record.changed_at > (current.source_changed_at or LONG_AGO)
    arrived = record.api_changed_at is not None and record.api_changed_at > (
        current.source_api_changed_at or LONG_AGO
    )
    return newer or arrived or record.deleted != current.withdrawn_from_source


def changes_anything(current: Commitment, values: dict) -> bool:
    """Whether `values` differ from ours in more than the version we hold."""
    return any(
        getattr(current, name) != value
        for name, value in values.items()
        if name not in VERSION_FIELDS
    )


def summary_for(record: Record, current) -> str:
    """Ours when we exported it; otherwise the text, shortened, unless a clerk wrote one."""
    if record.summary:
        return (
            record.summary if len(record.summary) <= SUMMARY_LENGTH else summarise(record.summary)
        )
    if current is None:
        return summarise(record.text)
    if current.text != record.text and current.summary == summarise(current.text):
        return summarise(record.text)
    return current.summary


def precision_for(record: Record, current) -> str:
    """The source gives days; a precision we exported, or one a clerk set for the same date,
    is kept. Without a date there is no precision."""
    keeps_ours = current is not None and current.due_date == record.due_date
    if record.due_precision in (None, Commitment.Precision.NONE) and keeps_ours:
        return precision_of(record.due_date, current.due_precision)
    return precision_of(record.due_date, record.due_precision)


def fulfilled_on_for(record: Record, current) -> datetime.date | None:
    """The source has no fulfilment date. We keep one we exported or already had; a fulfilled
    record without one gets the day of its last change. Never before the day it was made."""
    if record.status == Commitment.Status.OPEN:
        return None
    day = record.fulfilled_on or (current.fulfilled_on if current is not None else None)
    if day is None and record.status == Commitment.Status.FULFILLED:
        day = record.changed_at.astimezone(local_zone()).date()
    return max(day, record.made_on) if day is not None else None
