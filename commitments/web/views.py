"""The public dashboard: read-only pages over the same querysets as the admin, tasks and API."""

import datetime

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.db.models import Count, F, Q
from django.db.models.functions import TruncQuarter
from django.shortcuts import get_object_or_404, render
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from commitments.models import Commitment, Member, Ministry
from commitments.web.filters import CommitmentFilter

OPEN = Q(status__in=Commitment.OPEN_STATUSES)


def dashboard_view(view):
    """Public by default; with DASHBOARD_REQUIRE_LOGIN every dashboard page needs a login. The
    pages only show, so any method but GET and HEAD is refused with a 405."""

    def wrapped(request, *args, **kwargs):
        if settings.DASHBOARD_REQUIRE_LOGIN and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return require_safe(wrapped)


def status_counts(queryset):
    """Counts by status, overdue, due within 30 days and without a deadline, in one query."""
    today = timezone.localdate()
    return queryset.aggregate(
        total=Count("pk"),
        open=Count("pk", filter=Q(status=Commitment.Status.OPEN)),
        partially_fulfilled=Count("pk", filter=Q(status=Commitment.Status.PARTIALLY_FULFILLED)),
        fulfilled=Count("pk", filter=Q(status=Commitment.Status.FULFILLED)),
        lapsed=Count("pk", filter=Q(status=Commitment.Status.LAPSED)),
        overdue=Count("pk", filter=Q(overdue_since__isnull=False)),
        due_soon=Count(
            "pk",
            filter=OPEN & Q(due_date__gte=today, due_date__lte=today + datetime.timedelta(days=30)),
        ),
        without_deadline=Count("pk", filter=OPEN & Q(due_date__isnull=True)),
    )


def per_ministry():
    """Per ministry: open, overdue, fulfilled, and how many of the fulfilled were on time."""
    ministries = Ministry.objects.annotate(
        open_count=Count("commitments", filter=Q(commitments__status__in=Commitment.OPEN_STATUSES)),
        overdue_count=Count("commitments", filter=Q(commitments__overdue_since__isnull=False)),
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


@dashboard_view
def overview(request):
    figures = overview_figures()
    most_overdue = (
        Commitment.objects.filter(overdue_since__isnull=False)
        # The shared commitment table shows each row's ministry and official.
        .select_related("ministry", "official")
        # The same order as overdue_since (the day after the due date), served by an index.
        .order_by("due_date", "number")[:10]
    )
    return render(
        request,
        "commitments/overview.html",
        {
            **figures,
            "chart_width": 100 * len(figures["quarters"]),
            "most_overdue": most_overdue,
            "today": timezone.localdate(),
        },
    )


def filtered_commitments(request):
    """The FilterSet over commitments as the list, the feeds and the exports all use it."""
    return CommitmentFilter(
        request.GET or None,
        queryset=Commitment.objects.select_related("ministry", "official"),
        request=request,
    )


def page_of(queryset, request, *, size: int):
    """A page without counting the whole result: one row more than shown says whether there
    is a next page."""
    try:
        number = max(int(request.GET.get("page", 1)), 1)
    except ValueError:
        number = 1
    offset = (number - 1) * size
    rows = list(queryset[offset : offset + size + 1])
    return {
        "rows": rows[:size],
        "number": number,
        "has_next": len(rows) > size,
        "has_previous": number > 1,
        "first_index": offset + 1,
        "last_index": offset + min(len(rows), size),
    }


@dashboard_view
def commitment_list(request):
    filterset = filtered_commitments(request)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "commitments/commitment_list.html",
        {
            "filter": filterset,
            "page": page_of(filterset.matching, request, size=settings.DASHBOARD_PAGE_SIZE),
            "query": query.urlencode(),
        },
    )


TIMELINE_FIELDS = ["status", "due_date", "overdue_since"]


def timeline(commitment):
    """The public history of a commitment: when its status or deadline changed, and why."""
    records = list(commitment.history.order_by("history_date", "history_id"))
    events = []
    for previous, record in zip([None, *records], records, strict=False):
        if previous is None:
            events.append({"date": record.history_date, "created": True, "changes": []})
            continue
        changes = [
            {"field": field, "old": getattr(previous, field), "new": getattr(record, field)}
            for field in TIMELINE_FIELDS
            if getattr(previous, field) != getattr(record, field)
        ]
        if changes:
            events.append(
                {
                    "date": record.history_date,
                    "changes": changes,
                    "reason": record.history_change_reason,
                }
            )
    return events


@dashboard_view
def commitment_detail(request, number):
    commitment = get_object_or_404(
        Commitment.objects.select_related(
            "ministry",
            "official",
            "committee",
            "source",
            "fulfilled_by",
            "repeats",
            "amends",
            "supplements",
        ),
        number=number,
    )
    related_back = (
        Commitment.objects.filter(
            Q(repeats=commitment) | Q(amends=commitment) | Q(supplements=commitment)
        )
        .only("number", "summary", "repeats_id", "amends_id", "supplements_id")
        .order_by("number")
    )
    return render(
        request,
        "commitments/commitment_detail.html",
        {
            "commitment": commitment,
            "made_to": commitment.made_to.select_related("party"),
            "made_to_parties": commitment.made_to_parties.all(),
            "related_back": related_back,
            "timeline": timeline(commitment),
        },
    )


@dashboard_view
def ministry_detail(request, abbreviation):
    ministry = get_object_or_404(Ministry, abbreviation=abbreviation)
    commitments = ministry.commitments.filter(OPEN).select_related("official")
    return render(
        request,
        "commitments/ministry_detail.html",
        {
            "ministry": ministry,
            "counts": status_counts(ministry.commitments.all()),
            "page": page_of(
                commitments.order_by(F("due_date").asc(nulls_last=True), "number"),
                request,
                size=settings.DASHBOARD_PAGE_SIZE,
            ),
        },
    )


@dashboard_view
def member_detail(request, pk):
    member = get_object_or_404(Member.objects.select_related("party"), pk=pk)
    owed = (
        Commitment.objects.filter(OPEN, made_to=member)
        .select_related("ministry", "official")
        .order_by(F("due_date").asc(nulls_last=True), "number")
    )
    return render(
        request,
        "commitments/member_detail.html",
        {
            "member": member,
            "page": page_of(owed, request, size=settings.DASHBOARD_PAGE_SIZE),
        },
    )
