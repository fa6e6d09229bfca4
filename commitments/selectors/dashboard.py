"""Reads for the public dashboard: the overview's figures and the lists of open commitments per
ministry and per member. Open and overdue are models.commitments' single definitions."""

import dataclasses
import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, Q
from django.db.models.functions import TruncQuarter
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from commitments.models import Commitment, FormerNumber, Ministry
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


def chart_axis(highest: int) -> dict:
    """A value axis from 0 that fits `highest` (a count), with three whole-number ticks at its
    start, middle and end: {"max": int, "ticks": [0, max // 2, max]}. The middle is 1, 2 or 5
    times a power of ten, so the ticks read as round numbers (0-5-10, not 0-4-7)."""
    half = nice_step(max(1, -(-highest // 2)))
    return {"max": 2 * half, "ticks": [0, half, 2 * half]}


def nice_step(value: int) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50, ... not below `value` (a positive whole number)."""
    scale = 1
    while True:
        for step in (1, 2, 5):
            if step * scale >= value:
                return step * scale
        scale *= 10


def per_ministry():
    """Per ministry, most overdue first: open_count, overdue_count, fulfilled_count, on_time_count
    and on_time_share (percent of the fulfilled, or None), and for the chart the widths in percent
    of the shared axis (bar_overdue, bar_open for the open ones not overdue, bar_fulfilled).
    Returns (rows, axis) with axis as chart_axis() gives it. One query."""
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
    ).order_by("-overdue_count", "-open_count", "name")
    rows = list(ministries)
    axis = chart_axis(max((m.open_count + m.fulfilled_count for m in rows), default=0))
    for ministry in rows:
        ministry.on_time_share = (
            round(100 * ministry.on_time_count / ministry.fulfilled_count)
            if ministry.fulfilled_count
            else None
        )
        ministry.open_not_overdue = ministry.open_count - ministry.overdue_count
        ministry.bar_overdue = 100 * ministry.overdue_count / axis["max"]
        ministry.bar_open = 100 * ministry.open_not_overdue / axis["max"]
        ministry.bar_fulfilled = 100 * ministry.fulfilled_count / axis["max"]
    return rows, axis


# How far back the quarter chart may reach: five years, so a register whose commitments are a
# few years old (the seed's are from November 2022) still shows them.
QUARTERS_BACK = 20


def quarter_start(day: datetime.date, back: int = 0) -> datetime.date:
    """The first day of the quarter `back` quarters before the one `day` is in."""
    index = day.year * 4 + (day.month - 1) // 3 - back
    return datetime.date(index // 4, 3 * (index % 4) + 1, 1)


def per_quarter(quarters: int = QUARTERS_BACK):
    """Commitments made and fulfilled per quarter, from the first quarter with either (at most
    `quarters` back) to the current one; the last four when there is none. Returns (rows, axis):
    rows as [{"label": "Q4 2022" (in the active language), "start": date, "made": int,
    "fulfilled": int, "made_width": float, "fulfilled_width": float}] with the widths in percent
    of axis["max"] (chart_axis()). Two queries."""
    today = timezone.localdate()
    first = quarter_start(today, quarters - 1)
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
    current = quarter_start(today)
    start = min([*made, *fulfilled], default=quarter_start(today, 3))
    axis = chart_axis(max([*made.values(), *fulfilled.values(), 0]))
    rows = []
    while start <= current:
        rows.append(
            {
                "label": _("Q%(quarter)d %(year)d")
                % {"quarter": (start.month - 1) // 3 + 1, "year": start.year},
                "start": start,
                "made": made.get(start, 0),
                "fulfilled": fulfilled.get(start, 0),
                "made_width": 100 * made.get(start, 0) / axis["max"],
                "fulfilled_width": 100 * fulfilled.get(start, 0) / axis["max"],
            }
        )
        start = quarter_start(start, -1)
    return rows, axis


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
    opens, so a card's number is the number of rows its list shows. One aggregate query: each
    card counts the rows its FilterSet's WHERE clause selects (at 10^6 commitments 0.48 s, where
    a COUNT per card took 1.7 s). Raises ValueError for a card whose filters join another table,
    which that WHERE clause cannot be counted without."""
    queries = card_queries(today or timezone.localdate())
    counts = {}
    for key, query in queries.items():
        listed = CommitmentFilter(QueryDict(query), queryset=Commitment.objects.all()).matching
        if len(listed.query.alias_map) > 1:
            raise ValueError(f"The card {key!r} joins another table: {query}")
        counts[key] = Count("pk", filter=listed.query.where)
    totals = Commitment.objects.aggregate(**counts)
    return {key: Card(query=query, count=totals[key]) for key, query in queries.items()}


def overview_figures():
    """The overview's aggregates over the whole register, cached for a short while: they read
    every row, and a minute's delay in a count is harmless where a slow front page is not.
    {"counts": status_counts(), "ministries", "ministry_axis": per_ministry(), "quarters",
    "quarter_axis": per_quarter()}."""

    def compute():
        ministries, ministry_axis = per_ministry()
        quarters, quarter_axis = per_quarter()
        return {
            "counts": status_counts(Commitment.objects.all()),
            "cards": overview_cards(),
            "ministries": ministries,
            "ministry_axis": ministry_axis,
            "quarters": quarters,
            "quarter_axis": quarter_axis,
        }

    # "charts-2": the figures' shape changed with the charts' axes; a value cached by the
    # previous release must not be read as this one.
    return cache.get_or_set(
        f"overview-figures-charts-2-{translation.get_language()}",
        compute,
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


def with_days_overdue(commitments, *, today: datetime.date | None = None) -> list:
    """`commitments` (overdue ones, with a due date) as a list, each with days_overdue: the whole
    days from its due date to `today` (the local date by default)."""
    today = today or timezone.localdate()
    rows = list(commitments)
    for commitment in rows:
        commitment.days_overdue = (today - commitment.due_date).days
    return rows


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
