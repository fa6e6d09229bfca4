"""`commitments.tk.export`: one of our commitments as the Tweede Kamer's `Toezegging` record, and
the GUIDs we give what we registered ourselves."""

import datetime
import uuid

import pytest

from commitments.models import Commitment, Official
from commitments.tk.export import (
    LOCAL_ENTITIES,
    export_id,
    local_id,
    local_pk,
    split_name,
    to_record,
)
from tests.factories import CommitmentFactory, OfficialFactory


@pytest.mark.django_db
def test_it_writes_a_record_taken_over_as_the_chamber_wrote_it():
    """Values from the real fragment TZ202402-164 (toezegging-real-fragments.json)."""
    official = OfficialFactory(
        name="E.N.A.J. Schreinemacher",
        function="Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking",
        first_name="Liesje",
        title="mevrouw",
    )
    commitment = CommitmentFactory(
        number="TZ202402-164",
        tk_id=uuid.UUID("159e3e36-ab2e-4ca9-a743-0010a3f886f6"),
        official=official,
        ministry=official.ministry,
        status=Commitment.Status.PARTIALLY_FULFILLED,
        made_on=datetime.date(2024, 2, 20),
        due_date=None,
        due_precision=Commitment.Precision.NONE,
        notes="Zie ook de brief van 13 mei.",
        source_created_at=datetime.datetime.fromisoformat("2024-02-20T09:41:02.93+01:00"),
        source_changed_at=datetime.datetime.fromisoformat("2024-05-13T14:02:55.447+02:00"),
        source_api_changed_at=datetime.datetime.fromisoformat("2024-05-13T12:09:13.552187Z"),
    )
    record = to_record(Commitment.objects.get(pk=commitment.pk))
    assert record["Id"] == "159e3e36-ab2e-4ca9-a743-0010a3f886f6"
    assert record["Status"] == "Deels Afgedaan"
    assert record["Aanmaakdatum"] == "2024-02-20T09:41:02.930000+01:00"
    assert record["GewijzigdOp"] == "2024-05-13T14:02:55.447000+02:00"
    assert record["ApiGewijzigdOp"] == "2024-05-13T12:09:13.552187Z"
    assert record["DatumNakoming"] == "0001-01-01T00:00:00Z"
    assert record["Naam"] == "Schreinemacher, E.N.A.J."
    assert (record["Voornaam"], record["Titulatuur"]) == ("Liesje", "mevrouw")
    assert record["Notities"] == "Zie ook de brief van 13 mei."
    assert record["@tracker.MadeOn"] == "2024-02-20"


@pytest.mark.django_db
def test_it_writes_our_own_commitment_with_our_times_and_an_empty_status_where_none_was_given():
    ours = CommitmentFactory(official=None, made_on=datetime.date(2024, 3, 1))
    record = to_record(Commitment.objects.get(pk=ours.pk))
    assert record["Id"] == str(local_id("Toezegging", ours.pk))
    assert datetime.datetime.fromisoformat(record["Aanmaakdatum"]) == ours.created_at
    assert datetime.datetime.fromisoformat(record["GewijzigdOp"]) == ours.updated_at
    assert record["ApiGewijzigdOp"].endswith("Z")
    assert record["Naam"] is None and record["Functie"] is None and record["Notities"] is None
    assert record["Status"] == "Openstaand"

    Commitment.objects.filter(pk=ours.pk).update(status_not_given=True)
    assert to_record(Commitment.objects.get(pk=ours.pk))["Status"] == ""
    # Once a clerk decides, the source's silence no longer shows.
    Commitment.objects.filter(pk=ours.pk).update(status=Commitment.Status.LAPSED)
    assert to_record(Commitment.objects.get(pk=ours.pk))["Status"] == "Vervallen"


@pytest.mark.django_db
def test_it_keeps_a_commitments_id_when_it_is_renumbered():
    ours = CommitmentFactory()
    before = export_id(ours)
    Commitment.objects.filter(pk=ours.pk).update(number="TL209912-999")
    assert export_id(Commitment.objects.get(pk=ours.pk)) == before


def test_it_gives_each_kind_of_row_guids_that_name_it_and_no_other():
    for entity in LOCAL_ENTITIES:
        guid = local_id(entity, 4711)
        assert guid.version == 8 and guid.variant == uuid.RFC_4122
        assert local_pk(entity, guid) == 4711
        assert all(local_pk(other, guid) is None for other in LOCAL_ENTITIES if other != entity)
    assert len({local_id(entity, 1) for entity in LOCAL_ENTITIES}) == len(LOCAL_ENTITIES)
    assert local_pk("Toezegging", uuid.UUID("fa9b16b4-ef85-443a-8737-000eada4a50e")) is None


def test_it_splits_names_as_the_chamber_writes_them():
    assert split_name("E. van der Burg") == ("E.", "van der", "Burg")
    assert split_name("Kuik") == ("", "", "Kuik")
    assert split_name("B. Madlener") == ("B.", "", "Madlener")


@pytest.mark.django_db
def test_it_names_the_official_without_the_parts_it_does_not_have():
    official = Official.objects.get(pk=OfficialFactory(name="Kuik").pk)
    commitment = CommitmentFactory(official=official, ministry=official.ministry)
    record = to_record(Commitment.objects.get(pk=commitment.pk))
    assert (record["Naam"], record["Achternaam"], record["Initialen"]) == ("Kuik", "Kuik", None)
