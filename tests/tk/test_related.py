"""The related entities of the register (commitments/tk/related.py): to whom a commitment was
made, the letter that fulfilled it, the committee of its debate and its links to other
commitments, from records in the real shape.

The records are the four real fragments and the real Persoon (Agema) and Fractie (Brinkman)
samples of /work/shared/tk/ (copied verbatim in tests/tk/realshape.py), with the navigation
properties the real service offers (`ToegezegdAan`, `KamerbriefNakoming`, `Activiteit`,
`IsHerhalingVan`, `IsWijzigingVan`, `IsAanvullingOp`); the letters, debates and committees are
generated in the shape tkapi 0.9.10 reads, as realshape.py's are.
"""

import collections
import copy
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.models import Commitment, Committee, Document, Member, Party, TkPendingLink
from commitments.tk import sync as tk
from commitments.tk.related import resolve_pending_links, take_related
from tests.factories import (
    CommitmentFactory,
    CommitteeFactory,
    MemberFactory,
    PartyFactory,
    UserFactory,
)
from tests.tk import realshape
from tests.tk.realshape import REAL_FRACTIE, REAL_PERSOON, REAL_RECORDS

pytestmark = pytest.mark.django_db

AGEMA = uuid.UUID(REAL_PERSOON["Id"])
BRINKMAN = uuid.UUID(REAL_FRACTIE["Id"])
JUSTICE_COMMITTEE = {
    "Id": "0b1c2d3e-0000-4000-8000-00000000c001",
    "Nummer": "2024C00001",
    "Soort": "Vaste commissie",
    "Afkorting": "J&V",
    "NaamNL": "vaste commissie voor Justitie en Veiligheid",
    "NaamWebNL": "Justitie en Veiligheid",
    "Verwijderd": False,
}
LETTER = {
    "Id": "0b1c2d3e-0000-4000-8000-00000000d001",
    "Soort": "Brief regering",
    "DocumentNummer": "2025D31234",
    "Titel": "Nakoming van toezeggingen",
    "Onderwerp": "Brief over extra acties verkeersveiligheid",
    "Datum": "2025-07-03T00:00:00+02:00",
    "Verwijderd": False,
}


def record(index: int = 0, **expansions) -> dict:
    """Real fragment `index`, with the navigation properties given expanded."""
    raw = copy.deepcopy(REAL_RECORDS[index])
    return raw | expansions


def made_to(persoon: dict | None = REAL_PERSOON, fractie: dict | None = REAL_FRACTIE) -> list:
    return [
        {
            "Toezegging_Id": REAL_RECORDS[0]["Id"],
            "Persoon_Id": persoon["Id"] if persoon else None,
            "Fractie_Id": fractie["Id"] if fractie else None,
            "Persoon": persoon,
            "Fractie": fractie,
        }
    ]


def debate(number: str, committee: dict = JUSTICE_COMMITTEE) -> list:
    return [
        {
            "Id": "0b1c2d3e-0000-4000-8000-00000000a001",
            "Nummer": number,
            "Soort": "Commissiedebat",
            "Onderwerp": "Commissiedebat Verkeersveiligheid",
            "Datum": "2025-04-10T00:00:00+02:00",
            "Verwijderd": False,
            "Voortouwcommissie": [committee],
        }
    ]


def landed(*raws: dict) -> list[tuple[dict, int]]:
    """Each record with a commitment of ours under its Id, as the import lands them."""
    pairs = []
    for raw in raws:
        commitment = Commitment.objects.filter(tk_id=raw["Id"]).first()
        commitment = commitment or CommitmentFactory(tk_id=raw["Id"])
        pairs.append((raw, commitment.pk))
    return pairs


@pytest.fixture
def user():
    return UserFactory(username="tweedekamer-opendata")


