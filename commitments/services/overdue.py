"""The overdue sweep: flag what became overdue, clear what no longer is, in set-based SQL.

Each direction is one statement on PostgreSQL: an UPDATE that claims the rows (its WHERE clause
only matches rows not yet in the new state) feeding, through RETURNING, the INSERT of one audit
entry per changed row, and through that the copy of its addressees. A second sweep running at
the same moment waits for the first one's row locks, then finds those rows no longer match, so
each commitment is flagged, and audited, once.
SQLite (the demo database) has no UPDATE in a WITH clause; there the audit rows are inserted from
the same WHERE clause just before the UPDATE, then their addressees, in one transaction, which
SQLite runs alone.
"""

import dataclasses
import datetime
import logging
import time

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from commitments.models import Commitment
from commitments.models.commitments import open_sql
from commitments.services.history import addressee_copies

logger = logging.getLogger(__name__)

COMMITMENTS = Commitment._meta.db_table
HISTORY = Commitment.history.model._meta.db_table

# Stored in English in the audit trail; selectors.history translates them when they are shown.
FLAG_REASON = gettext_noop("Overdue: the due date has passed")
CLEAR_REASON = gettext_noop("No longer overdue")


@dataclasses.dataclass(frozen=True)
class SweepResult:
    flagged: int
    cleared: int


def day_after(column: str) -> str:
    if connection.vendor == "sqlite":
        return f"date({column}, '+1 day')"
    return f"({column} + 1)"


def _history_insert(*, source: str, overdue_since_sql: str) -> tuple[str, str]:
    """The column list of the audit table and the matching SELECT list over `source`.

    Values that the sweep changes are written as they will be after it; `%s` placeholders stand
    for the time of the sweep and the reason, in that order, wherever they occur.
    """
    columns, values = [], []
    for field in Commitment.history.model._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(connection.ops.quote_name(field.column))
        if field.column == "history_date" or field.column == "updated_at":
            values.append("%(now)s")
        elif field.column == "history_change_reason":
            values.append("%(reason)s")
        elif field.column == "history_type":
            values.append("'~'")
        elif field.column == "history_user_id":
            values.append("NULL")
        elif field.column == "overdue_since":
            values.append(overdue_since_sql)
        else:
            values.append(f"{source}.{connection.ops.quote_name(field.column)}")
    return ", ".join(columns), ", ".join(values)


def _run(*, where: str, new_overdue_since: str, params: dict) -> int:
    """Set overdue_since to `new_overdue_since` where `where` holds, with one audit row each,
    holding the commitment's addressees (history.addressee_copies)."""
    if connection.vendor == "postgresql":
        columns, values = _history_insert(
            source="changed", overdue_since_sql="changed.overdue_since"
        )
        copies = ",\n".join(
            f"addressees_{number} AS ({sql})"
            for number, sql in enumerate(addressee_copies(history="audited"))
        )
        sql = f"""
            WITH changed AS (
                UPDATE {COMMITMENTS} AS c
                SET overdue_since = {new_overdue_since}, updated_at = %(now)s
                WHERE {where}
                RETURNING c.*
            ),
            audited AS (
                INSERT INTO {HISTORY} ({columns}) SELECT {values} FROM changed
                RETURNING history_id, id
            ),
            {copies}
            SELECT count(*) FROM audited
        """
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()[0]

    columns, values = _history_insert(source="c", overdue_since_sql=new_overdue_since)
    with connection.cursor() as cursor:
        # SQLite runs this transaction alone: the audit rows above the highest id are ours.
        cursor.execute(f"SELECT COALESCE(MAX(history_id), 0) FROM {HISTORY}")
        before = cursor.fetchone()[0]
        cursor.execute(
            f"INSERT INTO {HISTORY} ({columns}) SELECT {values} FROM {COMMITMENTS} AS c "
            f"WHERE {where}",
            params,
        )
        for sql in addressee_copies(history=HISTORY, where="h.history_id > %(before)s"):
            cursor.execute(sql, {"before": before})
        cursor.execute(
            f"UPDATE {COMMITMENTS} AS c SET overdue_since = {new_overdue_since}, "
            f"updated_at = %(now)s WHERE {where}",
            params,
        )
        return cursor.rowcount


def elapsed_ms(started: float) -> int:
    """Milliseconds since `started` (a time.monotonic() reading), for the logs."""
    return round((time.monotonic() - started) * 1000)


