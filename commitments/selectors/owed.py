"""Reads for what is owed to members and parties: the member and party indexes with their counts,
and the open commitments made to a party. Open and overdue are models.commitments' single
definitions; fulfilled on time and late are defined here, once.

The indexes count over every addressee of every commitment, which grows with the register, so,
like the overview's figures, each index is computed in one query and cached for
DASHBOARD_CACHE_SECONDS; sorting and paging then work on the cached rows. A party counts each
commitment once, whether it was made to the party, to one or more of its members, or to both.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q

from commitments.models import Commitment, Member, Party
from commitments.models.commitments import open_condition, overdue_condition
from commitments.selectors.dashboard import BY_DEADLINE


def fulfilled_late_condition(relation: str = "") -> Q:
    """Fulfilled after its due date. `relation` reaches commitments from another model, as in
    open_condition()."""
    return Q(
        **{
            f"{relation}status": Commitment.Status.FULFILLED,
            f"{relation}fulfilled_on__gt": F(f"{relation}due_date"),
        }
    )


def fulfilled_on_time_condition(relation: str = "") -> Q:
    """Fulfilled, and not after its due date: on or before it, or without a date to be late
    against (no due date, or no day of fulfilment recorded)."""
    return Q(**{f"{relation}status": Commitment.Status.FULFILLED}) & (
        Q(**{f"{relation}fulfilled_on__lte": F(f"{relation}due_date")})
        | Q(**{f"{relation}due_date__isnull": True})
        | Q(**{f"{relation}fulfilled_on__isnull": True})
    )


# What is owed to an addressee, counted, by name: open, overdue, fulfilled on time, fulfilled late.
OWED_CONDITIONS = {
    "open_count": open_condition,
    "overdue_count": overdue_condition,
    "on_time_count": fulfilled_on_time_condition,
    "late_count": fulfilled_late_condition,
}

# The orders of the indexes (?o=): the counts compared first, largest first; then the name.
INDEX_ORDERS = {
    "overdue": ("overdue_count", "open_count"),
    "open": ("open_count", "overdue_count"),
    "late": ("late_count", "overdue_count"),
    "name": (),
}


def index_order(key: str | None) -> str:
    """`key` if it names an order in INDEX_ORDERS, else "overdue" (most overdue first)."""
    return key if key in INDEX_ORDERS else "overdue"


@dataclass(frozen=True)
class Owed:
    """One row of an index: a member (with `party`, an abbreviation or "") or a party (with
    `abbreviation`), and its counts."""

    pk: int
    name: str
    abbreviation: str
    party: str
    open_count: int
    overdue_count: int
    on_time_count: int
    late_count: int


def sorted_by(rows: list[Owed], order: str) -> list[Owed]:
    """`rows` in the order `order` names (INDEX_ORDERS): counts descending, then the name and
    the id ascending, so ties keep one order on every page."""
    counts = INDEX_ORDERS[index_order(order)]
    return sorted(
        rows,
        key=lambda row: (*(-getattr(row, name) for name in counts), row.name.casefold(), row.pk),
    )


def member_rows() -> list[Owed]:
    """Every member with the counts of the commitments made to them: one query, one GROUP BY."""
    members = (
        Member.objects.order_by()
        .values("pk", "name", "party__abbreviation")
        .annotate(
            **{
                name: Count("commitments", filter=condition("commitments__"))
                for name, condition in OWED_CONDITIONS.items()
            }
        )
    )
    return [
        Owed(
            pk=row["pk"],
            name=row["name"],
            abbreviation="",
            party=row["party__abbreviation"] or "",
            **{name: row[name] for name in OWED_CONDITIONS},
        )
        for row in members
    ]


def commitment_flags():
    """Per commitment its id (as commitment_key) and whether it counts under each of
    OWED_CONDITIONS (as is_open_count, ...): SQL and its parameters, for party_rows()."""
    flags = Commitment.objects.order_by().annotate(
        **{
            f"is_{name}": ExpressionWrapper(condition(), output_field=BooleanField())
            for name, condition in OWED_CONDITIONS.items()
        }
    )
    columns = flags.values(*(f"is_{name}" for name in OWED_CONDITIONS), commitment_key=F("pk"))
    return columns.query.sql_with_params()


def party_rows() -> list[Owed]:
    """Every party with the counts of the commitments made to it or to any of its members, each
    commitment once: one query over the pairs (commitment, party), which UNION leaves distinct."""
    made_to = Commitment.made_to.through._meta.db_table
    made_to_parties = Commitment.made_to_parties.through._meta.db_table
    member = Member._meta.db_table
    party = Party._meta.db_table
    flags_sql, params = commitment_flags()
    sums = ", ".join(
        f"COALESCE(SUM(CASE WHEN flags.is_{name} THEN 1 ELSE 0 END), 0) AS {name}"
        for name in OWED_CONDITIONS
    )
    sql = f"""
        SELECT p.id, p.name, p.abbreviation, {sums}
        FROM {party} p
        LEFT JOIN (
            SELECT m.party_id, t.commitment_id FROM {made_to} t
            JOIN {member} m ON m.id = t.member_id WHERE m.party_id IS NOT NULL
            UNION
            SELECT party_id, commitment_id FROM {made_to_parties}
        ) pairs ON pairs.party_id = p.id
        LEFT JOIN ({flags_sql}) flags ON flags.commitment_key = pairs.commitment_id
        GROUP BY p.id, p.name, p.abbreviation
    """
    return [
        Owed(
            pk=row.id,
            name=row.name,
            abbreviation=row.abbreviation,
            party="",
            **{name: getattr(row, name) for name in OWED_CONDITIONS},
        )
        for row in Party.objects.raw(sql, params)
    ]


def cached(key: str, compute) -> list[Owed]:
    return cache.get_or_set(key, compute, timeout=settings.DASHBOARD_CACHE_SECONDS)


def members_owed(order: str | None = None, *, party: Party | None = None) -> list[Owed]:
    """Every member (of `party`, if given) with what is owed to them, sorted by `order`."""
    rows = cached("owed-members", member_rows)
    if party is not None:
        rows = [row for row in rows if row.party == party.abbreviation]
    return sorted_by(rows, order)


def parties_owed(order: str | None = None) -> list[Owed]:
    """Every party with what is owed to it or its members, sorted by `order`."""
    return sorted_by(cached("owed-parties", party_rows), order)


def owed_to_party(party: Party) -> Owed:
    """The counts of `party`, as its row in the party index (cached with it); a party newer than
    the cached index is counted afresh."""
    for fresh in (False, True):
        rows = party_rows() if fresh else cached("owed-parties", party_rows)
        for row in rows:
            if row.pk == party.pk:
                return row
    raise Party.DoesNotExist(party.pk)


def made_to_party(party) -> Q:
    """Commitments made to `party` (a Party or its pk) or to one of its members."""
    through_member = Commitment.made_to.through.objects.filter(member__party=party)
    directly = Commitment.made_to_parties.through.objects.filter(party=party)
    return Q(pk__in=through_member.values("commitment_id")) | Q(
        pk__in=directly.values("commitment_id")
    )


def open_to_party(party: Party):
    """The open commitments made to `party` or to one of its members, soonest deadline first."""
    return (
        Commitment.objects.open()
        .filter(made_to_party(party))
        .select_related("ministry", "official")
        .order_by(*BY_DEADLINE)
    )
