"""The Tweede Kamer's register (`Toezegging`) in its real shape, for the import's tests and for
anyone who needs a register that behaves like the Chamber's.

`register(count)` makes `count` (default 320, at least 300) records, seeded, so every run makes
the same ones, ordered as a sync asks for them (`ApiGewijzigdOp` ascending). `RegisterServer`
serves them over HTTP on 127.0.0.1 the way the Chamber's OData v4 service pages them: at most 250
a page, linked by `@odata.nextLink` with a `$skiptoken`, no nextLink when `$top` is given, with
`$filter` on `ApiGewijzigdOp`/`GewijzigdOp` (ge, gt, le, lt) and `Verwijderd eq`, and `$orderby`.
`write_pages(records, folder)` writes the same pages as files linked by relative nextLinks.

What is verbatim real, and where it was found (copies of /work/shared/tk/, see FACTS.md there):
- `REAL_RECORDS`: the four `Toezegging` records of toezegging-real-fragments.json, as they are
  (FACTS.md: their Id, Nummer, Status, Naam, Functie and Tekst are real; the other fields were
  filled in by whoever collected them and are no evidence). They land among the generated ones.
- `REAL_PERSOON`, `REAL_FRACTIE`: the Persoon (Agema) and Fractie (Brinkman) samples of
  related-entities-real.json, used as two of the members and parties commitments are made to.
- The names of the properties and of the navigation properties: the live `$metadata` of
  Toezegging as related-entities-real.json gives it (Id, Aanmaakdatum, Nummer, ActiviteitNummer,
  Naam, Achternaam, Initialen, Voornaam, Achtervoegsel, Titulatuur, Functie, Status,
  DatumNakoming, Ministerie, Tekst, Verwijderd, GewijzigdOp, ApiGewijzigdOp, Tussenvoegsel,
  Notities; navigation Activiteit, KamerbriefNakoming, ToegezegdAan, IsHerhalingVan,
  IsWijzigingVan, IsAanvullingOp); `ToegezegdAan` items have Toezegging_Id, Persoon_Id,
  Fractie_Id and navigation Persoon and Fractie (same file). The properties of the expanded
  Activiteit (Nummer, Soort, Onderwerp, Datum, Aanvangstijd, Eindtijd, Status, Vergaderjaar,
  navigation `Voortouwcommissie`), Commissie (Nummer, Soort, Afkorting, NaamNL, NaamWebNL) and
  Document (Soort, DocumentNummer, Titel, Onderwerp, Datum, Vergaderjaar, Volgnummer,
  Citeertitel) are the names tkapi 0.9.10 reads (tkapi/activiteit.py, commissie.py,
  document.py).
- The formats: 7 fractional digits in `GewijzigdOp` with an offset and in `ApiGewijzigdOp` with
  `Z`, two or three in `Aanmaakdatum`, `DatumNakoming` as midnight with an offset or
  `0001-01-01T00:00:00Z`, `Naam` as "Achternaam, Initialen" (the fragments).

What is generated (seeded), following FACTS.md; none of it is evidence of anything:
- every other record, its Id, number, text, names, dates and related entities;
- the Status mix at the rates of the live register (Afgedaan 3,759; Openstaand 2,573; Deels
  Afgedaan 63; Vervallen 12; empty 45 of about 6,450), with at least one empty ("") and one
  null Status, the first on page 1;
- `Ministerie: null` for every record made before September 2022, the ministry then named only
  in `Functie`, which is written "minister van ..." in lower case for about a third of them;
  `Functie: null` for about 2% (with `Ministerie` null too before September 2022, so that such
  a record names no ministry at all);
- posts within a ministry ("Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking",
  Ministerie "Buitenlandse Zaken" as in the fragment; "Staatssecretaris voor Digitalisering en
  Koninkrijksrelaties", Ministerie "Digitalisering en Koninkrijksrelaties"; "Minister voor
  Medische Zorg" within VWS) and renamed ministries (Veiligheid en Justitie before October 2017;
  LNV until July 2024 and LVVN after it);
- names and functions that differ only in capitals or accents ("Gülşen, A." and "Gulsen, A.";
  "Minister van Financiën", "Minister van Financien" and "minister van financiën");
- `ApiGewijzigdOp` minutes after `GewijzigdOp` for most records, hours (up to 16, as in the
  Verslag sample) for a tenth, and for about 2% a record that reaches the API months after its
  `GewijzigdOp` (it appears late with an old change time);
- `Verwijderd: true` for about 1%, half with their fields, half bare (Id, times, nulls);
- `IsHerhalingVan` / `IsWijzigingVan` / `IsAanvullingOp` for about 5%, expanded with
  `$select=Id` (`[{"Id": ...}]`), some pointing to a record served later in the sync order and
  one to a record that is not in the register;
- `ToegezegdAan` (0 to 2 items: a member with their party, a member alone, a party alone),
  `KamerbriefNakoming` (a "Brief regering" for about 60% of the fulfilled ones) and `Activiteit`
  (a debate shared by about three commitments, with its `Voortouwcommissie`), all expanded;
- `Notities` for about a tenth; name parts (Achternaam, Initialen, Tussenvoegsel, Voornaam,
  Titulatuur) for about a third, null otherwise as in the fragments;
- the `$skiptoken` values (the real service's tokens are opaque; ours carry the sort key).

`Register.quirks` names, per quirk, the Ids of the records that carry it, so that a test can
say what should happen to them.
"""

