"""The public dashboard: read-only pages over the same querysets as the admin, tasks and API."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from commitments.models import Commitment, Member, Ministry, Party
from commitments.selectors import dashboard, history, owed
from commitments.web.chips import active_filters
from commitments.web.filters import CommitmentFilter


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


@dashboard_view
def overview(request):
    figures = dashboard.overview_figures()
    return render(
        request,
        "commitments/overview.html",
        {
            **figures,
            "most_overdue": dashboard.with_days_overdue(dashboard.most_overdue()),
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


# The largest row offset a database takes (a signed 64-bit integer on PostgreSQL and SQLite).
LARGEST_OFFSET = 2**63 - 1


def page_of(queryset, request, *, size: int):
    """A page without counting the whole result: one row more than shown says whether there
    is a next page.

    `?page=` is a whole number from 1; anything else reads as page 1. A page past the last one
    raises Http404, as does one whose offset no database could take
    (`?page=184467440737095518`), so an address that shows nothing says so.
    """
    try:
        number = max(int(request.GET.get("page", 1)), 1)
    except ValueError:
        number = 1
    offset = (number - 1) * size
    if offset + size + 1 > LARGEST_OFFSET:
        raise Http404
    rows = list(queryset[offset : offset + size + 1])
    if number > 1 and not rows:
        raise Http404
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
            "chips": active_filters(filterset, request.GET),
        },
    )


@dashboard_view
def commitment_detail(request, number):
    try:
        commitment = dashboard.commitment_page(number)
    except Commitment.DoesNotExist:
        # A number the commitment had before (our series left the Chamber's): its address
        # stays, moved for good.
        current = dashboard.current_number(number)
        if current is None:
            raise Http404 from None
        return redirect("commitment-detail", number=current, permanent=True)
    return render(
        request,
        "commitments/commitment_detail.html",
        {
            "commitment": commitment,
            "made_to": commitment.made_to.select_related("party"),
            "made_to_parties": commitment.made_to_parties.all(),
            "related_back": dashboard.related_back(commitment),
            "timeline": history.timeline(commitment),
        },
    )


@dashboard_view
def ministry_detail(request, abbreviation):
    ministry = get_object_or_404(Ministry, abbreviation=abbreviation)
    return render(
        request,
        "commitments/ministry_detail.html",
        {
            "ministry": ministry,
            "counts": dashboard.status_counts(ministry.commitments.all()),
            "page": page_of(
                dashboard.open_of_ministry(ministry), request, size=settings.DASHBOARD_PAGE_SIZE
            ),
        },
    )


@dashboard_view
def member_detail(request, pk):
    member = get_object_or_404(Member.objects.select_related("party"), pk=pk)
    return render(
        request,
        "commitments/member_detail.html",
        {
            "member": member,
            "page": page_of(
                dashboard.owed_to_member(member), request, size=settings.DASHBOARD_PAGE_SIZE
            ),
        },
    )


# The orders a reader can pick on the member and party indexes (selectors.owed.INDEX_ORDERS).
INDEX_ORDER_LABELS = (
    ("overdue", gettext_lazy("Most overdue commitments")),
    ("open", gettext_lazy("Most open commitments")),
    ("late", gettext_lazy("Most fulfilled late")),
    ("name", gettext_lazy("Name")),
)


def index_page(request, selector):
    """The context of a member or party index: one page of `selector(order)`, the order picked
    with ?o= (most overdue by default), the orders to pick from, and the query string for the
    pager (the order kept, the page left out)."""
    order = owed.index_order(request.GET.get("o"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "page": page_of(selector(order), request, size=settings.DASHBOARD_PAGE_SIZE),
        "order": order,
        "orders": INDEX_ORDER_LABELS,
        "query": query.urlencode(),
    }


@dashboard_view
def member_list(request):
    """Every member with what is owed to them, most overdue first unless ?o= says otherwise."""
    return render(request, "commitments/member_list.html", index_page(request, owed.members_owed))


@dashboard_view
def party_list(request):
    """Every party with what is owed to it or its members, most overdue first by default."""
    return render(request, "commitments/party_list.html", index_page(request, owed.parties_owed))


@dashboard_view
def party_detail(request, abbreviation):
    """What is owed to a party or its members: the counts, the open commitments, the members."""
    party = get_object_or_404(Party, abbreviation=abbreviation)
    return render(
        request,
        "commitments/party_detail.html",
        {
            "party": party,
            "counts": owed.owed_to_party(party),
            "members": owed.members_owed(party=party),
            "page": page_of(owed.open_to_party(party), request, size=settings.DASHBOARD_PAGE_SIZE),
        },
    )
