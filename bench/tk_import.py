"""Benchmark: records per second imported from the Tweede Kamer's register (`Toezegging`).

Run with `make bench-tk` (PostgreSQL must be up). It writes a register of 100,000 records in the
documented shape of the Chamber's open data to a temporary directory, in two forms: one file
holding a single page of all records (a full dump, taken in chunks of 1,000 inside that page's
one transaction), and the same records as pages of 250 linked by `@odata.nextLink`, as the
Chamber's server pages them (one transaction per page). Each form is imported into an emptied
benchmark database with `manage.py import_tk_toezeggingen`, and then once more, when nothing has
changed. The register looks like the Chamber's: 19 years of commitments, sixteen ministries
written several ways, 300 officials, half of them fulfilled, a fifth without a due date, some
deleted at the source and a few with a due date before the day they were made. Nearly every
record names an activity (debate) of its own, so the import makes nearly as many documents as
commitments: a harder case than the Chamber's, where one debate yields several commitments.
Results replace the tk-import section of BENCHMARKS.md.
"""

import argparse
import datetime
import io
import json
import os
import random
import sys
import tempfile
import time
import uuid
import zoneinfo
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from bench import data, report  # noqa: E402
from commitments.models import Commitment, Document, Ministry, Official  # noqa: E402

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
CONTEXT = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/$metadata#Toezegging"
PAGE_SIZE = 250
FIRST_DAY = datetime.date(2006, 7, 1)
DAYS = 19 * 365
# The Chamber's Ministerie is free text; the importer must see these as sixteen ministries.
MINISTRIES = [
    ["Ministerie van Justitie en Veiligheid", "Justitie en Veiligheid", "JenV"],
    ["Ministerie van Volksgezondheid, Welzijn en Sport", "VWS"],
    ["Ministerie van Financiën", "Financiën", "Financien"],
    ["Ministerie van Onderwijs, Cultuur en Wetenschap", "OCW"],
    ["Ministerie van Infrastructuur en Waterstaat", "IenW"],
    ["Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", "BZK"],
    ["Ministerie van Sociale Zaken en Werkgelegenheid", "SZW"],
    ["Ministerie van Buitenlandse Zaken", "BZ"],
    ["Ministerie van Defensie", "Defensie"],
    ["Ministerie van Economische Zaken en Klimaat", "EZK"],
    ["Ministerie van Algemene Zaken", "AZ"],
    ["Ministerie van Landbouw, Natuur en Voedselkwaliteit", "LNV"],
    ["Ministerie van Asiel en Migratie", "AenM"],
    ["Ministerie van Klimaat en Groene Groei", "KGG"],
    ["Ministerie van Volkshuisvesting en Ruimtelijke Ordening", "VRO"],
    ["Ministerie van Economische Zaken", "EZ"],
]
STATUSES = [("Afgedaan", 45), ("Voldaan", 5), ("Openstaand", 35), ("Deels afgedaan", 5)]
STATUSES += [("Vervallen", 10)]
SURNAMES = ["Burg", "Wiersma", "Madlener", "Yesilgöz", "Hoekstra", "Kuipers", "Dijk", "Graaf"]
PARTICLES = ["", "", "", "van der", "de", "van"]
TEXT = (
    "De minister zegt toe de Kamer voor de zomer per brief te informeren over de voortgang van "
    "het onderzoek naar de uitvoering, en daarbij in te gaan op de aanbevelingen en de "
    "vervolgstappen die het kabinet daaraan verbindt (toezegging {n})."
)


def officials(rng: random.Random) -> list[dict]:
    """300 bewindspersonen, each in one function at one ministry."""
    people = []
    for index in range(300):
        ministry = MINISTRIES[index % len(MINISTRIES)]
        title = ministry[0].removeprefix("Ministerie van ")
        surname = f"{rng.choice(SURNAMES)}-{index}"
        initials = f"{chr(65 + index % 26)}.{chr(65 + index // 26 % 26)}."
        particle = rng.choice(PARTICLES)
        people.append(
            {
                "Naam": f"{surname}, {initials} {particle}".strip(),
                "Achternaam": surname,
                "Initialen": initials,
                "Tussenvoegsel": particle or None,
                "Voornaam": None,
                "Achtervoegsel": None,
                "Titulatuur": None,
                "Functie": f"{rng.choice(['Minister', 'Staatssecretaris'])} van {title}",
                "ministry": ministry,
            }
        )
    return people


def moment(day: datetime.date, rng: random.Random) -> str:
    minutes = rng.randrange(8 * 60, 20 * 60)
    at = datetime.datetime.combine(day, datetime.time(), tzinfo=AMSTERDAM)
    return (at + datetime.timedelta(minutes=minutes, milliseconds=rng.randrange(1000))).isoformat()


def midnight(day: datetime.date) -> str:
    return datetime.datetime.combine(day, datetime.time(), tzinfo=AMSTERDAM).isoformat()


