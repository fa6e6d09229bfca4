"""The OData v4 service at /api/odata/: every query option a client of the Chamber's API sends,
answered over our register as the Chamber would answer it, and refused in OData's error format
when it is not one we understand.

The register `chamber_register` builds holds commitments taken over from the Chamber (their Ids,
numbers and times verbatim from /work/shared/tk/toezegging-real-fragments.json) beside ones
registered here, in every state the export distinguishes.
"""

import datetime
import uuid
import xml.etree.ElementTree as ET

import pytest

from commitments.models import Commitment, Document
from commitments.tk.export import local_id
from tests.factories import (
    CommitmentFactory,
    CommitteeFactory,
    ContactFactory,
    DocumentFactory,
    MemberFactory,
    MinistryFactory,
    OfficialFactory,
    PartyFactory,
)

ROOT = "/api/odata/"
URL = "/api/odata/Toezegging"
UTC = datetime.UTC


def moment(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text)


def chamber_register():
    """Three commitments from the Chamber's register (fragments' Ids, numbers and times), one
    of them with no status given, and four of ours; one of ours withdrawn, one made to a member
    of a party and to another party; a fulfilling letter, a debate with its committee, a repeat
    and an amendment. Returned by name."""
    bz = MinistryFactory(name="Buitenlandse Zaken", abbreviation="BZ")
    ienw = MinistryFactory(name="Infrastructuur en Waterstaat", abbreviation="IenW")
    lvvn = MinistryFactory(
        name="Landbouw, Visserij, Voedselzekerheid en Natuur", abbreviation="LVVN"
    )
    debate = DocumentFactory(kind=Document.Kind.DEBATE, tk_activity_number="2025A00793")
    made = {
        "madlener": CommitmentFactory(
            number="TZ202504-057",
            tk_id=uuid.UUID("fa9b16b4-ef85-443a-8737-000eada4a50e"),
            ministry=ienw,
            official=OfficialFactory(
                name="B. Madlener",
                function="Minister van Infrastructuur en Waterstaat",
                ministry=ienw,
            ),
            source=debate,
            status=Commitment.Status.FULFILLED,
            made_on=datetime.date(2025, 4, 10),
            due_date=datetime.date(2025, 7, 4),
            fulfilled_on=datetime.date(2025, 7, 1),
            source_created_at=moment("2025-04-10T11:12:31.55+02:00"),
            source_changed_at=moment("2025-09-02T10:14:07.6130000+02:00"),
            source_api_changed_at=moment("2025-09-02T08:20:41.1027593+00:00"),
        ),
        "schreinemacher": CommitmentFactory(
            number="TZ202402-164",
            tk_id=uuid.UUID("159e3e36-ab2e-4ca9-a743-0010a3f886f6"),
            ministry=bz,
            official=OfficialFactory(
                name="E.N.A.J. Schreinemacher",
                function="Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking",
                ministry=bz,
            ),
            status=Commitment.Status.PARTIALLY_FULFILLED,
            made_on=datetime.date(2024, 2, 20),
            due_date=None,
            due_precision=Commitment.Precision.NONE,
            source_created_at=moment("2024-02-20T09:41:02.93+01:00"),
            source_changed_at=moment("2024-05-13T14:02:55.4470000+02:00"),
            source_api_changed_at=moment("2024-05-13T12:09:13.5521870+00:00"),
        ),
        "wiersma": CommitmentFactory(
            number="TZ202412-116",
            tk_id=uuid.UUID("79a2206a-0000-4000-8000-000000000116"),
            ministry=lvvn,
            official=None,
            status_not_given=True,
            notes="Status door de bron niet gegeven.",
            made_on=datetime.date(2024, 12, 16),
            due_date=datetime.date(2025, 3, 31),
            source_created_at=moment("2024-12-16T15:01:11.847+01:00"),
            source_changed_at=moment("2024-12-16T15:01:11.847+01:00"),
            source_api_changed_at=moment("2024-12-16T14:20:03.0912245+00:00"),
        ),
        "ours": CommitmentFactory(ministry=bz, official=None, made_on=datetime.date(2024, 3, 1)),
        "lapsed": CommitmentFactory(status=Commitment.Status.LAPSED, ministry=ienw),
        "withdrawn": CommitmentFactory(withdrawn_from_source=True, ministry=ienw),
        "late": CommitmentFactory(
            ministry=lvvn,
            made_on=datetime.date(2025, 1, 6),
            due_date=datetime.date(2025, 3, 31),
        ),
    }
    letter = DocumentFactory(title="Nakoming toezegging zomerreces", date=datetime.date(2025, 7, 1))
    made["madlener"].fulfilled_by = letter
    made["madlener"].committee = CommitteeFactory(name="Vaste commissie voor IenW")
    made["madlener"].save()
    made["wiersma"].repeats = made["madlener"]
    made["wiersma"].save()
    made["late"].amends = made["ours"]
    made["late"].save()
    party, other = PartyFactory(name="Brinkman", abbreviation="BRINK"), PartyFactory()
    member = MemberFactory(name="M. Agema", party=party)
    made["ours"].made_to.add(member)
    made["ours"].made_to_parties.add(party, other)
    made["people"] = (member, party, other)
    return made