import dataclasses
import datetime
import http.server
import json
import random
import re
import threading
import urllib.parse
import uuid
import zoneinfo
from pathlib import Path

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
SEED = 16
PAGE_SIZE = 250
PATH = "/OData/v4/2.0/Toezegging"
CONTEXT = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/$metadata#Toezegging"
NO_DATE = "0001-01-01T00:00:00Z"
# The live register's Status counts (FACTS.md, OpenDataPortaal issue #179); "" and None share
# the 45 empty ones.
STATUS_COUNTS = {"Afgedaan": 3759, "Openstaand": 2573, "Deels Afgedaan": 63, "Vervallen": 12}
EMPTY_STATUSES = 45
REGISTER_SIZE = 6452
MINISTERIE_FROM = datetime.date(2022, 9, 1)
# The moment the register is served as it was: no record changed or reached the API after it.
SNAPSHOT = datetime.datetime(2026, 9, 1, tzinfo=datetime.UTC)

# Verbatim: /work/shared/tk/toezegging-real-fragments.json.
REAL_RECORDS = [
    {
        "Id": "fa9b16b4-ef85-443a-8737-000eada4a50e",
        "Aanmaakdatum": "2025-04-10T11:12:31.55+02:00",
        "Nummer": "TZ202504-057",
        "ActiviteitNummer": "2025A00793",
        "Naam": "Madlener, B.",
        "Achternaam": None,
        "Initialen": None,
        "Voornaam": None,
        "Achtervoegsel": None,
        "Titulatuur": None,
        "Functie": "Minister van Infrastructuur en Waterstaat",
        "Status": "Afgedaan",
        "DatumNakoming": "2025-07-04T00:00:00+02:00",
        "Ministerie": "Infrastructuur en Waterstaat",
        "Tekst": "De Kamer wordt voor de zomer geïnformeerd over welke concrete extra acties...",
        "Verwijderd": False,
        "GewijzigdOp": "2025-09-02T10:14:07.6130000+02:00",
        "ApiGewijzigdOp": "2025-09-02T08:20:41.1027593Z",
        "Tussenvoegsel": None,
        "Notities": None,
    },
    {
        "Id": "159e3e36-ab2e-4ca9-a743-0010a3f886f6",
        "Aanmaakdatum": "2024-02-20T09:41:02.93+01:00",
        "Nummer": "TZ202402-164",
        "ActiviteitNummer": "2023A02803",
        "Naam": "Schreinemacher, E.N.A.J.",
        "Achternaam": None,
        "Initialen": None,
        "Voornaam": None,
        "Achtervoegsel": None,
        "Titulatuur": None,
        "Functie": "Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking",
        "Status": "Afgedaan",
        "DatumNakoming": "0001-01-01T00:00:00Z",
        "Ministerie": "Buitenlandse Zaken",
        "Tekst": (
            "De minister zegt een vertrouwelijke technische briefing toe over "
            "exportbeperkende maatregelen..."
        ),
        "Verwijderd": False,
        "GewijzigdOp": "2024-05-13T14:02:55.4470000+02:00",
        "ApiGewijzigdOp": "2024-05-13T12:09:13.5521870Z",
        "Tussenvoegsel": None,
        "Notities": None,
    },
    {
        "Id": "79a2206a-0000-4000-8000-000000000116",
        "Aanmaakdatum": "2024-12-16T15:01:11.847+01:00",
        "Nummer": "TZ202412-116",
        "ActiviteitNummer": "2024A05766",
        "Naam": "Wiersma, F.M.",
        "Achternaam": None,
        "Initialen": None,
        "Voornaam": None,
        "Achtervoegsel": None,
        "Titulatuur": None,
        "Functie": "Minister van Landbouw, Visserij, Voedselzekerheid en Natuur",
        "Status": "Openstaand",
        "DatumNakoming": "2025-03-31T00:00:00+02:00",
        "Ministerie": "Landbouw, Visserij, Voedselzekerheid en Natuur",
        "Tekst": "De minister stuurt in maart 2025 de terugkoppeling op het emissiereductieplan...",
        "Verwijderd": False,
        "GewijzigdOp": "2024-12-16T15:01:11.847+01:00",
        "ApiGewijzigdOp": "2024-12-16T14:20:03.0912245Z",
        "Tussenvoegsel": None,
        "Notities": None,
    },
    {
        "Id": "3f2c1e0a-0000-4000-8000-000000000130",
        "Aanmaakdatum": "2026-03-19T17:42:13.69+01:00",
        "Nummer": "TZ202603-130",
        "ActiviteitNummer": "2026A01894",
        "Naam": "Herbert, H.G.",
        "Achternaam": None,
        "Initialen": None,
        "Voornaam": None,
        "Achtervoegsel": None,
        "Titulatuur": None,
        "Functie": "Minister van Economische Zaken en Klimaat",
        "Status": "Openstaand",
        "DatumNakoming": "0001-01-01T00:00:00Z",
        "Ministerie": None,
        "Tekst": "De minister zegt toe de Kamer voor de zomer te informeren.",
        "Verwijderd": False,
        "GewijzigdOp": "2026-03-19T17:42:13.69+01:00",
        "ApiGewijzigdOp": "2026-03-19T16:50:00.1234567Z",
        "Tussenvoegsel": None,
        "Notities": None,
    },
]
# Verbatim: /work/shared/tk/related-entities-real.json, "Persoon" and "Fractie".
REAL_PERSOON = {
    "Id": "1c889902-6ede-427c-8682-000f683fffaa",
    "Nummer": 2491,
    "Titels": "MA",
    "Initialen": "M.",
    "Tussenvoegsel": None,
    "Achternaam": "Agema",
    "Voornamen": "Marie-Fleur",
    "Roepnaam": "Fleur",
    "Geslacht": "vrouw",
    "Functie": "Tweede Kamerlid",
    "Geboortedatum": "1976-09-16T00:00:00+02:00",
    "Geboorteplaats": "Purmerend",
    "Geboorteland": "Nederland",
    "Overlijdensdatum": None,
    "Overlijdensplaats": None,
    "Woonplaats": "'s-Gravenhage",
    "Land": "NL",
    "Fractielabel": None,
    "ContentType": "image/jpeg",
    "ContentLength": 456668,
    "GewijzigdOp": "2023-12-01T15:59:58+01:00",
    "ApiGewijzigdOp": "2023-12-01T15:00:24.6710401Z",
    "Verwijderd": False,
}
REAL_FRACTIE = {
    "Id": "e133cd98-1b5c-47e0-ac4d-031f34199767",
    "Nummer": 2783,
    "Afkorting": "BRINK",
    "NaamNL": "Brinkman",
    "NaamEN": "Brinkman",
    "AantalZetels": None,
    "AantalStemmen": None,
    "DatumActief": "2012-03-20T00:00:00+01:00",
    "DatumInactief": "2012-09-19T00:00:00+02:00",
    "ContentType": None,
    "ContentLength": None,
    "GewijzigdOp": "2023-08-29T13:09:50+02:00",
    "ApiGewijzigdOp": "2023-08-29T11:23:41.8713166Z",
    "Verwijderd": False,
}
# The real records' officials, as the fragments name them (Naam, Functie, Ministerie).
REAL_OFFICIALS = [(record["Naam"], record["Functie"]) for record in REAL_RECORDS]

