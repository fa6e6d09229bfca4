"""Public numbers for commitments: TZyyyymm-nnn, the month being the one the promise was made in.

A counter row per month is bumped with a single upsert. The row lock that the upsert takes makes
a second transaction wait until the first commits, so two clerks saving at the same moment never
get the same number. A rolled-back save may leave a gap; gaps are harmless, duplicates are not.
"""

import datetime

from django.db import connection

from commitments.references import format_tz_number, parse_tz_number

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


def allocate_number(*, made_on: datetime.date) -> str:
    """Hand out the next number for the month of `made_on`."""
    # Not strftime: it leaves years before 1000 unpadded on some platforms.
    period = f"{made_on.year:04d}{made_on.month:02d}"
    with connection.cursor() as cursor:
        cursor.execute(_NEXT, [period, 1])
        (sequence,) = cursor.fetchone()
    return format_tz_number(period=period, sequence=sequence)


def reserve_number(number: str) -> None:
    """Move the counter past a number given from outside (an import), so it is never handed out.

    Numbers that do not follow our pattern (another register's) need no reservation.
    """
    tz_number = parse_tz_number(number)
    if tz_number is None:
        return
    with connection.cursor() as cursor:
        cursor.execute(_AT_LEAST, [tz_number.period, tz_number.sequence])
