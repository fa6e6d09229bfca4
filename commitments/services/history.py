"""Audit records written in bulk, with the addressees the commitment has at that moment.

The audit trail keeps whom a commitment was made to (`made_to`, `made_to_parties`) in
simple-history's many-to-many history tables. simple-history fills them when it saves one record
at a time, but not in `bulk_update_with_history`, and the overdue sweep writes its records in SQL:
a record without them reads, in the admin's history, as if every addressee had been removed, by
whoever wrote the record. Every audit record written in bulk therefore gets its commitment's
addressees copied here, in one INSERT ... SELECT per relation, however many records there are.
"""

from django.db import connection, transaction

from commitments.models import Commitment

HISTORY = Commitment.history.model._meta.db_table
# Ids per statement: well within the parameter limits of SQLite and PostgreSQL.
CHUNK_SIZE = 1000


def addressee_copies(*, history: str, where: str = "") -> list[str]:
    """One INSERT ... SELECT per many-to-many relation the audit trail keeps, giving each audit
    record in `history` (the audit table, or a WITH query with its `history_id` and `id`
    columns), read as `h` and narrowed by `where` (SQL over `h`, may hold placeholders), the
    addressees its commitment has now."""
    quote = connection.ops.quote_name
    condition = f" WHERE {where}" if where else ""
    statements = []
    for field in Commitment.history.model._history_m2m_fields:
        through = field.remote_field.through
        recorded = getattr(Commitment.history.model, field.name).model
        columns = [quote(column.column) for column in through._meta.concrete_fields]
        statements.append(
            f"INSERT INTO {quote(recorded._meta.db_table)} ({', '.join(columns)}, history_id) "
            f"SELECT {', '.join(f't.{column}' for column in columns)}, h.history_id "
            f"FROM {history} AS h JOIN {quote(through._meta.db_table)} AS t "
            f"ON t.{quote(field.m2m_column_name())} = h.id{condition}"
        )
    return statements


def record_addressees(*, history_ids: list[int]) -> None:
    """Copy into the audit records `history_ids` their commitments' addressees as they are now."""
    with connection.cursor() as cursor:
        for start in range(0, len(history_ids), CHUNK_SIZE):
            chunk = history_ids[start : start + CHUNK_SIZE]
            where = f"h.history_id IN ({', '.join(['%s'] * len(chunk))})"
            for sql in addressee_copies(history=HISTORY, where=where):
                cursor.execute(sql, chunk)


def bulk_update_with_history(
    commitments, *, fields: list[str], user, reason: str, batch_size: int | None = None
) -> None:
    """Save `fields` of `commitments` (Commitment objects), each with one audit record by `user`
    (a commitment's `_change_reason`, when set, instead of `reason`) that holds its addressees,
    as simple-history's function of this name does without them."""
    with transaction.atomic(savepoint=False):
        Commitment.objects.bulk_update(commitments, fields, batch_size=batch_size)
        records = Commitment.history.bulk_history_create(
            commitments,
            batch_size=batch_size,
            update=True,
            default_user=user,
            default_change_reason=reason,
        )
        record_addressees(history_ids=[record.pk for record in records])
