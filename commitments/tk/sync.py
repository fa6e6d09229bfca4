"""Importing the Tweede Kamer's register of commitments (open-data entity `Toezegging`).

The source is read a page at a time (`odata`), each record is checked (`toezegging`), and each
page is taken over in one transaction, together with the sync point (`TkSync`): the latest
`GewijzigdOp` among the pages that landed. A page that cannot be read or holds a record we cannot
take over stops the import before that page touches the database; the pages before it stay, and
so does the sync point they moved. A source that keeps linking to pages that bring nothing new,
or to more than `TK_MAX_PAGES` pages, stops the import the same way. With `since`, a URL is asked
only for records changed since the sync point, oldest first, so the next run starts where the last
one stopped.

Taking a record over:
- Records are matched on the source's Id (`tk_id`). A new Id becomes a commitment numbered with
  the source's `Nummer`, which is reserved in our counter so that our own numbering never hands
  it out. A `Nummer` that one of our other commitments already has stops the import: two
  commitments cannot share a public reference, and which of them should give way is for a clerk
  to say.
- A record we have is taken over only when the source has a newer version of it (a later
  `GewijzigdOp` than the version we took over, `source_changed_at`) or when it was deleted or
  restored there. Running the import again therefore changes nothing, and a clerk's correction
  of an imported commitment stays until the source changes that record again. A newer version
  that changes none of our fields writes no audit entry either.
- Changes land in the audit trail with the source as their author: the inactive account
  `tweedekamer-opendata`, made on first use.
- `Verwijderd` marks ours withdrawn (`withdrawn_from_source`); nothing is deleted.
- A fulfilled record has no fulfilment date in the source: we take the day of its `GewijzigdOp`,
  the closest the source comes (the count is reported). A due date before the creation date
  moves `made_on` back to the due date; the audit entry and the report say so.
- Ministries are recognised in free text (`ministries`), officials are found or made by name and
  function, and `ActiviteitNummer` becomes the source document (a debate) of the commitment.

Pages are taken over in chunks, each with one query for the commitments it concerns and bulk
writes with their audit rows, so a large register imports at thousands of records a second.
"""

import dataclasses
import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import DataError, IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from commitments.models import Commitment, TkSync
from commitments.models.commitments import precision_of
from commitments.references import format_tz_number, parse_tz_number
from commitments.services.history import bulk_update_with_history
from commitments.services.numbering import reserve_number
from commitments.tk import reader as odata
from commitments.tk.lookups import ChunkLookups
from commitments.tk.ministries import MinistryMatcher
from commitments.tk.records import (
    SUMMARY_LENGTH,
    Record,
    RecordError,
    local_zone,
    parse_record,
    summarise,
)

SOURCE_USERNAME = "tweedekamer-opendata"
IMPORT_REASON = "Imported from the Tweede Kamer's open data (Toezegging)"
MADE_ON_MOVED_REASON = (
    f"{IMPORT_REASON}; made on set to the due date, which the source gives before the date the "
    "commitment was made"
)
# Records per query and bulk write: well within the parameter limits of SQLite and PostgreSQL.
CHUNK_SIZE = 1000
BATCH_SIZE = 500
# The fields that follow the source whenever it changes a record.
IMPORTED_FIELDS = [
    "number",
    "text",
    "summary",
    "status",
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
    "withdrawn_from_source",
    "source_changed_at",
    "updated_at",
]
LONG_AGO = datetime.datetime.min.replace(tzinfo=datetime.UTC)


@dataclasses.dataclass
class Tally:
    """What happened to the records of one page, or of a whole import."""

    records: int = 0
    created: int = 0
    updated: int = 0
    withdrawn: int = 0
    unchanged: int = 0
    skipped: int = 0
    dated_from_change: int = 0
    made_on_moved: list[str] = dataclasses.field(default_factory=list)

    def add(self, other: "Tally") -> None:
        for field in dataclasses.fields(Tally):
            setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))


@dataclasses.dataclass
class ImportResult(Tally):
    source: str = ""
    pages: int = 0
    sync_point: datetime.datetime | None = None


class ImportStopped(Exception):
    """The import stopped; `result` tells what landed before, `retryable` whether trying again
    later may help (the network failed, the data did not)."""

    def __init__(self, message: str, *, result: ImportResult, retryable: bool = False):
        super().__init__(message)
        self.result = result
        self.retryable = retryable