@pytest.fixture
def register(db):
    return chamber_register()


def get(client, url, status=200):
    # A "+" in a query string means a space; the offsets of our literals are written with "+".
    response = client.get(url.replace("+", "%2B"))
    assert response.status_code == status, response.content[:500]
    assert response["OData-Version"] == "4.0"
    return response


def numbers(client, query: str) -> list[str]:
    page = get(client, f"{URL}?{query}").json()
    return [record["Nummer"] for record in page["value"]]


def assert_odata_error(response, status: int, target: str | None = None) -> dict:
    """OData's JSON error format, which tkapi reads as ['error']['message']."""
    assert response.status_code == status, response.content[:500]
    error = response.json()["error"]
    assert isinstance(error["code"], str) and error["code"]
    assert isinstance(error["message"], str) and error["message"]
    if target is not None:
        assert error["target"] == target
    return error


# --- the service document and $metadata --------------------------------------------------------


@pytest.mark.django_db
def test_it_names_its_entity_set_in_the_service_document(client):
    body = get(client, ROOT).json()
    assert body["@odata.context"] == "http://testserver/api/odata/$metadata"
    assert body["value"] == [{"name": "Toezegging", "kind": "EntitySet", "url": "Toezegging"}]


@pytest.mark.django_db
def test_it_describes_toezegging_with_the_chambers_properties_and_types(client):
    response = get(client, f"{ROOT}$metadata")
    assert response["Content-Type"].startswith("application/xml")
    edm = "{http://docs.oasis-open.org/odata/ns/edm}"
    document = ET.fromstring(response.content)
    assert document.get("Version") == "4.0"
    schemas = {schema.get("Namespace"): schema for schema in document.iter(f"{edm}Schema")}
    types = {t.get("Name"): t for t in schemas["TK.DA.GGM.OData"].iter(f"{edm}EntityType")}
    properties = {p.get("Name"): p.get("Type") for p in types["Toezegging"].iter(f"{edm}Property")}
    # The live $metadata of the Chamber, as related-entities-real.json records it.
    assert properties == {
        "Id": "Edm.Guid",
        "Aanmaakdatum": "Edm.DateTimeOffset",
        "Nummer": "Edm.String",
        "ActiviteitNummer": "Edm.String",
        "Naam": "Edm.String",
        "Achternaam": "Edm.String",
        "Initialen": "Edm.String",
        "Voornaam": "Edm.String",
        "Achtervoegsel": "Edm.String",
        "Titulatuur": "Edm.String",
        "Functie": "Edm.String",
        "Status": "Edm.String",
        "DatumNakoming": "Edm.DateTimeOffset",
        "Ministerie": "Edm.String",
        "Tekst": "Edm.String",
        "Verwijderd": "Edm.Boolean",
        "GewijzigdOp": "Edm.DateTimeOffset",
        "ApiGewijzigdOp": "Edm.DateTimeOffset",
        "Tussenvoegsel": "Edm.String",
        "Notities": "Edm.String",
    }
    navigation = {
        n.get("Name"): n.get("Type") for n in types["Toezegging"].iter(f"{edm}NavigationProperty")
    }
    assert navigation["ToegezegdAan"] == "Collection(TK.DA.GGM.OData.ToegezegdAan)"
    made_to = {p.get("Name") for p in types["ToegezegdAan"].iter(f"{edm}Property")}
    assert {"Toezegging_Id", "Persoon_Id", "Fractie_Id"} <= made_to
    terms = {term.get("Name") for term in schemas["Tracker"].iter(f"{edm}Term")}
    assert {"Summary", "DuePrecision", "DeadlinePhrase", "FulfilledOn", "MadeOn"} <= terms
    assert schemas["Tracker"].get("Alias") == "tracker"
    (entity_set,) = document.iter(f"{edm}EntitySet")
    assert entity_set.get("EntityType") == "TK.DA.GGM.OData.Toezegging"


