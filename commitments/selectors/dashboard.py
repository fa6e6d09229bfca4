"""Reads for the public dashboard: the overview's figures, the lists of open commitments per
ministry, member and party, and the member and party indexes with what is owed to each. Open and
overdue are models.commitments' single definitions."""

import dataclasses
import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, Func, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import TruncQuarter
from django.http import QueryDict
from django.utils import timezone, translation

from commitments.models import Commitment, FormerNumber, Member, Ministry, Party
from commitments.models.commitments import RELATED_RECORDS, open_condition, overdue_condition
from commitments.web.filters import CommitmentFilter

OPEN = open_condition()
# Open lists read soonest deadline first, vague ones last; the number, then the id, keep the
# order of ties the same on every page.
BY_DEADLINE = (F("due_date").asc(nulls_last=True), "number", "pk")


def status_counts(queryset):
    """Counts by status, overdue, due within 30 days and without a deadline, in one query."""
    today = timezone.localdate()
    return queryset.aggregate(
        total=Count("pk"),
        open=Count("pk", filter=OPEN & Q(status=Commitment.Status.OPEN)),
        partially_fulfilled=Count(
            "pk", filter=OPEN & Q(status=Commitment.Status.PARTIALLY_FULFILLED)
        ),
        fulfilled=Count("pk", filter=Q(status=Commitment.Status.FULFILLED)),
        lapsed=Count("pk", filter=Q(status=Commitment.Status.LAPSED)),
        overdue=Count("pk", filter=overdue_condition()),
        due_soon=Count(
            "pk",
            filter=OPEN & Q(due_date__gte=today, due_date__lte=today + datetime.timedelta(days=30)),
        ),
        without_deadline=Count("pk", filter=OPEN & Q(due_date__isnull=True)),
    )


def per_ministry():
    """Per ministry: open, overdue, fulfilled, and how many of the fulfilled were on time."""
    ministries = Ministry.objects.annotate(
        open_count=Count("commitments", filter=open_condition("commitments__")),
        overdue_count=Count("commitments", filter=overdue_condition("commitments__")),
        fulfilled_count=Count(
            "commitments", filter=Q(commitments__status=Commitment.Status.FULFILLED)
        ),
        on_time_count=Count(
            "commitments",
            filter=Q(
                commitments__status=Commitment.Status.FULFILLED,
                commitments__fulfilled_on__lte=F("commitments__due_date"),
            ),
        ),
    ).order_by("-overdue_count", "name")
    rows = list(ministries)
    widest = max((m.open_count + m.fulfilled_count for m in rows), default=0) or 1
    for ministry in rows:
        ministry.on_time_share = (
            round(100 * ministry.on_time_count / ministry.fulfilled_count)
            if ministry.fulfilled_count
            else None
        )
        # Bar widths in percent of the widest ministry, for the inline SVG.
        ministry.bar_overdue = 100 * ministry.overdue_count / widest
        ministry.bar_open = 100 * (ministry.open_count - ministry.overdue_count) / widest
        ministry.bar_fulfilled = 100 * ministry.fulfilled_count / widest
    return rows


