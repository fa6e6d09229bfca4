"""Paging through the OData service (`@odata.nextLink` with a key-based `$skiptoken`, in any
order, with `$top` and `$skip`) and what a page costs in queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.api.odata import views
from tests.api.test_odata_service import SYNC_EXPAND, URL, chamber_register, get, numbers


@pytest.fixture
def register(db):
    return chamber_register()


def all_pages(client, url):
    pages = []
    while url:
        pages.append(get(client, url).json())
        url = pages[-1].get("@odata.nextLink")
    return pages


def selects(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        get(client, url)
    return sum(query["sql"].startswith("SELECT") for query in captured.captured_queries)


@pytest.fixture
def pages_of_three(monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 3)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "order", ["", "GewijzigdOp desc", "Nummer", "Status,Nummer desc", "DatumNakoming,Id desc"]
)
def test_it_pages_by_next_link_in_any_order(client, register, monkeypatch, order):
    query = f"$orderby={order}&" if order else ""
    whole = numbers(client, f"{query}$top=100")
    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    pages = all_pages(client, f"{URL}?{query}$filter=Verwijderd eq false or Verwijderd eq true")
    assert [len(page["value"]) for page in pages] == [3, 3, 1]
    assert [r["Nummer"] for page in pages for r in page["value"]] == whole
    assert "$skiptoken=" in pages[0]["@odata.nextLink"]


@pytest.mark.django_db
def test_it_pages_a_top_beyond_a_page_and_a_skip(client, register, monkeypatch):
    everything = numbers(client, "$orderby=Nummer&$top=100")
    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    pages = all_pages(client, f"{URL}?$orderby=Nummer&$skip=1&$top=5")
    assert [len(page["value"]) for page in pages] == [3, 2]
    assert [r["Nummer"] for page in pages for r in page["value"]] == everything[1:6]
    # A $top that fits in a page gets no nextLink, as at the Chamber.
    assert "@odata.nextLink" not in get(client, f"{URL}?$top=3").json()


@pytest.mark.django_db
def test_it_runs_one_query_a_page_and_one_per_count_or_expansion(
    client, register, pages_of_three, monkeypatch
):
    assert selects(client, URL) == 1
    next_link = get(client, f"{URL}?$orderby=GewijzigdOp desc").json()["@odata.nextLink"]
    assert selects(client, next_link) == 1
    assert selects(client, f"{URL}?$filter=contains(Ministerie,'a')&$count=true") == 2
    assert selects(client, f"{URL}?$expand=ToegezegdAan($expand=Persoon,Fractie)") == 2
    assert selects(client, f"{URL}/$count") == 1
    assert selects(client, f"{URL}(fa9b16b4-ef85-443a-8737-000eada4a50e)?$expand=ToegezegdAan") == 2
    monkeypatch.setattr(views, "PAGE_SIZE", 250)
    # What a sync asks for: the page (debates and committees with it), to whom, the letters, the
    # repeats and the amendments; no record supplements another, and a relation with nothing to
    # read costs no query at all.
    assert selects(client, f"{URL}?$expand={SYNC_EXPAND}") == 5
