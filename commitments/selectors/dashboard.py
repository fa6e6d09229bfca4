"""Reads for the public dashboard: the overview's figures and the lists of open commitments per
ministry and per member. Open and overdue are models.commitments' single definitions."""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, Q
from django.db.models.functions import TruncQuarter
from django.utils import timezone, translation

from commitments.models import Commitment, FormerNumber, Ministry
from commitments.models.commitments import RELATED_RECORDS, open_condition, overdue_condition

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


def overview_figures():
    """The overview's aggregates over the whole register, cached for a short while: they read
    every row, and a minute's delay in a count is harmless where a slow front page is not."""
    return cache.get_or_set(
        f"overview-figures-{translation.get_language()}",
        lambda: {
            "counts": status_counts(Commitment.objects.all()),
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