def per_quarter(quarters: int = 12):
    """Commitments made and fulfilled per quarter, for the last `quarters` quarters."""
    today = timezone.localdate()
    first = datetime.date(today.year - quarters // 4, 1, 1)
    made = dict(
        Commitment.objects.filter(made_on__gte=first)
        .annotate(quarter=TruncQuarter("made_on"))
        .values_list("quarter")
        .annotate(count=Count("pk"))
        .values_list("quarter", "count")
    )
    fulfilled = dict(
        Commitment.objects.filter(fulfilled_on__gte=first)
        .annotate(quarter=TruncQuarter("fulfilled_on"))
        .values_list("quarter")
        .annotate(count=Count("pk"))
        .values_list("quarter", "count")
    )
    starts = []
    start = datetime.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    for _ in range(quarters):
        starts.append(start)
        start = datetime.date(start.year - (start.month == 1), (start.month - 4) % 12 + 1, 1)
    starts.reverse()
    highest = max([*made.values(), *fulfilled.values(), 1])
    bars = []
    # The chart is 100 units high per bar and 100 units wide per quarter.
    for position, quarter in enumerate(starts):
        made_height = 100 * made.get(quarter, 0) / highest
        fulfilled_height = 100 * fulfilled.get(quarter, 0) / highest
        bars.append(
            {
                "label": f"{quarter.year} Q{(quarter.month - 1) // 3 + 1}",
                "made": made.get(quarter, 0),
                "fulfilled": fulfilled.get(quarter, 0),
                "x": position * 100,
                "made_height": made_height,
                "made_y": 100 - made_height,
                "fulfilled_height": fulfilled_height,
                "fulfilled_y": 100 - fulfilled_height,
            }
        )
    return bars


@dataclasses.dataclass(frozen=True)
class Card:
    """One figure of the overview: `query`, the list's filters as a query string of
    web.filters.CommitmentFilter, and `count`, how many commitments the list shows for it."""

    query: str
    count: int


# How far ahead "due in the next 30 days" looks, in days, today included.
DUE_SOON_DAYS = 30


def card_queries(today: datetime.date) -> dict[str, str]:
    """Each linked card of the overview as the list's filters (a CommitmentFilter query string),
    by the card's key in the template."""
    return {
        "open": urlencode({"status": Commitment.Status.OPEN}),
        "overdue": urlencode({"overdue": "true"}),
        "due_soon": urlencode(
            [
                ("status", Commitment.Status.OPEN),
                ("status", Commitment.Status.PARTIALLY_FULFILLED),
                ("due_after", today.isoformat()),
                ("due_before", (today + datetime.timedelta(days=DUE_SOON_DAYS)).isoformat()),
            ]
        ),
        "partially_fulfilled": urlencode({"status": Commitment.Status.PARTIALLY_FULFILLED}),
        "fulfilled": urlencode({"status": Commitment.Status.FULFILLED}),
        "lapsed": urlencode({"status": Commitment.Status.LAPSED}),
    }


def overview_cards(today: datetime.date | None = None) -> dict[str, Card]:
    """The overview's linked cards, each counted through the same CommitmentFilter its link
    opens, so a card's number is the number of rows its list shows: one COUNT query per card."""
    cards = {}
    for key, query in card_queries(today or timezone.localdate()).items():
        listed = CommitmentFilter(QueryDict(query), queryset=Commitment.objects.all())
        cards[key] = Card(query=query, count=listed.matching.count())
    return cards


def overview_figures():
    """The overview's aggregates over the whole register, cached for a short while: they read
    every row, and a minute's delay in a count is harmless where a slow front page is not."""
    return cache.get_or_set(
        f"overview-figures-{translation.get_language()}",
        lambda: {
            "counts": status_counts(Commitment.objects.all()),
            "cards": overview_cards(),
            "ministries": per_ministry(),
            "quarters": per_quarter(),
        },
        timeout=settings.DASHBOARD_CACHE_SECONDS,
    )


def most_overdue(limit: int = 10):
    """The `limit` commitments longest overdue, with their ministry and official."""
    return (
        Commitment.objects.overdue()
        .select_related("ministry", "official")
        # The same order as overdue_since (the day after the due date), served by an index.
        .order_by("due_date", "number")[:limit]
    )


def open_of_ministry(ministry: Ministry):
    """The ministry's open commitments, soonest deadline first."""
    return ministry.commitments.open().select_related("official").order_by(*BY_DEADLINE)


def owed_to_member(member):
    """The open commitments made to `member`, soonest deadline first."""
    return (
        Commitment.objects.open()
        .filter(made_to=member)
        .select_related("ministry", "official")
        .order_by(*BY_DEADLINE)
    )


def commitment_page(number: str):
    """The commitment with `number`, with what its page shows beside it; raises
    Commitment.DoesNotExist."""
    return Commitment.objects.select_related(*RELATED_RECORDS).get(number=number)


def current_number(former: str) -> str | None:
    """The number now of the commitment that had the number `former`, or None."""
    return (
        FormerNumber.objects.filter(number=former)
        .values_list("commitment__number", flat=True)
        .first()
    )


def related_back(commitment: Commitment):
    """The commitments that repeat, amend or supplement `commitment`."""
    return (
        Commitment.objects.filter(
            Q(repeats=commitment) | Q(amends=commitment) | Q(supplements=commitment)
        )
        .only("number", "summary", "repeats_id", "amends_id", "supplements_id")
        .order_by("number")
    )


def fulfilled_late_condition(relation: str = "") -> Q:
    """Fulfilled after its due date. `relation` as in open_condition()."""
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


# What is owed to an addressee, counted: open, overdue, fulfilled on time and fulfilled late, by
# the one definitions of open and overdue (models/commitments.py).
OWED_CONDITIONS = {
    "open_count": open_condition,
    "overdue_count": overdue_condition,
    "on_time_count": fulfilled_on_time_condition,
    "late_count": fulfilled_late_condition,
}

# Orders of the member and party indexes (?o=), most overdue first by default; the name, then the
# id, keep ties in the same order on every page.
INDEX_ORDERS = {
    "overdue": ("-overdue_count", "-open_count"),
    "open": ("-open_count", "-overdue_count"),
    "late": ("-late_count", "-overdue_count"),
    "name": (),
}


def index_order(key: str | None) -> tuple[str, tuple]:
    """The order `key` names (INDEX_ORDERS), or the default "overdue" for anything else; as
    (key, order_by fields without the tie breakers)."""
    key = key if key in INDEX_ORDERS else "overdue"
    return key, INDEX_ORDERS[key]


def members_owed(order: str | None = None, *, party=None):
    """Members with open_count, overdue_count, on_time_count and late_count of the commitments
    made to each, and their party; ordered by `order` (INDEX_ORDERS). One query with one GROUP
    BY, however many members; `party` limits it to that party's members."""
    _key, fields = index_order(order)
    members = Member.objects.select_related("party").annotate(
        **{
            name: Count("commitments", filter=condition("commitments__"))
            for name, condition in OWED_CONDITIONS.items()
        }
    )
    if party is not None:
        members = members.filter(party=party)
    return members.order_by(*fields, "name", "pk")


def made_to_party(party) -> Q:
    """Commitments made to `party` (a Party, its pk or an OuterRef) or to one of its members."""
    through_member = Commitment.made_to.through.objects.filter(member__party=party)
    directly = Commitment.made_to_parties.through.objects.filter(party=party)
    return Q(pk__in=through_member.values("commitment_id")) | Q(
        pk__in=directly.values("commitment_id")
    )


def count_of(condition: Q):
    """A scalar subquery counting the commitments that meet `condition`, for an annotation."""
    matching = Commitment.objects.filter(condition).order_by().values("pk")
    return Subquery(
        matching.annotate(n=Func(F("pk"), function="COUNT")).values("n"),
        output_field=IntegerField(),
    )


def parties_owed(order: str | None = None):
    """Parties with open_count, overdue_count, on_time_count and late_count of the commitments
    made to each party or to any of its members, each commitment counted once however many of
    them it was made to; ordered by `order` (INDEX_ORDERS). One query (a scalar subquery per
    count), however many parties."""
    _key, fields = index_order(order)
    owed = made_to_party(OuterRef(OuterRef("pk")))
    parties = Party.objects.annotate(
        **{name: count_of(condition() & owed) for name, condition in OWED_CONDITIONS.items()}
    )
    return parties.order_by(*fields, "abbreviation", "pk")


def owed_counts(queryset) -> dict:
    """The index's counts over `queryset` of commitments, in one query:
    {"open_count": int, "overdue_count": int, "on_time_count": int, "late_count": int}."""
    return queryset.aggregate(
        **{name: Count("pk", filter=condition()) for name, condition in OWED_CONDITIONS.items()}
    )


def owed_to_party(party):
    """The open commitments made to `party` or to one of its members, soonest deadline first."""
    return (
        Commitment.objects.open()
        .filter(made_to_party(party))
        .select_related("ministry", "official")
        .order_by(*BY_DEADLINE)
    )