def register(count: int) -> list[dict]:
    """`count` records in the documented shape, oldest change first, as a sync reads them."""
    rng = random.Random(2026)
    people = officials(rng)
    sequences: dict[str, int] = {}
    records = []
    for n in range(1, count + 1):
        made = FIRST_DAY + datetime.timedelta(rng.randrange(DAYS))
        period = f"{made:%Y%m}"
        sequences[period] = sequences.get(period, 0) + 1
        person = people[rng.randrange(len(people))]
        draw = rng.random()
        if draw < 0.2:
            due = "0001-01-01T00:00:00Z"
        elif draw < 0.205:
            due = midnight(made - datetime.timedelta(10))
        else:
            due = midnight(made + datetime.timedelta(14 + rng.randrange(500)))
        changed = made + datetime.timedelta(1 + rng.randrange(400))
        records.append(
            {
                "Id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "Nummer": f"TZ{period}-{sequences[period]:03d}",
                "Tekst": TEXT.format(n=n),
                **{key: value for key, value in person.items() if key != "ministry"},
                "Ministerie": rng.choice(person["ministry"]),
                "Status": rng.choices(*zip(*STATUSES, strict=True))[0],
                "DatumNakoming": due,
                "Aanmaakdatum": moment(made, rng),
                # Groups of four records, but within the year each was made: so nearly every
                # record names an activity of its own (see the module docstring).
                "ActiviteitNummer": f"{made:%Y}A{n // 4:05d}",
                "KamerbriefNakoming": None,
                "GewijzigdOp": moment(changed, rng),
                "ApiGewijzigdOp": moment(changed, rng),
                "Verwijderd": rng.random() < 0.01,
            }
        )
    records.sort(key=lambda record: record["GewijzigdOp"])
    return records


def write_pages(records: list[dict], folder: Path, *, page_size: int) -> Path:
    """The records as pages of `page_size` linked by relative @odata.nextLink; the first page."""
    folder.mkdir(parents=True, exist_ok=True)
    starts = range(0, len(records), page_size)
    for number, start in enumerate(starts, start=1):
        page = {"@odata.context": CONTEXT, "value": records[start : start + page_size]}
        if start + page_size < len(records):
            page["@odata.nextLink"] = f"page-{number + 1}.json"
        (folder / f"page-{number}.json").write_text(json.dumps(page, ensure_ascii=False))
    return folder / "page-1.json"


def empty_register() -> None:
    """The benchmark database without commitments and without what an import adds besides."""
    data.reset()
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE commitments_tksync, commitments_historicaldocument, commitments_document "
            "RESTART IDENTITY CASCADE"
        )


def timed_import(first_page: Path) -> tuple[float, str]:
    out = io.StringIO()
    started = time.perf_counter()
    call_command("import_tk_toezeggingen", str(first_page), stdout=out)
    return time.perf_counter() - started, out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("The benchmark runs on PostgreSQL: set DATABASE_URL.")
    call_command("migrate", verbosity=0)
    records = register(args.records)
    forms = {"one page": args.records, f"pages of {PAGE_SIZE}": PAGE_SIZE}
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for form, page_size in forms.items():
            first_page = write_pages(records, Path(folder) / str(page_size), page_size=page_size)
            size = sum(path.stat().st_size for path in first_page.parent.iterdir())
            empty_register()
            first, output = timed_import(first_page)
            print(form, "first import", f"{first:.1f} s", output, flush=True)
            counts = (
                Commitment.objects.count(),
                Commitment.history.count(),
                Ministry.objects.count(),
                Official.objects.count(),
                Document.objects.count(),
            )
            again, output = timed_import(first_page)
            print(form, "again", f"{again:.1f} s", output, flush=True)
            assert Commitment.history.count() == counts[1], "the second import wrote history"
            pages = -(-args.records // page_size)
            rows.append((form, pages, size, first, again, counts))

    lines = [
        "## Tweede Kamer import",
        "",
        f"Measured {report.today()} with `make bench-tk` on {report.versions()}.",
        "",
        f"`manage.py import_tk_toezeggingen` on a register of {args.records:,} `Toezegging` "
        "records in the Chamber's OData JSON shape (19 years, sixteen ministries written "
        "several ways, 300 officials, half fulfilled, a fifth without a due date, 1% deleted "
        "at the source, nearly every record naming an activity of its own), read from local "
        "files: once as one page (a full dump, one transaction), once as pages of 250 linked by "
        "@odata.nextLink (the Chamber's page size, one transaction each). The first import "
        "starts from an empty register and creates every commitment with its audit row, the "
        "ministries, officials and activity documents, and reserves the numbers; the second "
        "finds nothing changed and writes nothing (target: thousands of records per second).",
        "",
        "| file | pages | size | first import | records/s | again (no changes) | records/s |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for form, pages, size, first, again, _counts in rows:
        lines.append(
            f"| {form} | {pages:,} | {size / 1e6:.0f} MB | {first:.1f} s "
            f"| {args.records / first:,.0f} | {again:.1f} s | {args.records / again:,.0f} |"
        )
    commitments, history, ministries, people, documents = rows[0][5]
    lines += [
        "",
        f"After the first import: {commitments:,} commitments, {history:,} audit rows, "
        f"{ministries} ministries, {people} officials, {documents:,} activity documents; "
        "after the second, the same.",
    ]
    report.replace_section("tk-import", "\n".join(lines))
    report.save(
        "tk-import",
        {
            form: {"records_per_s": args.records / first, "again_per_s": args.records / again}
            for form, _pages, _size, first, again, _counts in rows
        },
    )


if __name__ == "__main__":
    main()