# --- records as the Chamber wrote them ---------------------------------------------------------


@pytest.mark.django_db
def test_it_exports_what_it_took_over_as_the_chamber_wrote_it(client, register):
    records = {r["Nummer"]: r for r in get(client, URL).json()["value"]}
    madlener = records["TZ202504-057"]
    assert madlener["Id"] == "fa9b16b4-ef85-443a-8737-000eada4a50e"
    assert moment(madlener["Aanmaakdatum"]) == moment("2025-04-10T11:12:31.55+02:00")
    assert moment(madlener["GewijzigdOp"]) == moment("2025-09-02T10:14:07.613+02:00")
    assert madlener["ApiGewijzigdOp"] == "2025-09-02T08:20:41.102759Z"
    assert madlener["Naam"] == "Madlener, B."
    assert madlener["Status"] == "Afgedaan"
    assert madlener["ActiviteitNummer"] == "2025A00793"
    assert records["TZ202402-164"]["Status"] == "Deels Afgedaan"
    assert records["TZ202402-164"]["DatumNakoming"] == "0001-01-01T00:00:00Z"
    wiersma = records["TZ202412-116"]
    assert wiersma["Status"] == ""
    assert wiersma["Notities"] == "Status door de bron niet gegeven."
    assert wiersma["DatumNakoming"] == "2025-03-31T00:00:00+02:00"
    ours = records[register["ours"].number]
    assert ours["Id"] == str(local_id("Toezegging", register["ours"].pk))
    assert moment(ours["Aanmaakdatum"]) == register["ours"].created_at
    assert moment(ours["GewijzigdOp"]) == register["ours"].updated_at
    assert ours["@tracker.MadeOn"] == "2024-03-01"
    assert ours["@tracker.Summary"] == register["ours"].summary
    assert records[register["lapsed"].number]["Status"] == "Vervallen"


@pytest.mark.django_db
def test_it_serves_json_with_the_metadata_a_client_asks_for(client, register):
    minimal = get(client, URL)
    assert minimal["Content-Type"] == "application/json;odata.metadata=minimal"
    assert "@odata.id" not in minimal.json()["value"][0]

    full = get(client, f"{URL}?$format=application/json;odata.metadata=full").json()
    record = next(r for r in full["value"] if r["Nummer"] == "TZ202504-057")
    link = "http://testserver/api/odata/Toezegging(fa9b16b4-ef85-443a-8737-000eada4a50e)"
    assert record["@odata.id"] == link
    assert record["@odata.type"] == "#TK.DA.GGM.OData.Toezegging"
    assert record["Id@odata.type"] == "#Guid"
    assert record["GewijzigdOp@odata.type"] == "#DateTimeOffset"
    assert record["ToegezegdAan@odata.navigationLink"] == f"{link}/ToegezegdAan"

    none = get(client, f"{URL}?$format=application/json;odata.metadata=none").json()
    assert "@odata.context" not in none and len(none["value"]) == 7
    assert get(client, f"{URL}?$format=json").json()["value"] == minimal.json()["value"]
    by_header = client.get(URL, HTTP_ACCEPT="application/json;odata.metadata=full").json()
    assert "@odata.id" in by_header["value"][0]


