"""Importing the Tweede Kamer's register of commitments (open-data entity `Toezegging`).

The source is read a page at a time (commitments.tk.reader), each record is checked
(commitments.tk.records) and each page is taken over in one transaction (`land_page`), together
with where the sync has got to (`TkSync`). Record by record: a record we cannot take in is
quarantined with the field at fault and why (commitments.tk.quarantine, shown to clerks in the
admin) and the rest of its page lands; the sync point never moves past a record that neither
landed nor was quarantined, because both happen in the transaction that moves it.

Runs, and where they start (`import_toezeggingen`):
- The first run of a source is a full run: every record, oldest arrival in the API first
  (`$orderby=ApiGewijzigdOp`), with the related entities expanded (reader.EXPAND). After each
  page, `TkSync.resume_url` holds the link to the next one, so a run that stops (a network
  failure, a killed worker) is continued by the next run with `since` from the page it did not
  finish: nothing is read twice that landed and nothing is lost. The run that reads the last
  page sets `full_sync_done_at`.
- After that, a run with `since` (the nightly task's) is incremental: it asks only for records
  that reached the API (`ApiGewijzigdOp`, not `GewijzigdOp`: a record can reach the API hours or
  months after its `GewijzigdOp`, FACTS.md) at or after the sync point minus TK_SYNC_OVERLAP, in
  the same order, so a record that appears late with an old `GewijzigdOp` is still read. The
  sync point is the latest `ApiGewijzigdOp` among the records that landed or were quarantined.
  The overlap reads the last hours again (it changes nothing) so that records the source stamped
  before the sync point but published after a run had read past them are not lost.
- A run without `since` reads the whole source from its first page (a clerk's re-import).
- A file is read as it is, whole, in the order it has; `since` only resumes its first run.
- A later run that stops is continued from the sync point, which its ordered pages moved no
  further than what landed. A link to resume from that leads nowhere any more (a `$skiptoken`
  the source forgot) starts the full run again from the first page.

Loop guards: a page that brings no record this run has not read yet but links on, more than
TK_MAX_PAGES pages (both commitments.tk.reader), and in a run that asked for the sync's order, a
page that links on without moving the sync point forward (the source is not paging in the order
asked, and following it could go on for ever). Each stops the run, keeping what landed.

At the end of a run that read its last page, the source's records quarantined for their ministry
or their number are tried again as they were served (a clerk may meanwhile have added the
ministry alias or renumbered the commitment that held the number); those that still cannot land
stay as they are, unwritten.

Taking a record over (commitments.tk.landing): matched on the source's Id (`tk_id`); a record
we hold is taken over only when the source has a newer version (a later `GewijzigdOp` or
`ApiGewijzigdOp`) or deleted or restored it, so running the import again writes nothing, and a
clerk's correction stays until the source changes that record again. Changes land in the audit
trail with the source as their author (the inactive account `tweedekamer-opendata`). After the
records of a page landed, its related entities are taken over in the same transaction
(commitments.tk.related: the members and parties it was made to, the fulfilling letter, the
debate and its committee, and the links between commitments, pending until their target lands).
"""

import dataclasses
import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commitments.models import TkSync
from commitments.services.overdue import refresh_overdue
from commitments.tk import quarantine
from commitments.tk import reader as odata
from commitments.tk.landing import Outcome, PageLander, held_by_another, reserve_ours
from commitments.tk.quarantine import Refused
from commitments.tk.records import Record, RecordError, parse_record
from commitments.tk.related import resolve_pending_links, take_related

logger = logging.getLogger(__name__)

SOURCE_USERNAME = "tweedekamer-opendata"
# The quarantine's fields whose records are tried again at the end of each run.
RETRIED = ("Ministerie", "Nummer")
# Records per query and bulk write: well within the parameter limits of SQLite and PostgreSQL.
CHUNK_SIZE = 1000


@dataclasses.dataclass
class ImportResult(Outcome):
    """What one run did: its counts, and where the sync stands after it."""

    source: str = ""
    pages: int = 0
    sync_point: datetime.datetime | None = None
    full: bool = False
    retried: int = 0


class ImportStopped(Exception):
    """The import stopped; `result` tells what landed before, `retryable` whether trying again
    later may help (the network failed, the data did not)."""

    def __init__(self, message: str, *, result: ImportResult, retryable: bool = False):
        super().__init__(message)
        self.result = result
        self.retryable = retryable


