"""Queueing: put the reminders that fall due into the outbox, and the daily and rappel runs.

Queuing is a handful of INSERT ... SELECT statements whose unique key (contact, commitment, kind,
due date, scheduled day) turns a repeated or concurrent run into a no-op.
"""

import dataclasses
import datetime
import logging
import time

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from commitments.models import Commitment, Contact, Reminder
from commitments.models.commitments import open_sql
from commitments.services.overdue import elapsed_ms, flag_overdue
from commitments.services.reminders.digests import bundle_digests, next_rappel_day

logger = logging.getLogger(__name__)

COMMITMENTS = Commitment._meta.db_table
CONTACTS = Contact._meta.db_table
REMINDERS = Reminder._meta.db_table


def days_before(column: str, days: int) -> str:
    """SQL for the date `days` days before the date in `column`, in this database's dialect."""
    if connection.vendor == "sqlite":
        return f"date({column}, '-{int(days)} day')"
    return f"({column} - {int(days)})"


# Who hears about a commitment: the active contacts of its ministry. The senior contact joins once
# the commitment has been overdue for the escalation period, or at once when the ministry has no
# other active contact.
RECIPIENTS_SQL = f"""
    ct.ministry_id = c.ministry_id AND ct.is_active = %(true)s AND (
        ct.is_senior = %(false)s
        OR c.overdue_since <= %(escalate_from)s
        OR NOT EXISTS (
            SELECT 1 FROM {CONTACTS} AS other
            WHERE other.ministry_id = c.ministry_id
              AND other.is_active = %(true)s AND other.is_senior = %(false)s
        )
    )
"""

# The rappel goes to every active contact of the ministry, the senior one included.
ALL_CONTACTS_SQL = "ct.ministry_id = c.ministry_id AND ct.is_active = %(true)s"

QUEUE_SQL = f"""
    INSERT INTO {REMINDERS}
        (contact_id, commitment_id, kind, due_date, scheduled_for, state, created_on)
    SELECT ct.id, c.id, %(kind)s, c.due_date, {{scheduled_for}}, %(pending)s, %(today)s
    FROM {COMMITMENTS} AS c JOIN {CONTACTS} AS ct ON {{recipients}}
    WHERE {open_sql("c")} AND c.due_date IS NOT NULL AND {{condition}}
    ON CONFLICT (contact_id, commitment_id, kind, due_date, scheduled_for) DO NOTHING
"""


def _queue(
    *,
    kind: str,
    scheduled_for: str,
    condition: str,
    params: dict,
    recipients: str = RECIPIENTS_SQL,
) -> int:
    sql = QUEUE_SQL.format(scheduled_for=scheduled_for, condition=condition, recipients=recipients)
    with connection.cursor() as cursor:
        cursor.execute(sql, {**params, "kind": kind})
        return cursor.rowcount


def _queue_upcoming(*, params: dict, today: datetime.date) -> int:
    # 'Upcoming' at each threshold (14 and 1 days before by default): a commitment gets the
    # reminder of the nearest threshold it has reached, so a missed run never sends both at once.
    queued = 0
    thresholds = sorted(settings.REMINDERS["UPCOMING_DAYS"], reverse=True)
    for days, nearer in zip(thresholds, [*thresholds[1:], 0], strict=True):
        queued += _queue(
            kind=Reminder.Kind.UPCOMING,
            scheduled_for=days_before("c.due_date", days),
            condition="c.due_date > %(window_start)s AND c.due_date <= %(window_end)s",
            params={
                **params,
                "window_start": today + datetime.timedelta(days=nearer),
                "window_end": today + datetime.timedelta(days=days),
            },
        )
    return queued


def _queue_overdue(*, params: dict) -> int:
    # 'Overdue' once, when a commitment has recently become overdue (its due date lies within
    # the nag period; written on the due date so the open-rows index serves it). A commitment
    # overdue for longer gets the nag instead, also when it was already overdue when it came in.
    return _queue(
        kind=Reminder.Kind.OVERDUE,
        scheduled_for="c.overdue_since",
        condition="c.overdue_since IS NOT NULL AND c.due_date >= %(recently_due)s",
        params={**params, "recently_due": params["nag_since"] - datetime.timedelta(days=1)},
    )


