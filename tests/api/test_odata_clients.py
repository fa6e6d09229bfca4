"""Real OData clients read our export over HTTP from a live server, as they read the Chamber's.

- tkapi 0.9.10 (PyPI, openkamer), the client written for the Chamber's API: `TKApi(api_root)`
  with its default query for an item type (tkapi/core.py `get_params_default`, tkapi/tkapi.py
  `get_items`): `$orderby=GewijzigdOp desc`, `$filter=Verwijderd eq false`,
  `$format=application/json;odata.metadata=full`, following `@odata.nextLink` while the link
  holds its api root. Version 0.9.10 has no Toezegging class, so the test declares one the way
  its own item classes are declared (`type` is the entity set).
- pyodata 1.12.1 (PyPI, SAP): it speaks OData v2 only (pyodata/client.py: ODATA_VERSION_2 is its
  one version; pyodata/v2/service.py reads `{"d": {"results", "__count", "__next"}}`), so it reads
  the same service's v2 rendering at /api/odata/v2/.
"""

import datetime

import pyodata
import pytest
import requests
import tkapi
from tkapi.core import TKItem
from tkapi.filter import PropertyFilter

from commitments.api.odata import views
from commitments.models import Commitment
from tests.api.test_odata_service import chamber_register


class Toezegging(TKItem):
    """tkapi's item for the Chamber's `Toezegging`, declared as tkapi declares its own."""

    type = "Toezegging"

    @property
    def nummer(self) -> str:
        return self.get_property_or_empty_string("Nummer")

    @property
    def status(self) -> str:
        return self.get_property_or_empty_string("Status")


@pytest.fixture
def tk(live_server, monkeypatch):
    # TKApi keeps its root on the class; the monkeypatch puts the Chamber's back afterwards.
    monkeypatch.setattr(tkapi.TKApi, "api_root", f"{live_server.url}/api/odata/")
    return tkapi.TKApi()


@pytest.mark.django_db(transaction=True)
def test_it_lists_our_commitments_to_tkapi_with_its_default_query(tk, monkeypatch):
    made = chamber_register()
    monkeypatch.setattr(views, "PAGE_SIZE", 2)

    items = tk.get_items(Toezegging)

    kept = Commitment.objects.filter(withdrawn_from_source=False)
    assert sorted(item.nummer for item in items) == sorted(kept.values_list("number", flat=True))
    assert made["withdrawn"].number not in {item.nummer for item in items}
    changes = [item.gewijzigd_op for item in items]
    assert changes == sorted(changes, reverse=True)
    by_number = {item.nummer: item for item in items}
    assert by_number["TZ202504-057"].id == "fa9b16b4-ef85-443a-8737-000eada4a50e"
    assert by_number["TZ202402-164"].status == "Deels Afgedaan"
    assert by_number["TZ202504-057"].url.endswith(
        "/api/odata/Toezegging(fa9b16b4-ef85-443a-8737-000eada4a50e)"
    )


@pytest.mark.django_db(transaction=True)
def test_it_gives_tkapi_one_record_and_a_limited_list(tk):
    chamber_register()
    item = tk.get_item(Toezegging, "fa9b16b4-ef85-443a-8737-000eada4a50e")
    assert item.nummer == "TZ202504-057"
    newest = tk.get_items(Toezegging, max_items=2)
    assert len(newest) == 2
    assert newest[0].gewijzigd_op >= newest[1].gewijzigd_op
    # tkapi's own filter, joined with its default one by "and".
    status = PropertyFilter()
    status.filter_property("Status", "Deels Afgedaan")
    assert [item.nummer for item in tk.get_items(Toezegging, filter=status)] == ["TZ202402-164"]


@pytest.fixture
def v2_service(live_server):
    # Closed afterwards: a kept-alive connection would keep the live server's thread, and its
    # database connection, open past the test.
    with requests.Session() as session:
        yield pyodata.Client(f"{live_server.url}/api/odata/v2/", session)


@pytest.mark.django_db(transaction=True)
def test_it_gives_pyodata_a_filtered_ordered_paged_query(v2_service, monkeypatch):
    made = chamber_register()
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    toezegging = v2_service.schema.entity_type("Toezegging")
    assert toezegging.proprty("Id").typ.name == "Edm.Guid"
    assert toezegging.proprty("GewijzigdOp").typ.name == "Edm.DateTimeOffset"

    query = (
        v2_service.entity_sets.Toezegging.get_entities()
        .filter("Verwijderd eq false and Status ne 'Vervallen'")
        .order_by("Nummer desc")
        .count(inline=True)
    )
    first = query.execute()
    pages = [first]
    while pages[-1].next_url:
        pages.append(
            v2_service.entity_sets.Toezegging.get_entities().next_url(pages[-1].next_url).execute()
        )
    got = [entity.Nummer for page in pages for entity in page]
    expected = Commitment.objects.filter(withdrawn_from_source=False).exclude(
        status=Commitment.Status.LAPSED
    )
    assert got == sorted(expected.values_list("number", flat=True), reverse=True)
    assert first.total_count == len(got) == 5
    assert [len(page) for page in pages] == [2, 2, 1]
    assert made["lapsed"].number not in got


@pytest.mark.django_db(transaction=True)
def test_it_gives_pyodata_its_own_filters_and_one_record(v2_service):
    chamber_register()
    entities = v2_service.entity_sets.Toezegging
    started = entities.get_entities().filter(Nummer__startswith="TZ", Status="Afgedaan").execute()
    assert [e.Nummer for e in started] == ["TZ202504-057"]
    changed = entities.get_entities().filter(
        GewijzigdOp__lt=datetime.datetime(2024, 12, 1, tzinfo=datetime.UTC)
    )
    (schreinemacher,) = changed.execute()
    assert schreinemacher.Nummer == "TZ202402-164"
    assert schreinemacher.GewijzigdOp == datetime.datetime.fromisoformat(
        "2024-05-13T14:02:55.447+02:00"
    )
    assert [
        e.Nummer for e in entities.get_entities().filter(Nummer__contains="12-1").execute()
    ] == ["TZ202412-116"]
    one = entities.get_entity("fa9b16b4-ef85-443a-8737-000eada4a50e").execute()
    assert one.Nummer == "TZ202504-057" and one.Status == "Afgedaan"
    assert entities.get_entities().count().filter("Verwijderd eq true").execute() == 1