# Generated: posts as (Functie, Ministerie from September 2022, first day, last day).
POSTS = [
    ("Minister van Veiligheid en Justitie", None, "2015-01-01", "2017-10-25"),
    ("Minister van Justitie en Veiligheid", "Justitie en Veiligheid", "2017-10-26", "2026-08-31"),
    (
        "Staatssecretaris van Justitie en Veiligheid",
        "Justitie en Veiligheid",
        "2017-10-26",
        "2026-08-31",
    ),
    (
        "Minister van Economische Zaken en Klimaat",
        "Economische Zaken en Klimaat",
        "2017-10-26",
        "2024-07-01",
    ),
    ("Minister van Economische Zaken", "Economische Zaken", "2024-07-02", "2026-08-31"),
    (
        "Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking",
        "Buitenlandse Zaken",
        "2015-01-01",
        "2026-08-31",
    ),
    ("Minister van Buitenlandse Zaken", "Buitenlandse Zaken", "2015-01-01", "2026-08-31"),
    (
        "Minister van Landbouw, Natuur en Voedselkwaliteit",
        "Landbouw, Natuur en Voedselkwaliteit",
        "2017-10-26",
        "2024-07-01",
    ),
    (
        "Minister van Landbouw, Visserij, Voedselzekerheid en Natuur",
        "Landbouw, Visserij, Voedselzekerheid en Natuur",
        "2024-07-02",
        "2026-08-31",
    ),
    (
        "Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties",
        "Binnenlandse Zaken en Koninkrijksrelaties",
        "2015-01-01",
        "2026-08-31",
    ),
    (
        "Staatssecretaris voor Digitalisering en Koninkrijksrelaties",
        "Digitalisering en Koninkrijksrelaties",
        "2024-07-02",
        "2026-08-31",
    ),
    (
        "Minister voor Medische Zorg",
        "Volksgezondheid, Welzijn en Sport",
        "2017-10-26",
        "2026-08-31",
    ),
    (
        "Minister van Volksgezondheid, Welzijn en Sport",
        "Volksgezondheid, Welzijn en Sport",
        "2015-01-01",
        "2026-08-31",
    ),
    (
        "Minister van Infrastructuur en Waterstaat",
        "Infrastructuur en Waterstaat",
        "2017-10-26",
        "2026-08-31",
    ),
    ("Minister van Financiën", "Financiën", "2015-01-01", "2026-08-31"),
    ("Staatssecretaris van Financiën", "Financiën", "2015-01-01", "2026-08-31"),
    (
        "Minister van Onderwijs, Cultuur en Wetenschap",
        "Onderwijs, Cultuur en Wetenschap",
        "2015-01-01",
        "2026-08-31",
    ),
    (
        "Minister van Sociale Zaken en Werkgelegenheid",
        "Sociale Zaken en Werkgelegenheid",
        "2015-01-01",
        "2026-08-31",
    ),
]
# Generated officials: surname, initials, tussenvoegsel, first name, title.
PEOPLE = [
    ("Jansen", "P.", None, "Pieter", None),
    ("Vries", "A.M.", "de", "Anna", "mr."),
    ("Bakker", "J.", None, "Jan", None),
    ("Visser", "K.L.", None, "Karin", "dr."),
    ("Smit", "R.", None, "Ruud", None),
    ("Meijer", "H.", None, "Hanna", None),
    ("Graaf", "E.", "de", "Erik", None),
    ("Mulder", "S.", None, "Sanne", "drs."),
    ("Bos", "T.", None, "Thijs", None),
    ("Gülşen", "A.", None, "Ayşe", None),
    ("Dijk", "M.", "van", "Maarten", None),
    ("Berg", "L.", "van den", "Lotte", None),
]
# Spellings of one thing that differ only in capitals or accents.
SPELLINGS = {
    "Gülşen, A.": ["Gülşen, A.", "Gulsen, A."],
    "Graaf, E. de": ["Graaf, E. de", "Graaf, E. De"],
    "Minister van Financiën": [
        "Minister van Financiën",
        "Minister van Financien",
        "minister van financiën",
    ],
}
COMMITTEES = [
    ("Justitie en Veiligheid", "J&V"),
    ("Economische Zaken", "EZ"),
    ("Buitenlandse Handel en Ontwikkelingssamenwerking", "BHO"),
    ("Landbouw, Visserij, Voedselzekerheid en Natuur", "LVVN"),
    ("Binnenlandse Zaken", "BiZa"),
    ("Volksgezondheid, Welzijn en Sport", "VWS"),
    ("Infrastructuur en Waterstaat", "I&W"),
    ("Financiën", "FIN"),
]
PARTIES = [("VVD", "VVD"), ("GroenLinks-PvdA", "GL-PvdA"), ("CDA", "CDA"), ("D66", "D66")]
PARTIES += [("Partij voor de Vrijheid", "PVV"), ("SP", "SP"), ("ChristenUnie", "CU")]
MEMBERS = [("Hendriks", "B."), ("Kok", "C."), ("Peters", "D.J."), ("Willems", "F.")]
MEMBERS += [("Hoekstra", "G."), ("Koster", "I."), ("Prins", "J.A."), ("Maas", "N.")]
MEMBERS += [("Brouwer", "O."), ("Dekker", "Q."), ("Vos", "R.S."), ("Post", "T.")]
DEBATES = ["Commissiedebat", "Plenair debat", "Wetgevingsoverleg", "Notaoverleg"]
LINKS = ("IsHerhalingVan", "IsWijzigingVan", "IsAanvullingOp")
EXPANDED = ("ToegezegdAan", "KamerbriefNakoming", "Activiteit", *LINKS)