def source_user():
    """The author of imported changes in the audit trail: an account nobody can log in with."""
    user, created = get_user_model()._default_manager.get_or_create(
        username=SOURCE_USERNAME,
        defaults={"is_active": False, "first_name": "Tweede Kamer", "last_name": "open data"},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def import_toezeggingen(*, source: str, since: bool = False, on_page=None) -> ImportResult:
    """Import `source` (a file, or an http(s) URL), page by page; see the module docstring.

    `on_page(page, tally)` is called after each page has landed. Raises ImportStopped.
    """
    result = ImportResult(source=source)
    try:
        url = odata.source_url(source)
    except odata.SourceError as error:
        raise ImportStopped(str(error), result=result) from error
    if len(url) > TkSync._meta.get_field("source_url").max_length:
        raise ImportStopped(
            _("The source's URL is too long to keep a sync point for."), result=result
        )
    sync = TkSync.objects.get_or_create(source_url=url)[0]
    result.source, result.sync_point = url, sync.last_changed_at
    start = url
    if since and sync.last_changed_at is not None and odata.is_network(url):
        start = odata.changed_since(url, sync.last_changed_at)
    user = source_user()
    try:
        for page in odata.read_pages(
            start, timeout=settings.TK_ODATA_TIMEOUT, max_pages=settings.TK_MAX_PAGES
        ):
            tally, result.sync_point = land_page(page, sync=sync, user=user)
            result.pages += 1
            result.add(tally)
            if on_page is not None:
                on_page(page, tally)
    except (odata.SourceError, RecordError) as error:
        retryable = isinstance(error, odata.SourceUnavailable)
        raise ImportStopped(str(error), result=result, retryable=retryable) from error
    return result


def land_page(page: odata.Page, *, sync: TkSync, user) -> tuple[Tally, datetime.datetime | None]:
    """Take one page over in one transaction, with the sync point; return its tally and the
    sync point after it. Nothing of the page lands when any of it cannot."""
    where = _("page %(number)d") % {"number": page.number}
    records = read_records(page.records, where=where)
    try:
        with transaction.atomic():
            # Two imports at once (beat and a clerk) take turns page by page, so the second
            # finds the first one's records instead of creating them again.
            locked = TkSync.objects.select_for_update().get(pk=sync.pk)
            lander = PageLander(user=user, where=where)
            for start in range(0, len(records), CHUNK_SIZE):
                lander.land(records[start : start + CHUNK_SIZE])
            lander.reserve_numbers()
            latest = max((record.changed_at for record in records), default=None)
            if latest is not None and (
                locked.last_changed_at is None or latest > locked.last_changed_at
            ):
                locked.last_changed_at = latest
                locked.save(update_fields=["last_changed_at", "updated_at"])
    except (IntegrityError, DataError) as error:
        # The records were checked; this is the database refusing what checking missed.
        raise RecordError(
            _("Page %(number)d could not be saved: %(error)s")
            % {"number": page.number, "error": error}
        ) from error
    lander.tally.records = len(page.records)
    return lander.tally, locked.last_changed_at


def read_records(raw_records: list, *, where: str) -> list[Record]:
    """Check every record of a page; of one Id given twice, keep the later version."""
    records: dict = {}
    for raw in raw_records:
        record = parse_record(raw, where=where)
        earlier = records.get(record.tk_id)
        if earlier is None or record.changed_at >= earlier.changed_at:
            records[record.tk_id] = record
    numbers: dict[str, Record] = {}
    for record in records.values():
        other = numbers.setdefault(record.number, record) if record.complete else record
        if other is not record:
            raise RecordError(
                _("Records %(first)s and %(second)s on %(where)s have the same Nummer.")
                % {"first": other.label, "second": record.label, "where": where}
            )
    return list(records.values())


class PageLander:
    """Takes one page's records over, a chunk at a time, inside the page's transaction."""

    def __init__(self, *, user, where: str):
        self.user = user
        self.where = where
        self.ministries = MinistryMatcher()
        self.tally = Tally()
        # The highest sequence taken over per month, reserved in the counter at the end.
        self.highest: dict[str, int] = {}

    def land(self, records: list[Record]) -> None:
        by_id, by_number = self._existing(records)
        incoming = []
        for record in records:
            current = by_id.get(record.tk_id)
            if current is None and not record.complete:
                # A deletion of a record we never had: there is nothing of ours to withdraw.
                self.tally.skipped += 1
            elif current is None or is_news(record, current):
                self._check_number(record, by_number)
                incoming.append((record, current))
            else:
                self.tally.unchanged += 1
        if not incoming:
            return
        fresh = self._lock([current for _record, current in incoming if current is not None])
        references = ChunkLookups(
            [record for record, _current in incoming if record.complete],
            ministries=self.ministries,
            user=self.user,
        )
        created, updated, touched = [], [], []
        for record, current in incoming:
            current = fresh.get(current.pk) if current is not None else None
            values = self._values(record, current, references)
            if current is None:
                self._count(record, None)
                created.append(Commitment(tk_id=record.tk_id, **values))
            elif changes_anything(current, values):
                self._count(record, current)
                for name, value in values.items():
                    setattr(current, name, value)
                updated.append(current)
            else:
                current.source_changed_at = record.changed_at
                touched.append(current)
                self.tally.unchanged += 1
        self._write(created, updated, touched, {r.tk_id: r for r, _current in incoming})

    def _existing(self, records: list[Record]) -> tuple[dict, dict]:
        """Our commitments with these Ids, and those holding their numbers, in one query."""
        ids = [record.tk_id for record in records]
        numbers = [record.number for record in records if record.complete]
        found = list(Commitment.objects.filter(Q(tk_id__in=ids) | Q(number__in=numbers)))
        by_id = {commitment.tk_id: commitment for commitment in found if commitment.tk_id}
        return by_id, {commitment.number: commitment for commitment in found}

    def _lock(self, commitments: list[Commitment]) -> dict[int, Commitment]:
        """The commitments to change, read again under a row lock, so that a clerk's change made
        meanwhile is neither lost nor overwritten with what we read before it."""
        if not commitments:
            return {}
        locked = Commitment.objects.select_for_update().filter(
            pk__in=[commitment.pk for commitment in commitments]
        )
        return {commitment.pk: commitment for commitment in locked.order_by("pk")}

    def _check_number(self, record: Record, by_number: dict) -> None:
        holder = by_number.get(record.number)
        if record.complete and holder is not None and holder.tk_id != record.tk_id:
            raise RecordError(
                _(
                    "Record %(record)s on %(where)s: its number is already used by another "
                    "commitment; a clerk must decide which one keeps it."
                )
                % {"record": record.label, "where": self.where}
            )

    def _values(self, record: Record, current, references: ChunkLookups) -> dict:
        """Our fields as the record says they are, or for a bare deletion only the mark."""
        values = {"source_changed_at": record.changed_at, "withdrawn_from_source": record.deleted}
        if not record.complete:
            return values
        official = references.official(record)
        values |= {
            "number": record.number,
            "text": record.text,
            "summary": summary_for(record, current),
            "status": record.status,
            "made_on": record.made_on,
            "due_date": record.due_date,
            "due_precision": precision_for(record, current),
            "fulfilled_on": fulfilled_on_for(record, current),
            "ministry_id": references.ministries[record.ministry].pk,
            "official_id": official.pk if official else None,
        }
        if record.activity_number:
            values["source_id"] = references.documents[record.activity_number].pk
        if record.deadline_phrase is not None or current is None:
            values["deadline_phrase"] = record.deadline_phrase or ""
        # As Commitment.save() does: the first due date ever set is the one promised.
        if current is None or current.original_due_date is None:
            values["original_due_date"] = record.due_date
        if record.status not in Commitment.OPEN_STATUSES:
            values["overdue_since"] = None
        return values

    def _count(self, record: Record, current) -> None:
        """Count a record that will be written, before `current` takes its values."""
        if current is None:
            self.tally.created += 1
        else:
            self.tally.updated += 1
        if record.deleted and (current is None or not current.withdrawn_from_source):
            self.tally.withdrawn += 1
        if not record.complete:
            return
        if record.made_on_moved:
            self.tally.made_on_moved.append(record.number)
        dated = record.status == Commitment.Status.FULFILLED and record.fulfilled_on is None
        if dated and (current is None or current.fulfilled_on is None):
            self.tally.dated_from_change += 1
        tz_number = parse_tz_number(record.number)
        if tz_number is not None:
            period = tz_number.period
            self.highest[period] = max(self.highest.get(period, 0), tz_number.sequence)

    def _write(self, created, updated, touched, records: dict) -> None:
        """Bulk writes: new and changed commitments with one audit row each, by the source."""
        now = timezone.now()
        for commitment in [*created, *updated]:
            if records[commitment.tk_id].made_on_moved:
                commitment._change_reason = MADE_ON_MOVED_REASON
            commitment.updated_at = now
        history = {"default_user": self.user, "default_change_reason": IMPORT_REASON}
        if created:
            bulk_create_with_history(created, Commitment, batch_size=BATCH_SIZE, **history)
        if updated:
            # With the addressees a clerk gave the commitment, which the source does not know.
            bulk_update_with_history(
                updated,
                fields=IMPORTED_FIELDS,
                user=self.user,
                reason=IMPORT_REASON,
                batch_size=BATCH_SIZE,
            )
        if touched:
            # Only our note of which version we hold: not a change anyone needs to see.
            Commitment.objects.bulk_update(touched, ["source_changed_at"], batch_size=BATCH_SIZE)

    def reserve_numbers(self) -> None:
        """Move each month's counter past the highest number taken over: one upsert a month."""
        for period, sequence in sorted(self.highest.items()):
            reserve_number(format_tz_number(period=period, sequence=sequence))


def is_news(record: Record, current: Commitment) -> bool:
    """Whether the source has something we have not taken over yet."""
    newer = record.changed_at > (current.source_changed_at or LONG_AGO)
    return newer or record.deleted != current.withdrawn_from_source


def changes_anything(current: Commitment, values: dict) -> bool:
    """Whether `values` differ from ours in more than the version we hold."""
    return any(
        getattr(current, name) != value
        for name, value in values.items()
        if name != "source_changed_at"
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