# --- $filter -----------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ("Status eq 'Deels Afgedaan'", ["TZ202402-164"]),
        ("Status eq 'Afgedaan'", ["TZ202504-057"]),
        ("Status eq ''", ["TZ202412-116"]),
        ("Nummer eq 'TZ202412-116'", ["TZ202412-116"]),
        ("Nummer ne 'TZ202412-116' and startswith(Nummer, 'TZ')", ["TZ202504-057", "TZ202402-164"]),
        ("contains(Nummer, '02-16')", ["TZ202402-164"]),
        ("Id eq fa9b16b4-ef85-443a-8737-000eada4a50e", ["TZ202504-057"]),
        ("Ministerie eq 'Buitenlandse Zaken' and Verwijderd eq false", ["TZ202402-164", "ours"]),
        (
            "contains(Ministerie, 'Visserij') or Status eq 'Vervallen'",
            ["TZ202412-116", "lapsed", "late"],
        ),
        ("not (Verwijderd eq false)", ["withdrawn"]),
        ("Verwijderd ne false", ["withdrawn"]),
        (
            "GewijzigdOp gt 2025-09-02T08:14:07Z",
            ["TZ202504-057", "ours", "lapsed", "withdrawn", "late"],
        ),
        ("GewijzigdOp lt 2024-12-16T15:01:11.847+01:00", ["TZ202402-164"]),
        ("GewijzigdOp le 2024-12-16T15:01:11.847+01:00", ["TZ202402-164", "TZ202412-116"]),
        (
            "ApiGewijzigdOp ge 2025-09-02T08:20:41.1027593Z"
            " and ApiGewijzigdOp lt 2025-09-03T00:00:00Z",
            ["TZ202504-057"],
        ),
        # No date: 0001-01-01, which odata-query 0.10 cannot read as a literal (its grammar
        # wants a year from 1000), hence "before 1900".
        ("DatumNakoming lt 1900-01-01T00:00:00Z", ["TZ202402-164"]),
        (
            "DatumNakoming ge 2025-03-31T00:00:00+02:00"
            " and DatumNakoming lt 2025-04-01T00:00:00+02:00",
            ["TZ202412-116", "late"],
        ),
        (
            "DatumNakoming ge 2025-03-30T22:00:00Z and DatumNakoming le 2025-03-30T22:00:00Z",
            ["TZ202412-116", "late"],
        ),
        (
            "DatumNakoming gt 2025-03-30T23:00:00Z and DatumNakoming lt 2025-07-05T00:00:00Z",
            ["TZ202504-057"],
        ),
        ("Nummer in ('TZ202504-057', 'TZ202412-116')", ["TZ202504-057", "TZ202412-116"]),
    ],
)
def test_it_filters_on_the_properties_clients_use(client, register, condition, expected):
    named = {c.number: name for name, c in register.items() if isinstance(c, Commitment)}
    got = [
        named[n] if not n.startswith("TZ") else n for n in numbers(client, f"$filter={condition}")
    ]
    assert sorted(got) == sorted(expected)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "target"),
    [
        ("$filter=Tekst eq 'x'", "$filter"),
        ("$filter=Status eq 1", "$filter"),
        ("$filter=Verwijderd gt false", "$filter"),
        ("$filter=GewijzigdOp gt 2024-01-01", "$filter"),
        ("$filter=GewijzigdOp gt 2024-01-01T00:00:00", "$filter"),
        ("$filter=Id eq 'fa9b16b4'", "$filter"),
        ("$filter=tolower(Status) eq 'afgedaan'", "$filter"),
        ("$filter=contains(Verwijderd, 'x')", "$filter"),
        ("$filter=ToegezegdAan/any(t: t/Persoon_Id ne null)", "$filter"),
        ("$filter=Status eq", "$filter"),
        ("$filter=Nummer", "$filter"),
        ("$orderby=Tekst", "$orderby"),
        ("$orderby=Nummer sideways", "$orderby"),
        ("$top=-1", "$top"),
        ("$top=ten", "$top"),
        ("$skip=x", "$skip"),
        ("$select=Geheim", "$select"),
        ("$expand=Zaak", "$expand"),
        ("$expand=IsHerhalingVan($top=1)", "$expand"),
        ("$expand=ToegezegdAan($expand=Commissie)", "$expand"),
        ("$count=maybe", "$count"),
        ("$format=xml", "$format"),
        ("$format=application/json;odata.metadata=verbose", "$format"),
        ("$skiptoken=not-ours", "$skiptoken"),
        # A position past what a bigint holds: refused as a token we never handed out.
        ("$skiptoken=WzE4NDQ2NzQ0MDczNzA5NTUxNjE2XQ", "$skiptoken"),
        # [1, 5] for an order by Id: a number where a GUID's text belongs.
        ("$orderby=Id&$skiptoken=WzEsNV0", "$skiptoken"),
        # ["2024-01-01", 5], a token made for another order.
        ("$orderby=GewijzigdOp&$skiptoken=WyIyMDI0LTAxLTAxIiw1XQ", "$skiptoken"),
        ("$apply=groupby((Status))", "$apply"),
        # A chain deeper than Python's recursion limit allows: refused before it is visited.
        ("$filter=" + " or ".join(["Nummer eq 'x'"] * 600), "$filter"),
        ("$filter=" + "not (" * 400 + "Verwijderd eq true" + ")" * 400, "$filter"),
    ],
)
def test_it_refuses_what_it_does_not_understand_in_odatas_error_format(client, query, target):
    assert_odata_error(client.get(f"{URL}?{query}"), 400, target)


