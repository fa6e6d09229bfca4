"""The `Toezegging` entity as a query sees it: each property the service filters and orders on,
its Edm type, and the SQL that computes its exported value from our columns.

Property names and Edm types are the Chamber's (its live `$metadata`, as recorded in
/work/shared/tk/related-entities-real.json). The SQL mirrors `commitments.tk.export.to_record`,
so a condition on a property means the value the client reads: `GewijzigdOp` is the source's
change time where we took the record over and our own otherwise, `Status` is spelled as the
Chamber spells it, `Id` is the Chamber's Id or our own GUID (computed from the row's key), and a
missing `DatumNakoming` is 0001-01-01, as the Chamber writes it.
"""

import dataclasses
import datetime

from django.db.models import (
    Case,
    CharField,
    DateField,
    DateTimeField,
    Expression,
    F,
    Func,
    UUIDField,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from commitments.models import Commitment
from commitments.tk.export import EXPORT_STATUSES, LOCAL_ID_PREFIX, PK_DIGITS

NAMESPACE = "TK.DA.GGM.OData"
NO_DAY = datetime.date(1, 1, 1)


class LocalGuid(Func):
    """COALESCE(<uuid column>, our GUID for the row): `export.local_id` in SQL.

    SQLite keeps a UUID as 32 hex digits, PostgreSQL as a uuid; both compare and sort the same
    way, by the digits."""

    output_field = UUIDField()
    arity = 2

    def __init__(self, column: str, *, entity: str):
        super().__init__(F(column), F("pk"))
        self.prefix = LOCAL_ID_PREFIX[entity]

    def as_sqlite(self, compiler, connection, **extra):
        column, pk = (compiler.compile(expression) for expression in self.source_expressions)
        sql = f"COALESCE({column[0]}, '{self.prefix}' || printf('%%0{PK_DIGITS}x', {pk[0]}))"
        return sql, (*column[1], *pk[1])

    def as_postgresql(self, compiler, connection, **extra):
        column, pk = (compiler.compile(expression) for expression in self.source_expressions)
        sql = (
            f"COALESCE({column[0]}, ('{self.prefix}' || lpad(to_hex({pk[0]}), {PK_DIGITS}, '0'))"
            "::uuid)"
        )
        return sql, (*column[1], *pk[1])


def status_expression() -> Expression:
    return Case(
        When(status=Commitment.Status.OPEN, status_not_given=True, then=Value("")),
        *(When(status=ours, then=Value(theirs)) for ours, theirs in EXPORT_STATUSES.items()),
        output_field=CharField(),
    )


@dataclasses.dataclass(frozen=True)
class Property:
    """A property clients filter and order on: its Edm type and the SQL of its value."""

    name: str
    edm: str
    expression: object

    @property
    def alias(self) -> str:
        """The name of its annotation on the queryset (never a column's name)."""
        return f"odata_{self.name}"


QUERYABLE = {
    prop.name: prop
    for prop in [
        Property("Id", "Edm.Guid", lambda: LocalGuid("tk_id", entity="Toezegging")),
        Property("Nummer", "Edm.String", lambda: F("number")),
        Property("Status", "Edm.String", status_expression),
        Property("Ministerie", "Edm.String", lambda: F("ministry__name")),
        Property(
            "DatumNakoming",
            "Edm.DateTimeOffset",
            lambda: Coalesce("due_date", Value(NO_DAY), output_field=DateField()),
        ),
        Property(
            "GewijzigdOp",
            "Edm.DateTimeOffset",
            lambda: Coalesce("source_changed_at", "updated_at", output_field=DateTimeField()),
        ),
        Property(
            "ApiGewijzigdOp",
            "Edm.DateTimeOffset",
            lambda: Coalesce("source_api_changed_at", "updated_at", output_field=DateTimeField()),
        ),
        Property(
            "Verwijderd",
            "Edm.Boolean",
            lambda: F("withdrawn_from_source"),
        ),
    ]
}


def annotate(queryset, names):
    """`queryset` with the values of the properties `names` as annotations (Property.alias)."""
    wanted = {QUERYABLE[name].alias: QUERYABLE[name].expression() for name in sorted(set(names))}
    return queryset.annotate(**wanted) if wanted else queryset
