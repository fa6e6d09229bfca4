"""The officials (bewindspersonen) of the register's records (commitments/tk/lookups.py): one per
name and function whatever the capitals and accents, with the ministry of that function, their
first name and form of address, and records without `Functie`.

Records are the real fragments of /work/shared/tk/toezegging-real-fragments.json (copied in
tests/tk/realshape.py), with `Naam`, `Functie`, `Ministerie`, `Voornaam` and `Titulatuur` set to
the forms FACTS.md and the fixture's docstring name ("Gülşen, A." / "Gulsen, A.", "Minister van
Financiën" / "minister van financiën", `Functie: null`); the persons are generated.
"""

import copy
import datetime
import itertools

import pytest

from commitments.models import Official
from commitments.tk.lookups import ChunkLookups
from commitments.tk.ministries import MinistryMatcher
from commitments.tk.records import parse_record
from tests.factories import MinistryFactory, OfficialFactory, UserFactory
from tests.tk.realshape import REAL_RECORDS

pytestmark = pytest.mark.django_db
numbers = itertools.count(1)


def record(naam: str, functie: str | None, ministerie: str | None = None, **fields):
    """A real fragment with this official, changed `fields` and an Id and number of its own."""
    n = next(numbers)
    raw = copy.deepcopy(REAL_RECORDS[3]) | {
        "Id": f"3f2c1e0a-0000-4000-8000-{n:012d}",
        "Nummer": f"TZ202603-{n:03d}",
        "Naam": naam,
        "Functie": functie,
        "Ministerie": ministerie,
    }
    return parse_record(raw | fields, where="page 1")


def lookups(*records) -> ChunkLookups:
    return ChunkLookups(list(records), ministries=MinistryMatcher(), user=UserFactory())


def test_it_takes_one_official_for_a_name_and_function_in_other_capitals_or_accents():
    records = [
        record("Gülşen, A.", "Minister van Financiën"),
        record("Gulsen, A.", "minister van financiën"),
        record("GÜLŞEN, A.", "Minister van Financien"),
    ]
    found = lookups(*records)
    officials = {found.official(one) for one in records}

    assert len(officials) == 1
    assert Official.objects.count() == 1
    official = officials.pop()
    assert (official.name, official.function, official.ministry.name) == (
        "A. Gülşen",
        "Minister van Financiën",
        "Financiën",
    )
    # A later chunk finds the same one.
    assert (
        lookups(record("gulsen, a.", "MINISTER VAN FINANCIËN")).official(
            record("gulsen, a.", "MINISTER VAN FINANCIËN")
        )
        == official
    )


def test_it_keeps_the_first_name_and_form_of_address_the_register_gives():
    bare = record("Vries, A.M. de", "Minister van Financiën")
    named = record(
        "Vries, A.M. de",
        "Minister van Financiën",
        Voornaam="Anna",
        Titulatuur="mr.",
        GewijzigdOp="2026-04-01T10:00:00.0000000+02:00",
    )
    official = lookups(bare, named).official(bare)

    official.refresh_from_db()
    assert (official.first_name, official.title) == ("Anna", "mr.")
    lookups(bare)
    official.refresh_from_db()
    assert (official.first_name, official.title) == ("Anna", "mr.")


def test_it_gives_an_official_the_ministry_of_their_function_not_of_the_last_record():
    trade = "Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking"
    records = [
        record("Schreinemacher, E.N.A.J.", trade, "Buitenlandse Zaken"),
        # A record that names another ministry (a clerk's error at the source, or a joint
        # commitment): the official stays with the ministry of their post.
        record("Schreinemacher, E.N.A.J.", trade, "Economische Zaken en Klimaat"),
        record("Schreinemacher, E.N.A.J.", "Staatssecretaris van Financiën"),
    ]
    found = lookups(*records)

    minister, also_minister, state_secretary = (found.official(one) for one in records)
    assert minister == also_minister
    assert minister.ministry.name == "Buitenlandse Zaken"
    assert state_secretary != minister
    assert state_secretary.ministry.name == "Financiën"
    assert found.ministry(records[1]).name == "Economische Zaken en Klimaat"


def test_it_moves_an_official_an_earlier_import_gave_the_wrong_ministry():
    wrong = MinistryFactory(name="Economische Zaken en Klimaat", abbreviation="EZK")
    official = OfficialFactory(
        name="H.G. Herbert", function="Minister van Financiën", ministry=wrong
    )

    lookups(record("Herbert, H.G.", "Minister van Financiën"))

    official.refresh_from_db()
    assert official.ministry.name == "Financiën"


def test_it_takes_the_one_official_of_that_name_for_a_record_without_functie():
    madlener = record("Madlener, B.", "Minister van Infrastructuur en Waterstaat")
    lookups(madlener)
    nameless = record("Madlener, B.", None)

    assert lookups(nameless).official(nameless).function == (
        "Minister van Infrastructuur en Waterstaat"
    )
    assert Official.objects.count() == 1


def test_it_makes_an_official_without_function_when_the_name_is_not_unique():
    lookups(
        record("Wiersma, F.M.", "Minister van Landbouw, Visserij, Voedselzekerheid en Natuur"),
        record("Wiersma, F.M.", "Minister van Onderwijs, Cultuur en Wetenschap"),
    )
    nameless = record("Wiersma, F.M.", None, "Landbouw, Visserij, Voedselzekerheid en Natuur")
    official = lookups(nameless).official(nameless)

    assert (official.name, official.function, official.ministry.abbreviation) == (
        "F.M. Wiersma",
        "",
        "LVVN",
    )
    again = record("Wiersma, F.M.", None, "Landbouw, Visserij, Voedselzekerheid en Natuur")
    assert lookups(again).official(again) == official
    assert Official.objects.count() == 3


def test_it_makes_no_official_without_a_ministry_to_put_them_in():
    nameless = record("Onbekend, X.", None)
    found = lookups(nameless)
    assert found.ministry(nameless) is None
    assert found.official(nameless) is None
    assert not Official.objects.exists()


def test_it_names_the_debate_by_the_expanded_activity():
    raw_activity = {
        "Id": "0b1c2d3e-0000-4000-8000-00000000a001",
        "Nummer": REAL_RECORDS[3]["ActiviteitNummer"],
        "Onderwerp": "Commissiedebat Klimaat en energie",
        "Datum": "2026-03-19T00:00:00+01:00",
        "Verwijderd": False,
    }
    bare = record("Herbert, H.G.", "Minister van Economische Zaken en Klimaat")
    document = lookups(bare).source(bare)
    assert document.title == f"Activiteit {REAL_RECORDS[3]['ActiviteitNummer']}"

    expanded = record(
        "Herbert, H.G.", "Minister van Economische Zaken en Klimaat", Activiteit=[raw_activity]
    )
    assert lookups(expanded).source(expanded) == document
    document.refresh_from_db()
    assert (document.title, document.date) == (
        "Commissiedebat Klimaat en energie",
        datetime.date(2026, 3, 19),
    )