@dataclasses.dataclass
class ReadPage:
    """A page's records checked: those we can try to land, those refused already, and the
    latest arrival (`ApiGewijzigdOp`) and change (`GewijzigdOp`) among all of them."""

    records: list[Record]
    refused: list[Refused]
    latest_arrival: datetime.datetime | None
    latest_change: datetime.datetime | None
    size: int


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

    `on_page(page, outcome)` is called after each page has landed. Raises ImportStopped.
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
    result.source, result.sync_point = url, sync.last_api_changed_at
    start, ordered, result.full = starting_point(url, sync, since=since)
    # Only the first full run is resumed from a link: any later run that stops is continued
    # from the sync point, which its ordered pages moved no further than what landed.
    first = result.full and sync.full_sync_done_at is None
    run = Run(sync=sync, user=source_user(), result=result, first=first, on_page=on_page)
    try:
        try:
            run.read(start, ordered=ordered)
        except odata.SourceError as error:
            resumed = since and start == sync.resume_url
            if not resumed or run.result.pages or isinstance(error, odata.SourceUnavailable):
                raise
            # The link to resume from leads nowhere any more (a $skiptoken the source no longer
            # knows): the full run starts again from the first page. What landed stays, and
            # reading it again writes nothing.
            logger.warning("The Tweede Kamer sync cannot resume (%s); it starts again", error)
            start, ordered = odata.sync_url(url)
            run.read(start, ordered=ordered)
    except odata.SourceError as error:
        retryable = isinstance(error, odata.SourceUnavailable)
        raise ImportStopped(str(error), result=result, retryable=retryable) from error
    result.retried = retry_quarantined(sync, user=run.user)
    return result


@dataclasses.dataclass
class Run:
    """One run's reading of the source: its pages, each landed with the sync point."""

    sync: TkSync
    user: object
    result: ImportResult
    first: bool
    on_page: object = None

    def read(self, start: str, *, ordered: bool) -> None:
        """Land the pages from `start` on; raises the reader's SourceError."""
        previous = None
        for page in odata.read_pages(
            start, timeout=settings.TK_ODATA_TIMEOUT, max_pages=settings.TK_MAX_PAGES
        ):
            checked = read_page(page.records, where=_("page %(number)d") % {"number": page.number})
            if ordered and page.next_url and previous is not None:
                check_progress(page, checked, previous)
            outcome = land_page(
                checked, sync=self.sync, user=self.user, page=page, first=self.first
            )
            previous = max(filter(None, [previous, checked.latest_arrival]), default=None)
            self.result.pages += 1
            self.result.add(outcome, page=False)
            self.result.sync_point = self.sync.last_api_changed_at
            if self.on_page is not None:
                self.on_page(page, outcome)


def starting_point(url: str, sync: TkSync, *, since: bool) -> tuple[str, bool, bool]:
    """Where a run starts: (URL, whether its pages come in the sync's order, whether it is a
    full run). See the module docstring."""
    if since and sync.resume_url:
        # A run that stopped: the rest of it, in the order it was asked in.
        return sync.resume_url, odata.in_sync_order(sync.resume_url), True
    if since and sync.full_sync_done_at is not None and sync.last_api_changed_at is not None:
        start, ordered = odata.sync_url(
            url, since=sync.last_api_changed_at - settings.TK_SYNC_OVERLAP
        )
        return start, ordered, False
    start, ordered = odata.sync_url(url)
    return start, ordered, True


def check_progress(page: odata.Page, checked: ReadPage, previous: datetime.datetime) -> None:
    """In a run read in the sync's order, a page that links on must bring records that reached
    the API after those of the page before; otherwise the source is not paging in that order."""
    if checked.latest_arrival is None or checked.latest_arrival <= previous:
        raise odata.EndlessSource(
            _(
                "Page %(number)d (%(url)s) does not move the sync point past %(previous)s, yet "
                "links to another page: the source does not page in the order asked for "
                "(ApiGewijzigdOp); the import stopped there."
            )
            % {
                "number": page.number,
                "url": odata.display_url(page.url),
                "previous": odata.format_utc(previous),
            }
        )