def test_it_makes_the_member_and_party_a_commitment_was_promised_to(user):
    raw = record(ToegezegdAan=made_to())
    counts = take_related(landed(raw), user=user)

    commitment = Commitment.objects.get(tk_id=raw["Id"])
    member, party = Member.objects.get(tk_id=AGEMA), Party.objects.get(tk_id=BRINKMAN)
    assert (member.name, member.party) == ("Fleur Agema", party)
    assert (party.name, party.abbreviation) == ("Brinkman", "BRINK")
    assert list(commitment.made_to.all()) == [member]
    assert list(commitment.made_to_parties.all()) == [party]
    assert counts["members"] == counts["parties"] == 1
    assert list(commitment.history.first().made_to.values_list("member", flat=True)) == [member.pk]


def test_it_gives_a_clerks_member_and_party_the_chambers_id_instead_of_doubling_them(user):
    party = PartyFactory(name="Groep Brinkman", abbreviation="BRINK")
    member = MemberFactory(name="Agema", party=None)
    take_related(landed(record(ToegezegdAan=made_to())), user=user)

    assert (Party.objects.count(), Member.objects.count()) == (1, 1)
    party.refresh_from_db()
    member.refresh_from_db()
    assert (party.tk_id, party.name) == (BRINKMAN, "Groep Brinkman")
    assert (member.tk_id, member.name, member.party) == (AGEMA, "Agema", party)


def test_it_names_a_member_it_met_only_by_id_once_a_record_brings_the_person(user):
    bare = record(ToegezegdAan=made_to(persoon=None, fractie=None))
    bare["ToegezegdAan"][0] |= {"Persoon_Id": REAL_PERSOON["Id"], "Fractie_Id": REAL_FRACTIE["Id"]}
    take_related(landed(bare), user=user)
    assert Member.objects.get(tk_id=AGEMA).name == f"Persoon {AGEMA}"
    assert Party.objects.get(tk_id=BRINKMAN).name == f"Fractie {BRINKMAN}"

    take_related(landed(record(1, ToegezegdAan=made_to())), user=user)
    assert Member.objects.get(tk_id=AGEMA).name == "Fleur Agema"
    assert Party.objects.values_list("name", "abbreviation").get() == ("Brinkman", "BRINK")


def test_it_links_the_fulfilling_letter_and_the_committee_of_the_debate(user):
    raw = record(
        KamerbriefNakoming=[LETTER], Activiteit=debate(REAL_RECORDS[0]["ActiviteitNummer"])
    )
    counts = take_related(landed(raw), user=user)

    commitment = Commitment.objects.get(tk_id=raw["Id"])
    letter = commitment.fulfilled_by
    assert (letter.tk_id, letter.title, str(letter.date)) == (
        uuid.UUID(LETTER["Id"]),
        "Brief over extra acties verkeersveiligheid",
        "2025-07-03",
    )
    assert letter.kind == Document.Kind.LETTER
    assert (commitment.committee.name, commitment.committee.abbreviation) == (
        "vaste commissie voor Justitie en Veiligheid",
        "J&V",
    )
    assert counts["fulfilled_by"] == counts["committee"] == 1
    assert commitment.history.first().history_user == user


def test_it_takes_the_seed_letters_committee_instead_of_making_a_second_one(user):
    ours = CommitteeFactory(name="Vaste commissie voor Justitie en Veiligheid", abbreviation="J&V")
    raw = record(Activiteit=debate(REAL_RECORDS[0]["ActiviteitNummer"]))
    take_related(landed(raw), user=user)

    assert Committee.objects.get() == ours
    assert Commitment.objects.get(tk_id=raw["Id"]).committee == ours


def test_it_links_repeats_at_once_or_when_the_target_lands(user):
    first, second, third = (record(n) for n in range(3))
    second["IsHerhalingVan"] = [{"Id": first["Id"]}]
    second["IsAanvullingOp"] = [{"Id": third["Id"]}]
    take_related(landed(first, second), user=user)

    commitment = Commitment.objects.get(tk_id=second["Id"])
    assert commitment.repeats.tk_id == uuid.UUID(first["Id"])
    assert commitment.supplements is None
    assert TkPendingLink.objects.get().target_tk_id == uuid.UUID(third["Id"])

    landed(third)
    assert resolve_pending_links() == 1
    commitment.refresh_from_db()
    assert commitment.supplements.tk_id == uuid.UUID(third["Id"])
    assert not TkPendingLink.objects.exists()


