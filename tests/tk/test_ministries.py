"""Which ministry a record of the Tweede Kamer's register belongs to (commitments/tk/ministries.py),
from `Ministerie` or else from `Functie`, through the aliases clerks keep and the sourced posts and
renamings (commitments/tk/ministry_names.py), and the seed of those aliases (migration 0014).

`Functie` and `Ministerie` values are the real ones of
/work/shared/tk/toezegging-real-fragments.json ("Minister voor Buitenlandse Handel en
Ontwikkelingssamenwerking" with Ministerie "Buitenlandse Zaken"; "Minister van Economische Zaken
en Klimaat" with Ministerie null) and the forms FACTS.md names ("minister van ..." in lower case;
"Minister-president, Minister van Algemene Zaken" is the Prime Minister's title as derdekamer.nl
gives it).
"""

import importlib

import pytest
from django.apps import apps

from commitments.models import Ministry, MinistryAlias
from commitments.tk.ministries import MinistryMatcher
from tests.factories import MinistryFactory

pytestmark = pytest.mark.django_db
seed_migration = importlib.import_module("commitments.migrations.0014_ministry_aliases")


def ministry_of(ministerie: str = "", functie: str = "") -> Ministry | None:
    return MinistryMatcher().for_record(ministerie, functie)


def test_it_finds_the_ministry_in_functie_when_ministerie_is_null():
    climate = ministry_of(functie="Minister van Economische Zaken en Klimaat")
    finance = ministry_of(functie="minister van financiën")
    premier = ministry_of(functie="Minister-president, Minister van Algemene Zaken")

    assert (climate.name, climate.abbreviation) == ("Economische Zaken en Klimaat", "EZK")
    assert (finance.name, finance.abbreviation) == ("Financiën", "Fin")
    assert (premier.name, premier.abbreviation) == ("Algemene Zaken", "AZ")
    assert ministry_of(functie="Staatssecretaris van Financiën") == finance
    assert ministry_of(functie="Minister-president") == premier
    assert ministry_of(functie="Minister van Financiën, tevens viceminister-president") == finance
    interior = ministry_of(
        functie="Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties "
        "(Digitalisering en Koninkrijksrelaties)"
    )
    assert (interior.name, Ministry.objects.count()) == (
        "Binnenlandse Zaken en Koninkrijksrelaties",
        4,
    )


def test_it_puts_a_post_within_a_ministry_under_that_ministry_not_a_new_one():
    trade = ministry_of(functie="Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking")
    digital = ministry_of(
        "Digitalisering en Koninkrijksrelaties",
        "Staatssecretaris voor Digitalisering en Koninkrijksrelaties",
    )
    care = ministry_of(functie="Minister voor Medische Zorg")

    assert trade.name == "Buitenlandse Zaken"
    assert trade == ministry_of("Buitenlandse Zaken", "Minister van Buitenlandse Zaken")
    assert digital.name == "Binnenlandse Zaken en Koninkrijksrelaties"
    assert care.name == "Volksgezondheid, Welzijn en Sport"
    assert not Ministry.objects.filter(abbreviation__in=["BHO", "DenK", "MZ"]).exists()
    # Written down for clerks, who can point them elsewhere.
    assert MinistryAlias.objects.get(name="Medische Zorg").ministry == care


def test_it_keeps_a_renamed_ministry_one_ministry():
    lnv = ministry_of("Landbouw, Natuur en Voedselkwaliteit")
    lvvn = ministry_of("Landbouw, Visserij, Voedselzekerheid en Natuur")
    justice = ministry_of(functie="Minister van Veiligheid en Justitie")

    assert lnv == lvvn
    assert (lvvn.name, lvvn.abbreviation) == (
        "Landbouw, Visserij, Voedselzekerheid en Natuur",
        "LVVN",
    )
    assert justice == ministry_of("Justitie en Veiligheid")
    assert Ministry.objects.count() == 2


def test_it_keeps_a_split_ministry_its_own():
    assert ministry_of("Economische Zaken en Klimaat") != ministry_of("Economische Zaken")


def test_it_follows_an_alias_a_clerk_points_elsewhere():
    development = MinistryFactory(name="Ontwikkelingssamenwerking", abbreviation="OS")
    MinistryAlias.objects.create(
        name="Buitenlandse Handel en Ontwikkelingssamenwerking", ministry=development
    )
    MinistryAlias.objects.create(name="Wonen en Rijksdienst", ministry=development)

    functie = "Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking"
    assert ministry_of("Buitenlandse Zaken", functie).name == "Buitenlandse Zaken"
    assert ministry_of("", functie) == development
    assert ministry_of("wonen en rijksdienst") == development


def test_it_makes_no_ministry_of_a_post_nobody_has_mapped():
    before = Ministry.objects.count()

    assert ministry_of(functie="Minister voor Vreemde Zaken") is None
    assert ministry_of("Vreemde Zaken", "Minister voor Vreemde Zaken") is None
    assert ministry_of("", "") is None
    assert Ministry.objects.count() == before


def test_it_makes_a_ministry_the_source_names_as_one():
    railways = ministry_of("Ministerie van Spoorwegen", "Minister van Spoorwegen")
    assert (railways.name, railways.abbreviation) == ("Spoorwegen", "Spo")
    assert ministry_of(functie="Minister van Spoorwegen") == railways
    assert ministry_of(functie="Staatssecretaris van Zeevaart").name == "Zeevaart"


def test_it_compares_names_without_capitals_accents_or_ministerie_van():
    finance = MinistryFactory(name="Financiën", abbreviation="Fin")
    for text in ("MINISTERIE VAN FINANCIEN", "financiën", "Ministerie van Financiën", "FIN"):
        assert ministry_of(text) == finance, text


def test_it_seeds_the_aliases_where_ministries_are_kept():
    MinistryFactory(name="Landbouw, Natuur en Voedselkwaliteit", abbreviation="LNV")
    justice = MinistryFactory(name="Ministerie van Justitie en Veiligheid", abbreviation="JenV")

    seed_migration.seed(apps, None)

    renamed = Ministry.objects.get(abbreviation="LVVN")
    assert renamed.name == "Landbouw, Visserij, Voedselzekerheid en Natuur"
    assert MinistryAlias.objects.get(name="LNV").ministry == renamed
    assert MinistryAlias.objects.get(name="Veiligheid en Justitie").ministry == justice
    assert MinistryAlias.objects.get(name="BHO").ministry.name == "Buitenlandse Zaken"
    assert not Ministry.objects.filter(name="Justitie en Veiligheid").exists()


def test_it_seeds_nothing_into_an_empty_register():
    seed_migration.seed(apps, None)
    assert not Ministry.objects.exists()
    assert not MinistryAlias.objects.exists()


def test_it_lets_a_clerk_add_an_alias_but_not_one_that_reads_the_same(clerk_client):
    ministry = MinistryFactory(name="Buitenlandse Zaken", abbreviation="BZ")
    MinistryAlias.objects.create(name="BHO", ministry=ministry)

    added = clerk_client.post(
        "/admin/commitments/ministryalias/add/",
        {"name": "Buitenlandse Handel en Ontwikkelingshulp", "ministry": ministry.pk},
    )
    refused = clerk_client.post(
        "/admin/commitments/ministryalias/add/", {"name": "bho", "ministry": ministry.pk}
    )

    assert added.status_code == 302
    assert refused.status_code == 200
    assert sorted(MinistryAlias.objects.values_list("name", flat=True)) == [
        "BHO",
        "Buitenlandse Handel en Ontwikkelingshulp",
    ]
