"""Records of the Tweede Kamer's register that the import could not take in (`TkQuarantine`).

A refused record is kept as the source served it, with the property at fault and why, one row
per source and Id: seeing it again refreshes the row, and seeing the same version with the same
reason again writes nothing (a sync run twice writes nothing). When a version of the record lands
later, or turns out to be no newer than what we hold, the row is marked resolved. A clerk reads
the rows in the admin (commitments/admin/sync.py); nobody edits them.

A record without a valid Id cannot be matched by Id: its row is found by number, field and
reason instead. The record is kept as served but for what PostgreSQL cannot store (a NUL
character or a lone surrogate becomes U+FFFD, an infinite number text); the reason says what
was wrong with it.
"""

import dataclasses
import datetime
import math
import uuid

from django.db.models import Q
from django.utils import timezone

from commitments.models import TkQuarantine

UNSTORABLE = {"\x00", *map(chr, range(0xD800, 0xE000))}
# What a later sighting of a record may change in its row.
CHANGING = ["number", "field", "reason", "record", "api_changed_at"]
NUMBER_LENGTH = TkQuarantine._meta.get_field("number").max_length
FIELD_LENGTH = TkQuarantine._meta.get_field("field").max_length


@dataclasses.dataclass
class Refused:
    """A record the import did not take in: as served (`raw`), the field at fault and why."""

    raw: object
    field: str
    reason: str
    tk_id: uuid.UUID | None = None
    number: str = ""
    api_changed_at: datetime.datetime | None = None

    @classmethod
    def of(cls, raw, *, field: str, reason: str) -> "Refused":
        """What can still be read of a record that failed its checks: Id, Nummer, arrival."""
        raw, reason = storable(raw), storable(reason)
        values = raw if isinstance(raw, dict) else {}
        try:
            tk_id = uuid.UUID(str(values.get("Id")))
        except ValueError:
            tk_id = None
        number = values.get("Nummer")
        return cls(
            raw=raw,
            field=field[:FIELD_LENGTH],
            reason=reason,
            tk_id=tk_id,
            number=number[:NUMBER_LENGTH] if isinstance(number, str) else "",
            api_changed_at=arrival(values.get("ApiGewijzigdOp")),
        )


def storable(value):
    """`value` (JSON: dicts, lists, text, numbers) as PostgreSQL stores it: every NUL character
    and lone surrogate in its text and keys replaced by U+FFFD, an infinite number as text."""
    if isinstance(value, str):
        return "".join("\ufffd" if char in UNSTORABLE else char for char in value)
    if isinstance(value, dict):
        return {storable(key): storable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [storable(item) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        # 1e999 reads as infinity, which JSON (and so PostgreSQL's jsonb) has no way to write.
        return str(value)
    return value


def arrival(value) -> datetime.datetime | None:
    """`ApiGewijzigdOp` as an aware datetime, or None when it is missing or unreadable."""
    try:
        moment = datetime.datetime.fromisoformat(value)
        return moment if moment.tzinfo is not None else None
    except (TypeError, ValueError):
        return None


def keep(refused: list[Refused], *, source_url: str) -> int:
    """Record the refusals of one page: one row per source and Id, created or brought up to
    date; a row that already says the same is left alone. Returns how many rows were written."""
    with_id = {item.tk_id: item for item in refused if item.tk_id is not None}
    rows = {
        row.tk_id: row
        for row in TkQuarantine.objects.filter(source_url=source_url, tk_id__in=list(with_id))
    }
    now = timezone.now()
    new, changed = [], []
    for tk_id, item in with_id.items():
        row = rows.get(tk_id)
        if row is None:
            new.append(_row(item, source_url=source_url))
        elif _differs(row, item):
            _fill(row, item)
            row.last_seen_at = now
            changed.append(row)
    without_id = 0
    for item in refused:
        if item.tk_id is None:
            without_id += TkQuarantine.objects.get_or_create(
                source_url=source_url,
                tk_id=None,
                number=item.number,
                field=item.field,
                reason=item.reason,
                defaults={"record": item.raw, "api_changed_at": item.api_changed_at},
            )[1]
    TkQuarantine.objects.bulk_create(new)
    TkQuarantine.objects.bulk_update(changed, [*CHANGING, "last_seen_at", "resolved_at"])
    return len(new) + len(changed) + without_id


def resolve(tk_ids: list[uuid.UUID], *, source_url: str) -> int:
    """Mark the open rows of these records resolved (a version of theirs landed or is held);
    one UPDATE. Returns how many."""
    if not tk_ids:
        return 0
    return TkQuarantine.objects.filter(
        Q(source_url=source_url, tk_id__in=tk_ids, resolved_at__isnull=True)
    ).update(resolved_at=timezone.now())


def open_records(*, source_url: str, fields: tuple[str, ...]) -> list:
    """The records of this source quarantined for one of `fields` and not resolved, as kept."""
    rows = TkQuarantine.objects.filter(
        source_url=source_url, field__in=fields, resolved_at__isnull=True
    )
    return [row.record for row in rows.order_by("api_changed_at", "pk")]


def _row(item: Refused, *, source_url: str) -> TkQuarantine:
    row = TkQuarantine(source_url=source_url, tk_id=item.tk_id)
    _fill(row, item)
    return row


def _fill(row: TkQuarantine, item: Refused) -> None:
    row.number = item.number
    row.field = item.field
    row.reason = item.reason
    row.record = item.raw
    row.api_changed_at = item.api_changed_at
    row.resolved_at = None


def _differs(row: TkQuarantine, item: Refused) -> bool:
    return (
        row.resolved_at is not None
        or (row.number, row.field, row.reason) != (item.number, item.field, item.reason)
        or row.record != item.raw
        or row.api_changed_at != item.api_changed_at
    )