def test_it_changes_nothing_when_the_same_records_come_again(user):
    raws = [
        record(
            0,
            ToegezegdAan=made_to(),
            KamerbriefNakoming=[LETTER],
            Activiteit=debate(REAL_RECORDS[0]["ActiviteitNummer"]),
        ),
        record(1, IsWijzigingVan=[{"Id": REAL_RECORDS[0]["Id"]}]),
    ]
    take_related(landed(*raws), user=user)
    audit = Commitment.history.count()
    rows = [model.objects.count() for model in (Member, Party, Committee, Document)]

    counts = take_related(landed(*raws), user=user)
    assert counts["commitments_changed"] == 0
    assert Commitment.history.count() == audit
    assert [model.objects.count() for model in (Member, Party, Committee, Document)] == rows


def test_it_keeps_what_a_clerk_added_when_the_source_names_nobody(user):
    raw = record(ToegezegdAan=[], KamerbriefNakoming=[])
    pairs = landed(raw)
    commitment = Commitment.objects.get(pk=pairs[0][1])
    member = MemberFactory()
    commitment.made_to.add(member)

    take_related(pairs, user=user)
    assert list(commitment.made_to.all()) == [member]


def test_it_replaces_the_addressees_when_the_source_names_others(user):
    raw = record(ToegezegdAan=made_to())
    pairs = landed(raw)
    commitment = Commitment.objects.get(pk=pairs[0][1])
    commitment.made_to.add(MemberFactory())

    take_related(pairs, user=user)
    assert list(commitment.made_to.values_list("tk_id", flat=True)) == [AGEMA]


def test_it_numbers_a_new_partys_abbreviation_that_another_party_has(user):
    PartyFactory(name="Brinkman-partij", abbreviation="BRINK", tk_id=uuid.uuid4())
    take_related(landed(record(ToegezegdAan=made_to())), user=user)
    assert Party.objects.get(tk_id=BRINKMAN).abbreviation == "BRINK-2"


def test_it_reads_a_page_in_a_fixed_number_of_queries(user):
    # Up to 25 records: SQLite's bulk inserts of audit rows (some 35 columns, at most 999
    # parameters a statement) take 28 rows a statement; beyond that one statement per 28.
    def queries(size: int) -> int:
        raws = []
        for n in range(size):
            raw = record(n % 4, Id=str(uuid.uuid4()))
            persoon = REAL_PERSOON | {"Id": str(uuid.uuid4()), "Achternaam": f"Lid {n}"}
            fractie = REAL_FRACTIE | {"Id": str(uuid.uuid4()), "Afkorting": f"F{n}"}
            fractie["NaamNL"] = f"Fractie {n}"
            letter = LETTER | {"Id": str(uuid.uuid4())}
            committee = JUSTICE_COMMITTEE | {"Id": str(uuid.uuid4()), "Afkorting": f"C{n}"}
            committee["NaamNL"] = f"commissie {n}"
            raw |= {
                "ToegezegdAan": made_to(persoon, fractie),
                "KamerbriefNakoming": [letter],
                "Activiteit": debate(f"2025A{n:05d}", committee),
                "IsHerhalingVan": [{"Id": str(uuid.uuid4())}],
            }
            raws.append(raw)
        pairs = landed(*raws)
        with CaptureQueriesContext(connection) as captured:
            take_related(pairs, user=user)
            resolve_pending_links()
        return len(captured)

    assert queries(3) == queries(25)