# --- $orderby, $top, $skip, $select, $count ----------------------------------------------------


@pytest.mark.django_db
def test_it_orders_ascending_and_descending_on_each_property(client, register):
    def values(order, prop):
        return [r[prop] for r in get(client, f"{URL}?$orderby={order}").json()["value"]]

    assert values("Nummer", "Nummer") == sorted(values("Nummer", "Nummer"))
    assert values("Nummer desc", "Nummer") == sorted(values("Nummer", "Nummer"), reverse=True)
    changes = [moment(v) for v in values("GewijzigdOp desc", "GewijzigdOp")]
    assert changes == sorted(changes, reverse=True)
    api = [moment(v) for v in values("ApiGewijzigdOp asc", "ApiGewijzigdOp")]
    assert api == sorted(api)
    assert values("Id", "Id") == sorted(values("Id", "Id"))
    assert values("Verwijderd desc,Nummer", "Verwijderd")[0] is True
    assert values("Status,Nummer", "Status")[:2] == ["", "Afgedaan"]
    due = values("DatumNakoming desc,Nummer", "DatumNakoming")
    assert due[-1] == "0001-01-01T00:00:00Z"
    ministries = values("Ministerie desc,Nummer desc", "Ministerie")
    assert ministries == sorted(ministries, reverse=True)


@pytest.mark.django_db
def test_it_takes_top_and_skip_and_counts_what_matches(client, register):
    everything = numbers(client, "$orderby=Nummer")
    assert numbers(client, "$orderby=Nummer&$top=3") == everything[:3]
    assert numbers(client, "$orderby=Nummer&$skip=2&$top=3") == everything[2:5]
    assert numbers(client, "$orderby=Nummer&$skip=10") == []
    page = get(client, f"{URL}?$filter=startswith(Nummer,'TZ')&$count=true&$top=1").json()
    assert page["@odata.count"] == 3 and len(page["value"]) == 1
    assert "@odata.nextLink" not in page
    counted = get(client, f"{URL}/$count?$filter=Verwijderd eq false")
    assert counted["Content-Type"].startswith("text/plain")
    assert counted.content == b"6"
    assert get(client, f"{URL}/$count").content == b"7"
    assert_odata_error(client.get(f"{URL}/$count?$top=1"), 400, "$top")


@pytest.mark.django_db
def test_it_selects_the_properties_asked_for(client, register):
    page = get(client, f"{URL}?$select=Id,Nummer,Status&$orderby=Nummer&$top=1").json()
    assert (
        page["@odata.context"]
        == "http://testserver/api/odata/$metadata#Toezegging(Id,Nummer,Status)"
    )
    assert [set(r) for r in page["value"]] == [{"Id", "Nummer", "Status"}]


# --- one record, and to whom it was made -------------------------------------------------------


@pytest.mark.django_db
def test_it_serves_one_record_by_its_id(client, register):
    record = get(client, f"{URL}(fa9b16b4-ef85-443a-8737-000eada4a50e)").json()
    assert record["@odata.context"] == "http://testserver/api/odata/$metadata#Toezegging/$entity"
    assert record["Nummer"] == "TZ202504-057"
    ours = register["ours"]
    key = local_id("Toezegging", ours.pk)
    assert get(client, f"{URL}({key})?$select=Nummer").json()["Nummer"] == ours.number
    assert get(client, f"{URL}(guid'{key}')").json()["Nummer"] == ours.number
    # Our GUID for a row that the Chamber gave an Id of its own names nothing.
    taken = local_id("Toezegging", register["madlener"].pk)
    assert_odata_error(client.get(f"{URL}({taken})"), 404)
    assert_odata_error(client.get(f"{URL}({uuid.uuid4()})"), 404)
    assert_odata_error(client.get(f"{URL}(TZ202504-057)"), 404)


