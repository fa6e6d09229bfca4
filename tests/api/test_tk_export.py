"""The export in the Tweede Kamer's shape (`/api/odata/Toezegging`), and the round trip through
it: what we export, our importer reads back into an empty database as the same commitments."""

import datetime
import io
import json
import urllib.parse
import uuid

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.api.odata import ToezeggingFeed
from commitments.models import (
    Commitment,
    Document,
    Ministry,
    NumberCounter,
    Official,
    TkSync,
)
from commitments.tk.export import EXPORT_ID_NAMESPACE
from tests.factories import CommitmentFactory, DocumentFactory, OfficialFactory

URL = "/api/odata/Toezegging"


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(ToezeggingFeed, "page_size", 3)


def all_pages(client, url: str = URL) -> list[dict]:
    """Every page, following @odata.nextLink as a client of the Chamber's API does."""
    pages = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content[:300]
        page = response.json()
        pages.append(page)
        url = page.get("@odata.nextLink")
    return pages


def records(pages: list[dict]) -> list[dict]:
    return [record for page in pages for record in page["value"]]


@pytest.fixture
def varied(db):
    """Commitments in every state our model knows, with officials of every name shape."""
    official = OfficialFactory(
        name="E. van der Burg", function="Staatssecretaris van Justitie en Veiligheid"
    )
    debate = DocumentFactory(kind=Document.Kind.DEBATE, tk_activity_number="2024A01234")
    return [
        CommitmentFactory(official=official, ministry=official.ministry, source=debate),
        CommitmentFactory(
            status=Commitment.Status.FULFILLED,
            fulfilled_on=datetime.date(2024, 5, 2),
            made_on=datetime.date(2024, 4, 10),
        ),
        CommitmentFactory(
            status=Commitment.Status.PARTIALLY_FULFILLED, fulfilled_on=datetime.date(2024, 4, 1)
        ),
        CommitmentFactory(status=Commitment.Status.LAPSED, made_on=datetime.date(2023, 12, 31)),
        CommitmentFactory(
            due_date=None, due_precision=Commitment.Precision.NONE, deadline_phrase=""
        ),
        CommitmentFactory(official=None, summary="Een samenvatting", text="Een lange tekst. " * 40),
        CommitmentFactory(official=OfficialFactory(name="Kuik")),
    ]


# --- the shape ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_serves_commitments_in_the_tweede_kamers_shape(client, varied):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["OData-Version"] == "4.0"
    page = response.json()
    assert page["@odata.context"] == "http://testserver/api/odata/$metadata#Toezegging"
    assert "@odata.nextLink" not in page

    first = varied[0]
    record = page["value"][0]
    assert record["Id"] == str(uuid.uuid5(EXPORT_ID_NAMESPACE, first.number))
    assert record["Nummer"] == first.number
    assert record["Tekst"] == first.text
    assert (record["Naam"], record["Initialen"], record["Tussenvoegsel"], record["Achternaam"]) == (
        "Burg, E. van der",
        "E.",
        "van der",
        "Burg",
    )
    assert record["Functie"] == "Staatssecretaris van Justitie en Veiligheid"
    assert record["Ministerie"] == first.ministry.name
    assert record["Status"] == "Openstaand"
    assert record["Aanmaakdatum"] == "2024-03-01T00:00:00+01:00"
    assert record["DatumNakoming"] == "2024-07-04T00:00:00+02:00"
    assert record["ActiviteitNummer"] == "2024A01234"
    assert record["Verwijderd"] is False
    assert datetime.datetime.fromisoformat(record["GewijzigdOp"]) == first.updated_at
    assert record["ApiGewijzigdOp"].endswith("Z")

    statuses = [record["Status"] for record in page["value"]]
    assert statuses[:4] == ["Openstaand", "Afgedaan", "Deels afgedaan", "Vervallen"]
    vague = page["value"][4]
    assert vague["DatumNakoming"] == "0001-01-01T00:00:00Z"
    nobody = page["value"][5]
    assert nobody["Naam"] is None and nobody["Functie"] is None