def test_it_takes_over_every_related_entity_of_a_full_import_in_the_real_shape():
    """The whole register of tests/tk/realshape.py (320 records, two pages), imported as the
    nightly task does: each landed commitment has the members, parties, letter, committee and
    links its record names, made once each; links to records that did not land wait."""
    register = realshape.register()
    with realshape.RegisterServer([dict(raw) for raw in register.records]) as server:
        tk.import_toezeggingen(source=server.url, since=True)

    commitments = Commitment.objects.prefetch_related("made_to", "made_to_parties")
    landed = {commitment.tk_id: commitment for commitment in commitments}
    assert len(landed) > 300
    pending = {
        (link.commitment_id, link.kind): link.target_tk_id for link in TkPendingLink.objects.all()
    }
    named = collections.defaultdict(set)
    for tk_id, commitment in landed.items():
        raw = register.by_id(str(tk_id))
        for kind, ids in assert_related(commitment, raw, landed, pending).items():
            named[kind] |= ids
    assert ids_of(Member.objects.all()) == named["members"]
    assert ids_of(Party.objects.all()) == named["parties"]
    assert ids_of(Committee.objects.all()) == named["committees"]
    assert ids_of(Document.objects.filter(tk_id__isnull=False)) == named["letters"]
    assert Member.objects.get(tk_id=AGEMA).name == "Fleur Agema"
    assert not TkPendingLink.objects.filter(target_tk_id__in=list(landed)).exists()


def ids_of(rows) -> set[str]:
    return {str(tk_id) for tk_id in rows.values_list("tk_id", flat=True)}


def assert_related(commitment, raw: dict, landed: dict, pending: dict) -> dict[str, set[str]]:
    """Check that `commitment` has what its record `raw` names; return the Chamber Ids named."""
    rows = raw["ToegezegdAan"]
    named = {
        "members": {row["Persoon_Id"] for row in rows if row["Persoon_Id"]},
        "parties": {row["Fractie_Id"] for row in rows if row["Fractie_Id"]},
        "letters": {letter["Id"] for letter in raw["KamerbriefNakoming"]},
        "committees": set(),
    }
    assert {str(member.tk_id) for member in commitment.made_to.all()} == named["members"]
    assert {str(party.tk_id) for party in commitment.made_to_parties.all()} == named["parties"]
    if raw["KamerbriefNakoming"]:
        assert {str(commitment.fulfilled_by.tk_id)} == named["letters"]
    if raw["Activiteit"]:
        committee = raw["Activiteit"][0]["Voortouwcommissie"][0]["Id"]
        named["committees"].add(committee)
        assert str(commitment.committee.tk_id) == committee
        assert commitment.source.title == raw["Activiteit"][0]["Onderwerp"]
    for name, kind in (
        ("IsHerhalingVan", "repeats"),
        ("IsWijzigingVan", "amends"),
        ("IsAanvullingOp", "supplements"),
    ):
        if raw[name]:
            target = uuid.UUID(raw[name][0]["Id"])
            linked = getattr(commitment, kind)
            if target in landed:
                assert linked.tk_id == target
            else:
                assert (linked, pending[(commitment.pk, kind)]) == (None, target)
    return named


def test_it_writes_one_audit_row_per_commitment_a_first_import_creates():
    """A first import of the real-shape register: each new commitment's creation row already
    holds its committee, fulfilling letter and addressees, so the history shows one entry per
    import rather than a second 'related entities' entry for every commitment."""
    register = realshape.register()
    with realshape.RegisterServer([dict(raw) for raw in register.records]) as server:
        tk.import_toezeggingen(source=server.url, since=True)

    assert Commitment.history.count() == Commitment.objects.count()
    with_committee = Commitment.objects.filter(committee__isnull=False).first()
    assert with_committee.history.get().committee_id == with_committee.committee_id
    addressed = Commitment.objects.filter(made_to__isnull=False).first()
    assert set(addressed.history.get().made_to.values_list("member", flat=True)) == set(
        addressed.made_to.values_list("pk", flat=True)
    )