@dataclasses.dataclass
class Register:
    """`records` in the order a sync asks for them; `quirks` maps a quirk's name to the Ids of
    the records that carry it (see `register`)."""

    records: list[dict]
    quirks: dict[str, list[str]]

    def by_id(self, tk_id: str) -> dict:
        return next(record for record in self.records if record["Id"] == tk_id)


def register(count: int = 320, *, seed: int = SEED) -> Register:
    """`count` records (the four real ones among them) in the real shape; see the docstring.

    Quirks named in `Register.quirks`: empty_status, null_status, no_ministerie (Ministerie null,
    ministry in Functie), lower_case_functie, no_functie, no_ministry (neither names one),
    late (reaches the API months after GewijzigdOp), hours_late, deleted, tombstone (bare),
    no_due_date, linked_forward, linked_missing, made_to, fulfilled_by, notes, name_parts.
    """
    if count < len(REAL_RECORDS) + 2:
        raise ValueError("A register needs room for the real records and two empty statuses.")
    rng = random.Random(seed)
    # About three commitments a debate, as in the Chamber's register.
    world = _World(rng, debates_per_year=max(1, count // 36))
    quirks: dict[str, list[str]] = {}
    records = [dict(record) for record in REAL_RECORDS]
    used = {record["Nummer"] for record in records}
    for record in records:
        world.expand(record, quirks)
    while len(records) < count:
        records.append(world.record(used, quirks))
    records.sort(key=lambda record: (parse(record["ApiGewijzigdOp"]), record["Id"]))
    _deletions(records[len(REAL_RECORDS) :], quirks, rng)
    _empty_statuses(records, quirks, rng)
    _link(records, quirks, rng)
    gone = set(quirks["tombstone"])
    quirks = {
        quirk: tk_ids if quirk in ("deleted", "tombstone") else [i for i in tk_ids if i not in gone]
        for quirk, tk_ids in quirks.items()
    }
    return Register(records=records, quirks=quirks)


class _World:
    """The officials, members, parties, committees and debates the generated records share."""

    def __init__(self, rng: random.Random, *, debates_per_year: int):
        self.rng = rng
        self.debates_per_year = debates_per_year
        self.officials = [
            (f"{person[0]}, {person[1]} {person[2] or ''}".strip(), person, post)
            for person, post in zip(PEOPLE * 3, POSTS * 2, strict=False)
        ]
        self.parties = [REAL_FRACTIE] + [
            self.fractie(name, short, n) for n, (name, short) in enumerate(PARTIES)
        ]
        self.members = [REAL_PERSOON] + [
            self.persoon(surname, initials, n) for n, (surname, initials) in enumerate(MEMBERS)
        ]
        self.committees = [
            self.commissie(name, short, n) for n, (name, short) in enumerate(COMMITTEES)
        ]
        self.debates: dict[str, dict] = {}
        self.sequences: dict[str, int] = {}

    def guid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def fractie(self, name: str, short: str, n: int) -> dict:
        return {
            "Id": self.guid(),
            "Nummer": 3000 + n,
            "Afkorting": short,
            "NaamNL": name,
            "NaamEN": name,
            "AantalZetels": self.rng.randrange(1, 38),
            "AantalStemmen": None,
            "DatumActief": "2023-12-06T00:00:00+01:00",
            "DatumInactief": None,
            "ContentType": None,
            "ContentLength": None,
            "GewijzigdOp": "2024-01-10T10:00:00+01:00",
            "ApiGewijzigdOp": "2024-01-10T09:12:30.5000000Z",
            "Verwijderd": False,
        }

    def persoon(self, surname: str, initials: str, n: int) -> dict:
        return {
            "Id": self.guid(),
            "Nummer": 5000 + n,
            "Titels": None,
            "Initialen": initials,
            "Tussenvoegsel": None,
            "Achternaam": surname,
            "Voornamen": None,
            "Roepnaam": None,
            "Geslacht": None,
            "Functie": "Tweede Kamerlid",
            "GewijzigdOp": "2024-01-10T10:00:00+01:00",
            "ApiGewijzigdOp": "2024-01-10T09:12:30.5000000Z",
            "Verwijderd": False,
        }

    def commissie(self, name: str, short: str, n: int) -> dict:
        return {
            "Id": self.guid(),
            "Nummer": f"2024C{n:05d}",
            "Soort": "Vaste commissie",
            "Afkorting": short,
            "NaamNL": f"vaste commissie voor {name}",
            "NaamWebNL": name,
            "GewijzigdOp": "2024-01-10T10:00:00+01:00",
            "ApiGewijzigdOp": "2024-01-10T09:12:30.5000000Z",
            "Verwijderd": False,
        }

    def activiteit(self, number: str, made: datetime.datetime) -> dict:
        """The debate `number`, the same entity for every record that names it."""
        if number not in self.debates:
            day = made.astimezone(AMSTERDAM).replace(hour=10, minute=0, second=0, microsecond=0)
            year = day.year if day.month >= 9 else day.year - 1
            self.debates[number] = {
                "Id": self.guid(),
                "Soort": self.rng.choice(DEBATES),
                "Nummer": number,
                "Onderwerp": f"Debat {number}",
                "DatumSoort": "Dag",
                "Datum": midnight(day.date()),
                "Aanvangstijd": day.isoformat(),
                "Eindtijd": (day + datetime.timedelta(hours=3)).isoformat(),
                "Status": "Uitgevoerd",
                "Vergaderjaar": f"{year}-{year + 1}",
                "GewijzigdOp": day.isoformat(),
                "ApiGewijzigdOp": utc(day + datetime.timedelta(hours=1)),
                "Verwijderd": False,
                "Voortouwcommissie": [self.rng.choice(self.committees)],
            }
        return self.debates[number]

    def record(self, used: set[str], quirks: dict) -> dict:
        rng = self.rng
        made = at(datetime.date(2015, 1, 1) + datetime.timedelta(rng.randrange(4260)), rng)
        naam, person, post = rng.choice(self.officials)
        while not post[2] <= made.date().isoformat() <= post[3]:
            naam, person, post = rng.choice(self.officials)
        tk_id = self.guid()
        functie = rng.choice(SPELLINGS.get(post[0], [post[0]]))
        ministerie = post[1]
        if made.date() < MINISTERIE_FROM:
            ministerie = None
            _note(quirks, "no_ministerie", tk_id)
            if rng.random() < 0.33:
                functie = functie[0].lower() + functie[1:]
                _note(quirks, "lower_case_functie", tk_id)
        if rng.random() < 0.02:
            functie = None
            _note(quirks, "no_functie", tk_id)
            if ministerie is None:
                _note(quirks, "no_ministry", tk_id)
        status = rng.choices(list(STATUS_COUNTS), weights=list(STATUS_COUNTS.values()))[0]
        changed = made + datetime.timedelta(days=rng.randrange(0, 300), seconds=rng.random())
        changed = min(changed, SNAPSHOT - datetime.timedelta(days=1, seconds=rng.random()))
        record = {
            "Id": tk_id,
            "Aanmaakdatum": created_text(made),
            "Nummer": self.number(made, used),
            "ActiviteitNummer": f"{made.year}A{rng.randrange(self.debates_per_year) * 7:05d}",
            "Naam": rng.choice(SPELLINGS.get(naam, [naam])),
            "Achternaam": None,
            "Initialen": None,
            "Voornaam": None,
            "Achtervoegsel": None,
            "Titulatuur": None,
            "Functie": functie,
            "Status": status,
            "DatumNakoming": self.due(made, tk_id, quirks),
            "Ministerie": ministerie,
            "Tekst": f"De bewindspersoon zegt toe de Kamer te informeren over {tk_id[:8]}.",
            "Verwijderd": False,
            "GewijzigdOp": changed_text(changed if rng.random() < 0.8 else made),
            "ApiGewijzigdOp": "",
            "Tussenvoegsel": None,
            "Notities": None,
        }
        record["ApiGewijzigdOp"] = utc(self.reached_api(record, quirks))
        self.extras(record, person, quirks)
        self.expand(record, quirks)
        return record

    def number(self, made: datetime.datetime, used: set[str]) -> str:
        """The next TZyyyymm-nnn of the month it was made; months start at a random height."""
        period = f"{made.astimezone(AMSTERDAM):%Y%m}"
        sequence = self.sequences.get(period, self.rng.randrange(1, 150))
        while f"TZ{period}-{sequence:03d}" in used:
            sequence += 1
        self.sequences[period] = sequence + 1
        used.add(f"TZ{period}-{sequence:03d}")
        return f"TZ{period}-{sequence:03d}"

    def due(self, made: datetime.datetime, tk_id: str, quirks: dict) -> str:
        if self.rng.random() < 0.2:
            _note(quirks, "no_due_date", tk_id)
            return NO_DATE
        return midnight(
            made.astimezone(AMSTERDAM).date() + datetime.timedelta(self.rng.randrange(14, 500))
        )

    def reached_api(self, record: dict, quirks: dict) -> datetime.datetime:
        """Minutes after GewijzigdOp; hours for a tenth; months for one in fifty (late); never
        after SNAPSHOT."""
        changed = parse(record["GewijzigdOp"])
        draw = self.rng.random()
        if draw < 0.02 and changed < SNAPSHOT - datetime.timedelta(days=60):
            _note(quirks, "late", record["Id"])
            days = self.rng.randrange(60, (SNAPSHOT - changed).days + 1)
            return changed + datetime.timedelta(days=days, minutes=-self.rng.uniform(2, 60))
        if draw < 0.12:
            _note(quirks, "hours_late", record["Id"])
            return changed + datetime.timedelta(hours=self.rng.uniform(1, 16))
        return changed + datetime.timedelta(minutes=self.rng.uniform(2, 40))

    def extras(self, record: dict, person: tuple, quirks: dict) -> None:
        """Name parts and notes, each for some records."""
        rng, tk_id = self.rng, record["Id"]
        if rng.random() < 0.33:
            surname, initials, particle, first_name, title = person
            record |= {"Achternaam": surname, "Initialen": initials, "Tussenvoegsel": particle}
            record |= {"Voornaam": first_name, "Titulatuur": title}
            _note(quirks, "name_parts", tk_id)
        if rng.random() < 0.1:
            record["Notities"] = f"Zie de brief van de bewindspersoon ({record['Nummer']})."
            _note(quirks, "notes", tk_id)

    def expand(self, record: dict, quirks: dict) -> None:
        """The navigation properties a sync asks for, expanded."""
        rng, tk_id = self.rng, record["Id"]
        made = parse(record["Aanmaakdatum"]) if record["Aanmaakdatum"] else None
        record["Activiteit"] = []
        if record.get("ActiviteitNummer") and made is not None:
            record["Activiteit"] = [self.activiteit(record["ActiviteitNummer"], made)]
        record["ToegezegdAan"] = []
        for _item in range(rng.choice([0, 1, 1, 1, 2])):
            self.made_to(record)
        if record["ToegezegdAan"]:
            _note(quirks, "made_to", tk_id)
        record["KamerbriefNakoming"] = []
        if record.get("Status") == "Afgedaan" and rng.random() < 0.6:
            record["KamerbriefNakoming"] = [self.brief(made)]
            _note(quirks, "fulfilled_by", tk_id)
        for link in LINKS:
            record[link] = []

    def made_to(self, record: dict) -> None:
        member = self.rng.choice(self.members)
        party = self.rng.choice(self.parties)
        shape = self.rng.choice(["both", "both", "member", "party"])
        record["ToegezegdAan"].append(
            {
                "Toezegging_Id": record["Id"],
                "Persoon_Id": member["Id"] if shape != "party" else None,
                "Fractie_Id": party["Id"] if shape != "member" else None,
                "Persoon": member if shape != "party" else None,
                "Fractie": party if shape != "member" else None,
            }
        )

    def brief(self, made: datetime.datetime) -> dict:
        day = made.astimezone(AMSTERDAM).date() + datetime.timedelta(self.rng.randrange(20, 300))
        number = f"{day.year}D{self.rng.randrange(10000, 60000):05d}"
        return {
            "Id": self.guid(),
            "Soort": "Brief regering",
            "DocumentNummer": number,
            "Titel": "Nakoming van toezeggingen",
            "Onderwerp": f"Brief over de nakoming van een toezegging ({number})",
            "Datum": midnight(day),
            "Vergaderjaar": f"{day.year - (day.month < 9)}-{day.year + (day.month >= 9)}",
            "Volgnummer": self.rng.randrange(1, 400),
            "Citeertitel": None,
            "GewijzigdOp": midnight(day),
            "ApiGewijzigdOp": utc(datetime.datetime.combine(day, datetime.time(12), AMSTERDAM)),
            "Verwijderd": False,
        }


def _deletions(records: list[dict], quirks: dict, rng: random.Random) -> None:
    """About 1% deleted at the source (at least four), every other one a bare tombstone."""
    chosen = rng.sample(
        [record for record in records if record["Id"] not in {r["Id"] for r in REAL_RECORDS}],
        max(4, round(len(records) / 100)),
    )
    kept = ("Id", "GewijzigdOp", "ApiGewijzigdOp", "Verwijderd")
    for n, record in enumerate(chosen):
        record["Verwijderd"] = True
        _note(quirks, "deleted", record["Id"])
        if n % 2:
            record |= {key: None for key in record if key not in kept and key not in EXPANDED}
            record |= {key: [] for key in EXPANDED}
            _note(quirks, "tombstone", record["Id"])


def _empty_statuses(records: list[dict], quirks: dict, rng: random.Random) -> None:
    """Empty and null Status at the live register's rate; the first empty one on page 1."""
    complete = [i for i, record in enumerate(records) if record["Nummer"] and record["Tekst"]]
    wanted = max(2, round(len(records) * EMPTY_STATUSES / REGISTER_SIZE))
    chosen = [rng.choice([i for i in complete if i < PAGE_SIZE])]
    chosen += rng.sample([i for i in complete if i not in chosen], wanted - 1)
    for n, index in enumerate(chosen):
        empty = "" if n % 2 == 0 else None
        records[index]["Status"] = empty
        records[index]["KamerbriefNakoming"] = []
        _note(quirks, "empty_status" if empty == "" else "null_status", records[index]["Id"])


def _link(records: list[dict], quirks: dict, rng: random.Random) -> None:
    """Repeats, amends and supplements between records, some pointing forward; one to a
    record that is not in the register."""
    complete = [record for record in records if record["Nummer"]]
    for index, record in enumerate(complete):
        if rng.random() >= 0.05 or index == 0:
            continue
        target = rng.choice(
            complete[:index] if rng.random() < 0.6 else complete[index + 1 :] or complete[:index]
        )
        record[rng.choice(LINKS)] = [{"Id": target["Id"]}]
        if complete.index(target) > index:
            _note(quirks, "linked_forward", record["Id"])
    missing = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    complete[-1]["IsHerhalingVan"] = [{"Id": missing}]
    _note(quirks, "linked_missing", complete[-1]["Id"])


def _note(quirks: dict, quirk: str, tk_id: str) -> None:
    quirks.setdefault(quirk, []).append(tk_id)


# --- dates as the Chamber writes them -------------------------------------------------------------


def parse(value: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(value)


def at(day: datetime.date, rng: random.Random) -> datetime.datetime:
    """A moment during office hours on `day`, in Amsterdam, to the millisecond."""
    seconds = rng.randrange(8 * 3600, 19 * 3600)
    moment = datetime.datetime.combine(day, datetime.time(), AMSTERDAM)
    return moment + datetime.timedelta(seconds=seconds, milliseconds=rng.randrange(1, 1000))


def created_text(moment: datetime.datetime) -> str:
    """As Aanmaakdatum: "2025-04-10T11:12:31.55+02:00" (trailing zeros of the fraction cut)."""
    text = moment.astimezone(AMSTERDAM).isoformat(timespec="milliseconds")
    head, fraction_and_zone = text.split(".")
    fraction, zone = fraction_and_zone[:3].rstrip("0") or "0", fraction_and_zone[3:]
    return f"{head}.{fraction}{zone}"


def changed_text(moment: datetime.datetime) -> str:
    """As GewijzigdOp: "2025-09-02T10:14:07.6130000+02:00" (seven digits, an offset)."""
    text = moment.astimezone(AMSTERDAM).isoformat(timespec="microseconds")
    head, zone = text[:26], text[26:]
    return f"{head}0{zone}"


def utc(moment: datetime.datetime) -> str:
    """As ApiGewijzigdOp: "2025-09-02T08:20:41.1027593Z" (seven digits, Z)."""
    text = moment.astimezone(datetime.UTC).isoformat(timespec="microseconds")
    return f"{text[:26]}{moment.microsecond % 10}Z"


def midnight(day: datetime.date) -> str:
    return datetime.datetime.combine(day, datetime.time(), AMSTERDAM).isoformat()


# --- serving the register as the Chamber's OData service does -----------------------------------

CONDITION = re.compile(
    r"^\(?\s*(ApiGewijzigdOp|GewijzigdOp)\s+(ge|gt|le|lt)\s+(\S+?)\s*\)?$|"
    r"^\(?\s*(Verwijderd)\s+eq\s+(true|false)\s*\)?$"
)
COMPARE = {
    "ge": lambda a, b: a >= b,
    "gt": lambda a, b: a > b,
    "le": lambda a, b: a <= b,
    "lt": lambda a, b: a < b,
}


class QueryError(ValueError):
    """A query this server does not answer (the real one may, but our sync never asks it)."""


def answer(records: list[dict], query: dict[str, str], *, url: str, cache=None) -> dict:
    """The page the Chamber's service gives for `query` ($filter, $orderby, $top, $skiptoken)
    over `records`, with the nextLink to the page after it. With a `cache` (a dict kept while
    `records` do not change) a collection is selected and sorted once, not once per page."""
    order = _order(query.get("$orderby", ""))
    key = (query.get("$filter", ""), query.get("$orderby", ""))
    if cache is None or key not in cache:
        selected = [record for record in records if _matches(record, query.get("$filter", ""))]
        selected.sort(key=lambda record: _key(record, order))
        positions = {_key(record, order): index for index, record in enumerate(selected)}
        if cache is not None:
            cache[key] = selected, positions
    selected, positions = cache[key] if cache is not None else (selected, positions)
    token = query.get("$skiptoken")
    if token is not None:
        after = tuple(json.loads(token))
        if after in positions:
            selected = selected[positions[after] + 1 :]
        else:
            selected = [record for record in selected if _key(record, order) > after]
    envelope = {"@odata.context": CONTEXT}
    if "$top" in query:
        envelope["value"] = selected[: int(query["$top"])]
        return envelope
    envelope["value"] = selected[:PAGE_SIZE]
    if len(selected) > PAGE_SIZE:
        following = dict(query, **{"$skiptoken": json.dumps(_key(selected[PAGE_SIZE - 1], order))})
        envelope["@odata.nextLink"] = f"{url}?{urllib.parse.urlencode(following)}"
    return envelope


def _matches(record: dict, condition: str) -> bool:
    for part in filter(None, (p.strip() for p in re.split(r"\band\b", condition))):
        found = CONDITION.match(part)
        if found is None:
            raise QueryError(f"$filter {part!r} is not answered by this test server")
        field, operator, value, deleted_field, flag = found.groups()
        if deleted_field:
            if bool(record.get("Verwijderd")) != (flag == "true"):
                return False
        elif not COMPARE[operator](parse(record[field]), parse(value)):
            return False
    return True


def _order(orderby: str) -> list[tuple[str, bool]]:
    fields = []
    for part in filter(None, (p.strip() for p in orderby.split(","))):
        name, _space, direction = part.partition(" ")
        if name not in ("Id", "GewijzigdOp", "ApiGewijzigdOp", "Nummer"):
            raise QueryError(f"$orderby {name!r} is not answered by this test server")
        fields.append((name, direction.strip() == "desc"))
    return fields or [("Id", False)]


def _key(record: dict, order: list[tuple[str, bool]]):
    fields = (_sortable(record, name, descending) for name, descending in order)
    return (*fields, record["Id"])


def _sortable(record: dict, name: str, descending: bool):
    value = record.get(name) or ""
    if name.endswith("GewijzigdOp"):
        value = parse(value).timestamp()
        return -value if descending else value
    if descending:
        raise QueryError("desc on a text field is not answered by this test server")
    return value


class RegisterServer:
    """The register served over HTTP at `url`, as the Chamber's service pages it.

    `records` may be changed between requests (a record that changes at the source). A request
    is answered by `answer`; `requests` keeps every path asked. `drop_from(n)` makes the n-th
    request and every one after it break off without an answer (a connection lost mid-way).
    `frozen` says the records will not change: each collection is then sorted once (the
    benchmark's 100,000 records). `port` 0 takes a free one. Use as a context manager.
    """

    def __init__(self, records: list[dict], *, frozen: bool = False, port: int = 0):
        self.records = records
        self.cache = {} if frozen else None
        self.requests: list[str] = []
        self.dropping_from: int | None = None
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append(self.path)
                parts = urllib.parse.urlsplit(self.path)
                if parts.path != PATH:
                    self.send_error(404)
                    return
                if (
                    server.dropping_from is not None
                    and len(server.requests) >= server.dropping_from
                ):
                    self.close_connection = True
                    return
                query = dict(urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
                try:
                    page = answer(server.records, query, url=server.url, cache=server.cache)
                except (QueryError, ValueError) as error:
                    body = json.dumps({"error": {"code": "400", "message": str(error)}}).encode()
                    self._send(400, body)
                    return
                self._send(200, json.dumps(page, ensure_ascii=False).encode())

            def _send(self, status: int, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; odata.metadata=minimal")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.url = f"{self.base}{PATH}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    def drop_from(self, request_number: int | None) -> None:
        self.dropping_from = request_number

    def __enter__(self) -> "RegisterServer":
        self.thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()


def pages(records: list[dict], *, page_size: int = PAGE_SIZE) -> list[dict]:
    """The records as OData pages, unlinked (`write_pages` links them)."""
    return [
        {"@odata.context": CONTEXT, "value": records[start : start + page_size]}
        for start in range(0, len(records), page_size)
    ] or [{"@odata.context": CONTEXT, "value": []}]


def write_pages(records: list[dict], folder: Path, *, page_size: int = PAGE_SIZE) -> Path:
    """The records as page files in `folder`, linked by relative @odata.nextLink; the first."""
    folder.mkdir(parents=True, exist_ok=True)
    envelopes = pages(records, page_size=page_size)
    for number, envelope in enumerate(envelopes, start=1):
        if number < len(envelopes):
            envelope["@odata.nextLink"] = f"Toezegging-{number + 1}.json"
        (folder / f"Toezegging-{number}.json").write_text(json.dumps(envelope, ensure_ascii=False))
    return folder / "Toezegging-1.json"