def read_page(raw_records: list, *, where: str) -> ReadPage:
    """Check every record of a page. A record that fails its checks is refused with its field
    and reason; of one Id given twice, the later version is kept; of two Ids with one Nummer,
    the first served keeps it and the other is refused."""
    records: dict = {}
    refused = []
    for raw in raw_records:
        try:
            record = parse_record(raw, where=where)
        except RecordError as error:
            refused.append(Refused.of(raw, field=error.field, reason=error.problem))
            continue
        earlier = records.get(record.tk_id)
        if earlier is None or version(record) >= version(earlier):
            records[record.tk_id] = record
    numbers: dict[str, Record] = {}
    kept = []
    for record in records.values():
        holder = numbers.setdefault(record.number, record) if record.complete else record
        if holder is record:
            kept.append(record)
            continue
        reason = held_by_another(record.number, holder.tk_id)
        refused.append(Refused.of(record.raw, field="Nummer", reason=reason))
    arrivals = [record.api_changed_at for record in records.values()]
    arrivals += [item.api_changed_at for item in refused]
    return ReadPage(
        records=kept,
        refused=refused,
        latest_arrival=max(filter(None, arrivals), default=None),
        latest_change=max((record.changed_at for record in records.values()), default=None),
        size=len(raw_records),
    )


def version(record: Record) -> tuple:
    return (record.api_changed_at or record.changed_at, record.changed_at)


def land_page(checked: ReadPage, *, sync: TkSync, user, page=None, first=False) -> Outcome:
    """Take one page over in one transaction: its records, its refusals, its related entities
    and, when `page` is a page of the source (not a retry of the quarantine), the sync point,
    and in the `first` full run the link to resume from. Returns what happened to its
    records."""
    with transaction.atomic():
        # Two imports at once (beat and a clerk) take turns page by page, so the second
        # finds the first one's records instead of creating them again.
        locked = TkSync.objects.select_for_update().get(pk=sync.pk)
        lander = PageLander(user=user)
        for start in range(0, len(checked.records), CHUNK_SIZE):
            lander.land(checked.records[start : start + CHUNK_SIZE])
        outcome = lander.outcome
        outcome.refused += checked.refused
        outcome.quarantined += len(checked.refused)
        outcome.records = checked.size
        reserve_ours(outcome.ours)
        quarantine.keep(outcome.refused, source_url=sync.source_url)
        quarantine.resolve(outcome.settled, source_url=sync.source_url)
        outcome.related = take_related(outcome.landed, user=user, new=outcome.new)
        outcome.related["pending links resolved"] = resolve_pending_links()
        # The due dates and statuses taken over leave the overdue flag right at once, recorded
        # in the audit row each created or changed commitment got on this page.
        refresh_overdue(outcome.written)
        if page is not None:
            move_sync_point(locked, checked, page=page, first=first)
    sync.refresh_from_db()
    return outcome


def move_sync_point(locked: TkSync, checked: ReadPage, *, page, first: bool) -> None:
    """The sync point moves forward only (to the latest arrival of the page). In the first full
    run, the resume link is the page after this one, cleared when this was the last, which ends
    that run. Nothing is written when nothing moved (a sync run twice writes nothing)."""
    fields = []
    arrival, change = checked.latest_arrival, checked.latest_change
    if arrival is not None and (
        locked.last_api_changed_at is None or arrival > locked.last_api_changed_at
    ):
        locked.last_api_changed_at = arrival
        fields.append("last_api_changed_at")
    if change is not None and (locked.last_changed_at is None or change > locked.last_changed_at):
        locked.last_changed_at = change
        fields.append("last_changed_at")
    if first and locked.resume_url != (page.next_url or ""):
        locked.resume_url = page.next_url or ""
        fields.append("resume_url")
    if first and not page.next_url and locked.full_sync_done_at is None:
        locked.full_sync_done_at = timezone.now()
        fields.append("full_sync_done_at")
    if fields:
        locked.save(update_fields=[*fields, "updated_at"])


def retry_quarantined(sync: TkSync, *, user) -> int:
    """Try again the source's records quarantined for what a clerk can change here (a ministry
    alias, the commitment holding a number); returns how many landed now. A record refused for
    its own content waits for a later version: the same one would be refused again."""
    raws = quarantine.open_records(source_url=sync.source_url, fields=RETRIED)
    if not raws:
        return 0
    checked = read_page(raws, where=_("the quarantine"))
    outcome = land_page(checked, sync=sync, user=user)
    return outcome.created + outcome.updated