def _queue_nag(*, params: dict) -> int:
    # The nag repeats while a commitment stays overdue, counted from the last overdue reminder
    # or nag this contact got about it (an overdue reminder queued in the same run included).
    return _queue(
        kind=Reminder.Kind.NAG,
        scheduled_for="%(today)s",
        condition=f"""
            c.overdue_since <= %(nag_since)s AND NOT EXISTS (
                SELECT 1 FROM {REMINDERS} AS earlier
                WHERE earlier.contact_id = ct.id AND earlier.commitment_id = c.id
                  AND earlier.due_date = c.due_date
                  AND earlier.kind IN ('{Reminder.Kind.OVERDUE}', '{Reminder.Kind.NAG}')
                  AND earlier.created_on > %(nag_since)s
            )
        """,
        params=params,
    )


def queue_reminders(*, today: datetime.date) -> int:
    """Put every reminder that falls due today into the outbox; return how many were new.

    One statement per kind (and per 'upcoming' threshold), whatever the number of commitments.
    """
    config = settings.REMINDERS
    params = {
        "today": today,
        "pending": Reminder.State.PENDING,
        "true": True,
        "false": False,
        "escalate_from": today - datetime.timedelta(days=config["ESCALATE_AFTER_DAYS"]),
        "nag_since": today - datetime.timedelta(days=config["NAG_EVERY_DAYS"]),
    }
    queued = _queue_upcoming(params=params, today=today)
    queued += _queue(
        kind=Reminder.Kind.DUE,
        scheduled_for="c.due_date",
        condition="c.due_date = %(today)s",
        params=params,
    )
    # The overdue reminders first: the nag counts from them.
    queued += _queue_overdue(params=params)
    queued += _queue_nag(params=params)
    return queued


@transaction.atomic
def prepare_rappel(*, cutoff: datetime.date) -> int:
    """Queue the rappel of `cutoff`: for every active contact, each open commitment of its
    ministry that is overdue or falls due before the next cut-off. Returns how many were new."""
    started = time.monotonic()
    queued = _queue(
        kind=Reminder.Kind.RAPPEL,
        scheduled_for="%(today)s",
        condition="c.due_date < %(next_cutoff)s",
        recipients=ALL_CONTACTS_SQL,
        params={
            "today": cutoff,
            "pending": Reminder.State.PENDING,
            "true": True,
            "next_cutoff": next_rappel_day(cutoff),
        },
    )
    bundled = bundle_digests(today=cutoff)
    logger.info(
        "rappel of %s prepared: %d queued",
        cutoff,
        queued,
        extra={
            "event": "rappel_run",
            "cutoff": cutoff.isoformat(),
            "queued": queued,
            "bundled": bundled,
            "duration_ms": elapsed_ms(started),
        },
    )
    return queued


@dataclasses.dataclass(frozen=True)
class ReminderRun:
    """What a daily run did: commitments flagged overdue, reminders queued, reminders bundled."""

    flagged: int
    queued: int
    bundled: int


@transaction.atomic
def prepare_reminders(*, today: datetime.date | None = None) -> ReminderRun:
    """The daily run: flag what is overdue, queue what is due, bundle it per contact."""
    started = time.monotonic()
    today = today or timezone.localdate()
    sweep = flag_overdue(today=today)
    queued = queue_reminders(today=today)
    bundled = bundle_digests(today=today)
    logger.info(
        "reminders prepared on %s: %d queued, %d bundled",
        today,
        queued,
        bundled,
        extra={
            "event": "reminder_run",
            "today": today.isoformat(),
            "flagged": sweep.flagged,
            "queued": queued,
            "bundled": bundled,
            "duration_ms": elapsed_ms(started),
        },
    )
    return ReminderRun(flagged=sweep.flagged, queued=queued, bundled=bundled)