# Commitments per statement when the rule runs for chosen ones: well within the parameter limits
# of SQLite and PostgreSQL.
CHUNK_SIZE = 1000


def _amend(*, where: str, new_overdue_since: str, params: dict) -> int:
    """Set overdue_since to `new_overdue_since` where `where` holds, in the commitment and in its
    latest audit row, which the write that calls this has just made in this transaction: the
    flag is part of that change, by its author and with its reason, not an audit row of its
    own."""
    latest = (
        f"SELECT MAX(h.history_id) FROM {HISTORY} AS h JOIN {COMMITMENTS} AS c ON c.id = h.id "
        f"WHERE {where} GROUP BY h.id"
    )
    # PostgreSQL reads a bare NULL in a subquery as text, which a date column refuses.
    value = (
        "NULL"
        if new_overdue_since == "NULL"
        else f"(SELECT {new_overdue_since} FROM {COMMITMENTS} AS c WHERE c.id = {HISTORY}.id)"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {HISTORY} SET overdue_since = {value} WHERE history_id IN ({latest})",
            params,
        )
        cursor.execute(
            f"UPDATE {COMMITMENTS} AS c SET overdue_since = {new_overdue_since} WHERE {where}",
            params,
        )
        return cursor.rowcount


def _apply_rule(*, today: datetime.date, scope: str, params: dict, run=_run) -> SweepResult:
    """The overdue rule over the commitments `scope` (SQL over `c`, with its `params`) selects:
    flag the open ones whose due date has passed, clear the flag where it no longer applies;
    `run` writes each direction (_run with audit rows of its own, or _amend)."""
    now = timezone.now()
    day_after_due = day_after("c.due_date")
    params = {**params, "today": today, "now": now}
    flagged = run(
        where=(
            f"{scope} AND {open_sql('c')} AND c.due_date < %(today)s "
            f"AND (c.overdue_since IS NULL OR c.overdue_since <> {day_after_due})"
        ),
        new_overdue_since=day_after_due,
        params={**params, "reason": FLAG_REASON},
    )
    cleared = run(
        where=(
            f"{scope} AND c.overdue_since IS NOT NULL AND (c.due_date IS NULL "
            "OR c.due_date >= %(today)s OR c.withdrawn_from_source)"
        ),
        new_overdue_since="NULL",
        params={**params, "reason": CLEAR_REASON},
    )
    return SweepResult(flagged=flagged, cleared=cleared)


@transaction.atomic
def flag_overdue(*, today: datetime.date | None = None) -> SweepResult:
    """Flag every open commitment whose due date has passed; clear the flag where it no longer
    applies (a later due date, no due date any more, or withdrawn from the source register).
    Closed commitments lose the flag when they are closed (see Commitment.clean and the status
    services)."""
    started = time.monotonic()
    today = today or timezone.localdate()
    result = _apply_rule(today=today, scope="1 = 1", params={})
    logger.info(
        "overdue sweep on %s: %d flagged, %d cleared",
        today,
        result.flagged,
        result.cleared,
        extra={
            "event": "overdue_sweep",
            "today": today.isoformat(),
            "flagged": result.flagged,
            "cleared": result.cleared,
            "duration_ms": elapsed_ms(started),
        },
    )
    return result


@transaction.atomic
def refresh_overdue(ids, *, today: datetime.date | None = None) -> SweepResult:
    """The sweep's rule (flag_overdue) for the commitments with primary keys `ids`, right after
    a write in this transaction changed their due date or status and wrote their audit rows, so
    the flag is right at once instead of at beat's next sweep. The flag goes into each one's
    latest audit row (_amend), so a registration or a new deadline stays one change. Set-based:
    two statements per direction for each CHUNK_SIZE commitments, however many change."""
    today = today or timezone.localdate()
    ids = sorted(set(ids))
    flagged = cleared = 0
    for start in range(0, len(ids), CHUNK_SIZE):
        params = {f"id_{n}": pk for n, pk in enumerate(ids[start : start + CHUNK_SIZE])}
        scope = f"c.id IN ({', '.join(f'%({name})s' for name in params)})"
        result = _apply_rule(today=today, scope=scope, params=params, run=_amend)
        flagged += result.flagged
        cleared += result.cleared
    return SweepResult(flagged=flagged, cleared=cleared)