@pytest.mark.django_db
def test_it_expands_to_whom_a_commitment_was_made(client, register):
    member, party, other = register["people"]
    ours = register["ours"]
    key = str(local_id("Toezegging", ours.pk))
    page = get(
        client, f"{URL}?$expand=ToegezegdAan($expand=Persoon,Fractie)&$orderby=Nummer"
    ).json()
    made_to = {r["Nummer"]: r["ToegezegdAan"] for r in page["value"]}
    assert made_to["TZ202504-057"] == []
    first, second = made_to[ours.number]
    assert (first["Toezegging_Id"], first["Persoon_Id"], first["Fractie_Id"]) == (
        key,
        str(local_id("Persoon", member.pk)),
        str(local_id("Fractie", party.pk)),
    )
    assert first["Persoon"]["Achternaam"] == "Agema" and first["Persoon"]["Initialen"] == "M."
    assert first["Fractie"] == {
        "Id": str(local_id("Fractie", party.pk)),
        "Afkorting": "BRINK",
        "NaamNL": "Brinkman",
        "Verwijderd": False,
    }
    assert (second["Persoon_Id"], second["Fractie_Id"]) == (
        None,
        str(local_id("Fractie", other.pk)),
    )
    plain = get(client, f"{URL}({key})?$expand=ToegezegdAan").json()["ToegezegdAan"]
    assert [set(item) for item in plain] == [
        {"Id", "Toezegging_Id", "Persoon_Id", "Fractie_Id"}
    ] * 2
    alone = get(client, f"{URL}({key})/ToegezegdAan").json()["value"]
    assert alone == plain


# What our own import asks for (commitments/tk/reader.py EXPAND).
SYNC_EXPAND = (
    "ToegezegdAan($expand=Persoon,Fractie),KamerbriefNakoming,"
    "Activiteit($expand=Voortouwcommissie),IsHerhalingVan($select=Id),"
    "IsWijzigingVan($select=Id),IsAanvullingOp($select=Id)"
)


@pytest.mark.django_db
def test_it_expands_letters_debates_and_links_as_a_sync_asks(client, register):
    page = get(client, f"{URL}?$expand={SYNC_EXPAND}&$orderby=ApiGewijzigdOp").json()
    records = {r["Nummer"]: r for r in page["value"]}
    madlener = records["TZ202504-057"]
    (letter,) = madlener["KamerbriefNakoming"]
    assert letter["Onderwerp"] == "Nakoming toezegging zomerreces"
    assert letter["Datum"] == "2025-07-01T00:00:00+02:00"
    (debate,) = madlener["Activiteit"]
    assert debate["Nummer"] == "2025A00793"
    assert [c["NaamNL"] for c in debate["Voortouwcommissie"]] == ["Vaste commissie voor IenW"]
    assert records["TZ202412-116"]["IsHerhalingVan"] == [
        {"Id": "fa9b16b4-ef85-443a-8737-000eada4a50e"}
    ]
    late, ours = register["late"], register["ours"]
    assert records[late.number]["IsWijzigingVan"] == [{"Id": str(local_id("Toezegging", ours.pk))}]
    assert records[late.number]["IsAanvullingOp"] == []
    assert records[ours.number]["Activiteit"] == []


@pytest.mark.django_db
def test_it_answers_a_login_and_a_wrong_method_in_odatas_error_format(client, settings, register):
    assert_odata_error(client.post(URL), 405)
    assert_odata_error(client.get(f"{ROOT}Persoon"), 404)
    settings.DASHBOARD_REQUIRE_LOGIN = True
    for url in (ROOT, f"{ROOT}$metadata", URL, f"{URL}/$count"):
        error = assert_odata_error(client.get(url), 403)
        assert error["code"] == "not_authenticated"


@pytest.mark.django_db
def test_it_never_shows_a_contacts_name_or_address(client, register):
    contact = ContactFactory(
        ministry=register["madlener"].ministry, name="Jet Geheim", email="jet@ienw.example"
    )
    expand = f"$expand={SYNC_EXPAND}&$format=application/json;odata.metadata=full"
    for url in (ROOT, f"{ROOT}$metadata", f"{URL}?{expand}", f"{ROOT}v2/Toezegging"):
        response = client.get(url)
        assert response.status_code == 200
        body = response.content.decode()
        assert contact.name not in body and contact.email not in body


@pytest.mark.django_db
def test_it_takes_a_long_filter_a_client_might_write(client, register):
    """Ninety numbers in a row of `or` (deep, but within bounds) are answered, not refused."""
    wanted = ["TZ202504-057", *(f"TZ209912-{n:03d}" for n in range(89))]
    condition = " or ".join(f"Nummer eq '{number}'" for number in wanted)
    assert numbers(client, f"$filter={condition}") == ["TZ202504-057"]