def selects_for(client, url: str) -> int:
    """The SELECT statements one request runs (ATOMIC_REQUESTS adds its savepoints)."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return sum(query["sql"].startswith("SELECT") for query in captured.captured_queries)


@pytest.mark.django_db
def test_it_pages_through_next_links_with_one_query_per_page(
    client, monkeypatch, small_pages, varied
):
    pages = all_pages(client)

    assert [len(page["value"]) for page in pages] == [3, 3, 1]
    assert [record["Nummer"] for record in records(pages)] == [c.number for c in varied]
    assert all("@odata.nextLink" in page for page in pages[:-1])
    # One query per page, whatever the page size and however deep the page.
    assert selects_for(client, URL) == 1
    assert selects_for(client, pages[1]["@odata.nextLink"]) == 1
    monkeypatch.setattr(ToezeggingFeed, "page_size", 250)
    assert selects_for(client, URL) == 1


@pytest.mark.django_db
def test_it_filters_and_orders_by_the_last_change_as_a_syncing_client_asks(
    client, small_pages, varied
):
    changed = varied[2]
    changed.summary = "Gewijzigd"
    changed.save()
    since = urllib.parse.quote(varied[-1].updated_at.isoformat())
    pages = all_pages(client, f"{URL}?$filter=GewijzigdOp gt {since}&$orderby=GewijzigdOp")
    assert [record["Nummer"] for record in records(pages)] == [changed.number]

    everything = records(all_pages(client, f"{URL}?$orderby=GewijzigdOp"))
    assert everything[-1]["Nummer"] == changed.number
    assert len(everything) == len(varied)

    Commitment.objects.filter(pk=varied[0].pk).update(withdrawn_from_source=True)
    withdrawn = records(all_pages(client, f"{URL}?$filter=Verwijderd eq true"))
    assert [record["Nummer"] for record in withdrawn] == [varied[0].number]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "option"),
    [
        ("$top=10", "$top"),
        ("$filter=Status eq 'Openstaand'", "$filter"),
        ("$filter=GewijzigdOp gt 2024-01-01", "$filter"),
        ("$orderby=Nummer", "$orderby"),
        ("$skiptoken=not-ours", "$skiptoken"),
        # A position past what a bigint holds (2**64, base64 of "18446744073709551616"): a 500
        # from the database before; now refused as a token this endpoint never handed out.
        ("$skiptoken=MTg0NDY3NDQwNzM3MDk1NTE2MTY", "$skiptoken"),
        ("$format=xml", "$format"),
    ],
)
def test_it_refuses_what_it_does_not_understand(client, query, option):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 400
    assert option in response.json()["errors"]


# --- who may read ---------------------------------------------------------------------------------


# --- the round trip -------------------------------------------------------------------------------

COMPARED = [
    "number",
    "text",
    "summary",
    "status",
    "made_on",
    "due_date",
    "due_precision",
    "deadline_phrase",
    "original_due_date",
    "fulfilled_on",
    "withdrawn_from_source",
]


def register_by_number() -> dict[str, dict]:
    """Every commitment by number: the fields that travel, and its people and source by name."""
    rows = Commitment.objects.select_related("ministry", "official", "source")
    return {
        c.number: {
            **{field: getattr(c, field) for field in COMPARED},
            "ministry": c.ministry.name,
            "official": (c.official.name, c.official.function) if c.official else None,
            "activity": c.source.tk_activity_number if c.source else None,
        }
        for c in rows
    }


def wipe() -> None:
    """An empty register: no commitments, audit trail, people, documents or counters."""
    Commitment.history.all().delete()
    Commitment.objects.all().delete()
    Document.history.all().delete()
    for model in [Official, Ministry, Document, NumberCounter, TkSync]:
        model.objects.all().delete()


@pytest.mark.django_db
def test_it_reads_back_what_it_exports_into_an_empty_database(
    client, small_pages, varied, tmp_path
):
    Commitment.objects.filter(pk=varied[3].pk).update(withdrawn_from_source=True)
    before = register_by_number()
    exported = records(all_pages(client))
    dump = tmp_path / "toezegging.json"
    dump.write_text(json.dumps({"@odata.context": "export", "value": exported}))

    wipe()
    call_command("import_tk_toezeggingen", str(dump), stdout=io.StringIO())

    assert register_by_number() == before
    # And exported again, the records are the same but for the time of our last change.
    again = records(all_pages(client))
    moments = {"GewijzigdOp", "ApiGewijzigdOp"}
    assert [{k: v for k, v in r.items() if k not in moments} for r in again] == [
        {k: v for k, v in r.items() if k not in moments} for r in exported
    ]


@pytest.mark.django_db
def test_it_exports_a_record_from_the_chamber_with_the_chambers_id(client, tmp_path):
    tk_id = "79a2206a-0d1c-4f6e-9a0e-5a4f1c2b3d4e"
    record = {
        "Id": tk_id,
        "Nummer": "TZ202412-116",
        "Tekst": "De minister stuurt in maart 2025 de terugkoppeling op het emissiereductieplan.",
        "Naam": "Wiersma, F.M.",
        "Functie": "Minister van Landbouw, Visserij, Voedselzekerheid en Natuur",
        "Ministerie": "Landbouw, Visserij, Voedselzekerheid en Natuur",
        "Status": "Openstaand",
        "DatumNakoming": "2025-03-31T00:00:00+02:00",
        "Aanmaakdatum": "2024-12-04T15:12:09.123+01:00",
        "ActiviteitNummer": "2024A05766",
        "GewijzigdOp": "2024-12-05T09:00:00+01:00",
        "Verwijderd": False,
    }
    dump = tmp_path / "page.json"
    dump.write_text(json.dumps({"value": [record]}))
    call_command("import_tk_toezeggingen", str(dump), stdout=io.StringIO())

    (exported,) = client.get(URL).json()["value"]
    assert exported["Id"] == tk_id
    assert exported["Naam"] == "Wiersma, F.M."
    assert exported["Ministerie"] == "Landbouw, Visserij, Voedselzekerheid en Natuur"
    assert exported["DatumNakoming"] == "2025-03-31T00:00:00+02:00"
    assert exported["Aanmaakdatum"] == "2024-12-04T00:00:00+01:00"
    assert exported["ActiviteitNummer"] == "2024A05766"
