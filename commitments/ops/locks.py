"""A lock for jobs that should not run twice at the same time, such as two beats' nightly sync.

On PostgreSQL it is a session advisory lock: it lasts across the job's own transactions (the
Tweede Kamer sync commits page by page) and PostgreSQL drops it when the process or its
connection dies, so a crashed job never blocks the next one. SQLite, the demo's database, runs
one beat and writes one transaction at a time, so there the lock is always free.
"""

import contextlib
import hashlib

from django.db import DatabaseError, connection


def lock_key(name: str) -> int:
    """PostgreSQL's advisory locks take a signed 64-bit key; this one is stable per name."""
    digest = hashlib.blake2b(name.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


@contextlib.contextmanager
def held_alone(name: str):
    """Yield True when this process now holds the lock called `name`, False when another one
    does; never waits. The lock is released on leaving the block."""
    if connection.vendor != "postgresql":
        yield True
        return
    key = lock_key(name)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
            except DatabaseError:
                # A connection that broke took its session, and so the lock, with it.
                pass
