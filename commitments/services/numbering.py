"""Public numbers for commitments registered here: `<prefix>yyyymm-nnn`, the month being the
one the promise was made in and the prefix settings.COMMITMENT_NUMBER_PREFIX (`TL` by default).

Our series never shares a namespace with a chamber's: the Tweede Kamer numbers its register
`TZyyyymm-nnn` and the Eerste Kamer `Tnnnnn`, and the system check `commitments.E001`
(commitments/checks.py) refuses a prefix that is either. Commitments taken over from a chamber
keep the chamber's number as given, and those numbers do not touch our counter.

A counter row per month is bumped with a single upsert. The row lock that the upsert takes makes
a second transaction wait until the first commits, so two clerks saving at the same moment never
get the same number. A rolled-back save may leave a gap; gaps are harmless, duplicates are not.
"""

import datetime

from django.conf import settings
from django.db import connection

from commitments.references import CHAMBER_PREFIX, format_period_number, parse_period_number

_BUMP_SQL = """
    INSERT INTO commitments_numbercounter (period, last_value) VALUES (%s, %s)
    ON CONFLICT (period) DO UPDATE SET last_value = {new_value}
    RETURNING last_value
"""
_NEXT = _BUMP_SQL.format(new_value="commitments_numbercounter.last_value + 1")
_AT_LEAST = _BUMP_SQL.format(
    new_value="CASE WHEN commitments_numbercounter.last_value < excluded.last_value "
    "THEN excluded.last_value ELSE commitments_numbercounter.last_value END"
)


def local_prefix() -> str:
    """The prefix of our own series (settings.COMMITMENT_NUMBER_PREFIX)."""
    return settings.COMMITMENT_NUMBER_PREFIX


def number_prefixes() -> tuple[str, ...]:
    """The series a clerk may search by number: ours and the Tweede Kamer's."""
    return (local_prefix(), CHAMBER_PREFIX)


def allocate_number(*, made_on: datetime.date) -> str:
    """Hand out the next number of our series for the month of `made_on`."""
    # Not strftime: it leaves years before 1000 unpadded on some platforms.
    period = f"{made_on.year:04d}{made_on.month:02d}"
    with connection.cursor() as cursor:
        cursor.execute(_NEXT, [period, 1])
        (sequence,) = cursor.fetchone()
    return format_period_number(prefix=local_prefix(), period=period, sequence=sequence)


def reserve_number(number: str) -> None:
    """Move our counter past a number of our own series given from outside (a clerk's API
    call, an export of ours read back in), so it is never handed out again.

    Numbers of other series (a chamber's, another register's) need no reservation: ours can
    never equal them.
    """
    ours = parse_period_number(number, prefix=local_prefix())
    if ours is None:
        return
    with connection.cursor() as cursor:
        cursor.execute(_AT_LEAST, [ours.period, ours.sequence])
