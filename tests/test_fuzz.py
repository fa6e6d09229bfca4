"""Bad input, fuzzed with Hypothesis: the letter importer, the deadline resolver, the Tweede
Kamer importer and the filters of the dashboard and the API.

Every target has one promise to keep whatever comes in: a clear message and a 4xx (never a 500
or a traceback), and a database as it was before, unless the input was good. Each example runs in
a savepoint that is rolled back afterwards, so that a letter or page that was good does not
change what the next example starts from.

The number of examples per target is small enough for the default suite; FUZZ_EXAMPLES raises it
for a longer run (see RELIABILITY.md). The `fuzz_cases` fixture counts the cases each target
tried, and the run prints the counts at its end.
"""

import datetime
import io
import json
import re
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from django.utils.html import escape
from hypothesis import example, given
from hypothesis import strategies as st

from commitments import extraction
from commitments.extraction import ParliamentaryCalendar, Recess
from commitments.extraction.deadlines import (
    MONTHS,
    PRECISIONS,
    find_deadline,
    find_deadline_referring_back,
    resolve_deadline,
)
from commitments.models import Commitment, Document
from tests.factories import MinistryFactory
from tests.fuzzing import fuzz_settings
from tests.letters import SEED_LETTER, candidates_of, minimal_pdf, review_data
from tests.toezeggingen import toezegging

pytestmark = pytest.mark.usefixtures("english")

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CALENDAR = ParliamentaryCalendar.from_csv(SEEDS / "recesses.csv")
IMPORT = reverse("admin:commitments_document_import")


def row_counts() -> dict[str, int]:
    """The number of rows in every table of the project, by table."""
    return {model._meta.db_table: model._default_manager.count() for model in apps.get_models()}


@contextmanager
def rolled_back():
    """Whatever the example wrote is undone afterwards, so every example starts alike."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


# --- Dutch-ish text ---------------------------------------------------------------------------

MONTH_NAMES = list(MONTHS)
# Python's case-insensitive matching lets these stand for s, k and i; a letter may hold them.
CASE_LOOKALIKES = {"s": "\u017f", "k": "\u212a", "i": "\u0130"}


def mangled(words: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Words as a letter may spell them: upper case, title case, or with a look-alike letter."""

    def spell(word: str, how: int) -> str:
        if how == 1:
            return word.upper()
        if how == 2:
            return word.title()
        if how == 3:
            for plain, lookalike in CASE_LOOKALIKES.items():
                word = word.replace(plain, lookalike, 1)
        return word

    return st.builds(spell, words, st.integers(0, 6))


GRAMMAR_WORDS = [
    *MONTH_NAMES,
    "op",
    "per",
    "uiterlijk",
    "voor",
    "vóór",
    "na",
    "in",
    "eind",
    "einde",
    "begin",
    "medio",
    "rond",
    "halverwege",
    "van",
    "het",
    "de",
    "dit",
    "deze",
    "volgend",
    "volgende",
    "komende",
    "jaar",
    "kalenderjaar",
    "kwartaal",
    "eerste",
    "tweede",
    "derde",
    "vierde",
    "vijfde",
    "helft",
    "zomer",
    "voorjaar",
    "najaar",
    "winter",
    "lente",
    "herfst",
    "zomerreces",
    "kerstreces",
    "meireces",
    "voorjaarsreces",
    "herfstreces",
    "Prinsjesdag",
    "begroting",
    "miljoenennota",
    "behandeling",
    "jaarwisseling",
    "binnen",
    "over",
    "dagen",
    "weken",
    "week",
    "maanden",
    "maand",
    "werkdagen",
    "jaren",
    "een",
    "twee",
    "drie",
    "zes",
    "anderhalve",
    "een half",
    "jl.",
    "aanstaande",
    "a.s.",
    "nog",
    "Q1",
    "Q4",
    "Q5",
    "week 54",
    "zo spoedig mogelijk",
    "op korte termijn",
    "dan",
    "dat reces",
    "debat",
    "commissiedebat",
    "gepland",
]
YEARS = st.one_of(
    st.integers(0, 9999).map(str),
    st.sampled_from(["dit jaar", "volgend jaar", "het nieuwe jaar", "2023", "2100", "1999"]),
)
DAYS = st.one_of(st.integers(0, 39), st.sampled_from([29, 30, 31])).map(str)
TEMPLATES = [
    "op {day} {month} {year}",
    "uiterlijk {day} {month}",
    "uiterlijk {day} {month} {year}",
    "voor {day} {month} jl.",
    "in {month} {year}",
    "eind {month} van {year}",
    "begin {month}",
    "in het {ordinal} kwartaal van {year}",
    "in het {ordinal} kwartaal",
    "Q{quarter} {year}",
    "in week {week} van {year}",
    "medio {year}",
    "begin {year}",
    "in de {half} helft van {year}",
    "voor de zomer {year}",
    "na het zomerreces",
    "voor het {recess}reces",
    "aan het einde van het {recess}reces",
    "voor Prinsjesdag {year}",
    "met Prinsjesdag",
    "bij de begroting {year}",
    "voor de behandeling van de begroting {year}",
    "eind {year}",
    "in {year}",
    "vóór {year}",
    "binnen {count} {unit}",
    "over {count} {unit}",
    "volgende {period}",
    "in {rel} {season} van {year}",
    "voorafgaand aan het debat op {day} {month} {year}",
]
PHRASES = st.builds(
    lambda template, parts: template.format(**parts),
    st.sampled_from(TEMPLATES),
    st.fixed_dictionaries(
        {
            "day": DAYS,
            "month": mangled(st.sampled_from(MONTH_NAMES)),
            "year": YEARS,
            "ordinal": st.sampled_from(["eerste", "tweede", "vierde", "laatste", "5e", "vijfde"]),
            "quarter": st.integers(0, 9),
            "week": st.integers(0, 60),
            "half": st.sampled_from(["eerste", "tweede", "derde"]),
            "recess": mangled(st.sampled_from(["zomer", "kerst", "mei", "voorjaars", "herfst"])),
            "count": st.one_of(st.integers(0, 999).map(str), st.sampled_from(["zes", "twaalf"])),
            "unit": mangled(st.sampled_from(["dagen", "werkdagen", "weken", "maanden", "jaar"])),
            "period": st.sampled_from(["week", "maand"]),
            "rel": st.sampled_from(["het", "deze", "volgend", "komende"]),
            "season": mangled(st.sampled_from(["zomer", "lente", "herfst", "winter", "najaar"])),
        }
    ),
)
DEADLINE_TEXT = st.one_of(
    PHRASES,
    st.lists(mangled(st.sampled_from(GRAMMAR_WORDS)), max_size=8).map(" ".join),
    st.builds(
        lambda before, phrase, after: f"{before} {phrase} {after}",
        st.text(max_size=40),
        PHRASES,
        st.text(max_size=40),
    ),
    st.text(max_size=200),
)
LETTER_DATES = st.one_of(
    st.dates(),
    st.dates(min_value=datetime.date(2015, 1, 1), max_value=datetime.date(2035, 12, 31)),
)
RECESSES = st.builds(
    lambda kind, starts_on, days: Recess(
        kind=kind, starts_on=starts_on, ends_on=starts_on + datetime.timedelta(days=days)
    ),
    st.sampled_from(["spring", "may", "summer", "autumn", "christmas"]),
    st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2040, 12, 31)),
    st.integers(0, 80),
)
CALENDARS = st.one_of(
    st.just(CALENDAR),
    st.just(ParliamentaryCalendar()),
    st.lists(RECESSES, max_size=6).map(ParliamentaryCalendar),
)


def assert_a_sound_deadline(deadline, letter_date):
    assert deadline.precision in PRECISIONS
    assert deadline.vague == (deadline.due_date is None)
    assert (deadline.precision == "none") == (deadline.due_date is None)
    if deadline.due_date is not None:
        assert deadline.due_date >= letter_date, (deadline, letter_date)


# --- the deadline resolver ----------------------------------------------------------------------


# A long s matches s case-insensitively, so the phrase was found; looking its word up in the
# resolver's tables then raised a KeyError. The Kelvin sign, which lowercases to k, always worked.
@example(
    text="uiterlijk 1 \u017feptember 2030", letter_date=datetime.date(2024, 1, 1), calendar=CALENDAR
)
@example(text="binnen ze\u017f weken", letter_date=datetime.date(2024, 1, 1), calendar=CALENDAR)
@example(text="voor het \u212aerstreces", letter_date=datetime.date(2024, 1, 1), calendar=CALENDAR)
# The first and last days the calendar holds: a period that would fall outside it is no deadline.
@example(text="voor de zomer", letter_date=datetime.date(1, 1, 1), calendar=CALENDAR)
@example(text="binnen 999 jaar", letter_date=datetime.date(9999, 12, 31), calendar=CALENDAR)
@example(text="uiterlijk 31 februari", letter_date=datetime.date(2024, 3, 1), calendar=CALENDAR)
@given(text=DEADLINE_TEXT, letter_date=LETTER_DATES, calendar=CALENDARS)
@fuzz_settings(400)
def test_it_resolves_any_phrase_to_a_date_not_before_the_letter_or_none(
    text, letter_date, calendar, fuzz_cases
):
    fuzz_cases["deadline resolver"] += 1
    deadline = resolve_deadline(text, letter_date, calendar)
    assert_a_sound_deadline(deadline, letter_date)
    found = find_deadline(text, letter_date, calendar)
    if found is not None:
        assert_a_sound_deadline(found, letter_date)
    back = find_deadline_referring_back(text, text, found, letter_date, calendar)
    if back is not None:
        assert_a_sound_deadline(back, letter_date)


# --- the extractor, without Django -------------------------------------------------------------

PROMISES = [
    "Uw Kamer zal ik {phrase} informeren.",
    "Ik zal de Kamer {phrase} een brief sturen.",
    "De minister zegt toe de Kamer {phrase} te informeren over de uitkomsten.",
    "Het rapport wordt {phrase} opgeleverd. Uw Kamer zal hierover worden geïnformeerd.",
    "Tevens zal ik u dan de evaluatie sturen.",
]
LETTER_LINES = st.one_of(
    st.builds(lambda t, p: t.format(phrase=p), st.sampled_from(PROMISES), DEADLINE_TEXT),
    st.builds(
        lambda day, month, year: f"Den Haag, {day} {month} {year}",
        DAYS,
        mangled(st.sampled_from(MONTH_NAMES)),
        st.integers(0, 9999).map(lambda year: f"{year:04d}"),
    ),
    st.builds(lambda n: f"Nr. {n}", st.integers(0, 10**40)),
    st.builds(lambda n, name: f"{n} {name}", st.integers(10000, 99999), st.text(max_size=30)),
    st.builds(lambda title: f"Brief regering : {title}", st.text(min_size=1, max_size=700)),
    st.sampled_from(
        [
            "De Staatssecretaris van Justitie en Veiligheid,",
            "E. van der Burg",
            "De Minister van Financiën, S.A.M. Kaag",
            "BRIEF VAN DE MINISTER VOOR MIGRATIE",
            "",
        ]
    ),
    st.text(max_size=120),
)
LETTERS = st.one_of(
    st.lists(LETTER_LINES, max_size=12).map("\n".join),
    st.builds(
        lambda start, end, insert: SEED_LETTER[:start] + insert + SEED_LETTER[end:],
        st.integers(0, len(SEED_LETTER)),
        st.integers(0, len(SEED_LETTER)),
        st.text(max_size=60),
    ),
)


@given(content=st.binary(max_size=400))
@example(content=b"\xef\xbb\xbfDen Haag, 1 maart 2024")
@example(content=b"\x81\x8d\x8f\x90\x9d")
@fuzz_settings(300)
def test_it_decodes_a_letter_or_says_it_cannot(content, fuzz_cases):
    fuzz_cases["decode_letter"] += 1
    text = extraction.decode_letter(content)
    assert text is None or isinstance(text, str)


# A date line with a look-alike letter in the month (a long s in "september") was found and then
# looked up in the table of months, which raised a KeyError.
@example(
    text="Den Haag, 8 \u017feptember 2022\nUw Kamer zal ik voor de zomer informeren.", date=None
)
@given(text=LETTERS, date=st.one_of(st.none(), LETTER_DATES))
@fuzz_settings(100)
def test_it_extracts_candidates_or_asks_for_the_letter_date(text, date, fuzz_cases):
    fuzz_cases["extract"] += 1
    try:
        candidates = extraction.extract(text, date, CALENDAR)
    except extraction.MissingLetterDate:
        assert date is None
        return
    letter_date = date or extraction.read_header(text).date
    for candidate in candidates:
        assert candidate.sentence
        assert 0 <= candidate.start <= candidate.end <= len(text)
        assert candidate.precision in PRECISIONS
        assert (candidate.due_date is None) == candidate.vague
        if candidate.due_date is not None:
            assert candidate.due_date >= letter_date


# --- the letter import in the admin -----------------------------------------------------------


@pytest.fixture
def import_client(clerk_client):
    MinistryFactory(name="Justitie en Veiligheid", abbreviation="JenV")
    return clerk_client


def form_errors(response) -> list[str]:
    form = response.context["form"]
    return [message for messages in form.errors.values() for message in messages]


def assert_imported_or_explained(response, before: dict[str, int]):
    """A letter that could be read is a new document (or the one imported before) and
    nothing else; one that could not is explained on the form, and nothing was written."""
    after = row_counts()
    if response.status_code == 302:
        assert response.url.endswith("/candidates/")
        changed = {table for table in after if after[table] != before[table]}
        assert changed <= {"commitments_document", "commitments_historicaldocument"}
        assert after["commitments_commitment"] == before["commitments_commitment"]
        return
    assert response.status_code == 200
    errors = form_errors(response)
    assert errors, "the form came back without saying why"
    page = response.content.decode()
    assert all(escape(message) in page for message in errors)
    assert after == before


# A title line longer than a document's title may be, or a document number longer than
# its column, made PostgreSQL refuse the new document: a DataError and a 500.
@example(text=f"Brief regering : {'Zeer lange titel ' * 40}\nDen Haag, 1 maart 2024", date=None)
@example(text=f"Nr. {'9' * 40}\nDen Haag, 1 maart 2024", date=None)
@example(text="Den Haag, 8 \u212aerst 2022", date=None)
@given(text=LETTERS, date=st.one_of(st.none(), st.dates().map(datetime.date.isoformat)))
@fuzz_settings(40)
def test_it_imports_pasted_text_or_explains_why_not(import_client, fuzz_cases, text, date):
    fuzz_cases["letter import: pasted text"] += 1
    with rolled_back():
        before = row_counts()
        data = {"text": text} | ({"letter_date": date} if date else {})
        response = import_client.post(IMPORT, data)
        assert_imported_or_explained(response, before)


PDF = minimal_pdf(["Den Haag, 3 maart 2024", "Uw Kamer zal ik voor de zomer informeren."])
UPLOADS = st.one_of(
    st.binary(max_size=600),
    st.builds(
        lambda start, end, insert: PDF[:start] + insert + PDF[end:],
        st.integers(0, len(PDF)),
        st.integers(0, len(PDF)),
        st.binary(max_size=40),
    ),
    st.builds(lambda cut: PDF[:cut], st.integers(0, len(PDF))),
    st.builds(
        lambda text, encoding: text.encode(encoding, "replace"),
        LETTERS,
        st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"]),
    ),
    st.just(b"Den Haag, 1 maart 2024\n" + b"x" * 200_000 + b"\n"),
)


# A PDF whose text holds a NUL character (here a string drawn with one) reached PostgreSQL,
# which refuses NUL in text: a DataError and a 500.
@example(name="brief.pdf", content=minimal_pdf(["Den Haag, 3 maart 2024", "Uw Kamer \\000 zal"]))
# pypdf raises more than its own errors on a broken PDF: a cross-reference table with a line cut
# out of it raised a TypeError, and a 500.
@example(name="brief.pdf", content=PDF.replace(b"5 f \n0000000009 ", b"", 1))
@given(
    name=st.sampled_from(["brief.txt", "brief.html", "brief.htm", "brief.pdf", "BRIEF.PDF", "x"]),
    content=UPLOADS,
)
@fuzz_settings(50)
def test_it_reads_an_uploaded_file_or_explains_why_not(import_client, fuzz_cases, name, content):
    fuzz_cases["letter import: uploaded file"] += 1
    with rolled_back():
        before = row_counts()
        upload = SimpleUploadedFile(name, content)
        response = import_client.post(IMPORT, {"file": upload, "letter_date": "2024-03-01"})
        assert_imported_or_explained(response, before)


@pytest.fixture
def shown_letter(import_client):
    """A letter imported and its candidates shown once, for every example to post back."""
    import_client.post(IMPORT, {"text": SHORT_LETTER})
    document = Document.objects.get()
    url = reverse("admin:commitments_document_candidates", args=[document.pk])
    return document, url, candidates_of(import_client.get(url))


# Three candidates, two dated and one vague: enough to forge any selection, and quick to read.
SHORT_LETTER = """Den Haag, 3 maart 2024

Uw Kamer zal ik voor de zomer informeren over de uitkomsten van de pilot.

Ik zal de Kamer in het eerste kwartaal van 2025 een brief sturen over de evaluatie.

Ik zal uw Kamer op korte termijn informeren over de kosten van het programma.

De Minister van Justitie en Veiligheid,
D. Yesilgöz-Zegerius"""
FIELDS = [
    "accept",
    "sentence",
    "summary",
    "ministry",
    "official",
    "official_function",
    "deadline_phrase",
    "due_date",
    "precision",
]
FORGED_VALUES = st.one_of(
    st.text(max_size=50),
    st.sampled_from(
        [
            "",
            "on",
            "1900-01-01",
            "0001-01-01",
            "9999-12-31",
            "2022-11-07",
            "31-12-2023",
            "day",
            "none",
            "month",
            "bogus",
            "-1",
            "999999",
            "x" * 400,
            "a\x00b",
        ]
    ),
)
FORGERIES = st.lists(
    st.one_of(
        st.tuples(st.just("set"), st.integers(0, 3), st.sampled_from(FIELDS), FORGED_VALUES),
        st.tuples(st.just("drop"), st.integers(0, 3), st.sampled_from(FIELDS), st.none()),
        st.tuples(
            st.just("management"),
            st.none(),
            st.sampled_from(["form-TOTAL_FORMS", "form-INITIAL_FORMS"]),
            st.one_of(st.integers(-2, 12).map(str), st.sampled_from(["", "x", "99999999"])),
        ),
    ),
    min_size=1,
    max_size=4,
)


# A due date before the letter's date or a deadline phrase too long for its column failed the
# commitment's validation in accept(): a 500. A sentence that is none of the candidates was
# registered as posted. Fewer forms than candidates, one of them invalid, broke the page that
# shows the errors (zip(strict=True)): a 500.
@example(forgeries=[("set", 0, "due_date", "1900-01-01")])
@example(forgeries=[("set", 0, "deadline_phrase", "x" * 400)])
@example(forgeries=[("set", 1, "sentence", "Ik beloof iets anders.")])
@example(forgeries=[("management", None, "form-TOTAL_FORMS", "2"), ("set", 0, "summary", "")])
@given(forgeries=FORGERIES)
@fuzz_settings(25)
def test_it_registers_only_the_candidates_shown_and_valid(
    import_client, shown_letter, fuzz_cases, forgeries
):
    document, url, shown = shown_letter
    sentences = {row["sentence"] for row in shown}
    fuzz_cases["letter import: accepting candidates"] += 1
    with rolled_back():
        data = review_data(shown)
        for action, index, field, value in forgeries:
            key = field if action == "management" else f"form-{index}-{field}"
            if action == "drop":
                data.pop(key, None)
            else:
                data[key] = value
        before = row_counts()
        response = import_client.post(url, data)
        created = Commitment.objects.filter(source=document)
        if response.status_code == 302:
            assert set(created.values_list("text", flat=True)) <= sentences
            for commitment in created:
                commitment.full_clean()
                assert commitment.made_on == document.date
        else:
            assert response.status_code == 200
            assert row_counts() == before
            page = response.content.decode()
            assert 'class="errorlist' in page or 'class="messagelist' in page


# --- the Tweede Kamer importer ----------------------------------------------------------------

WEIRD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(),
    st.text(max_size=30),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.sampled_from(
        [
            "",
            " ",
            "0001-01-01T00:00:00Z",
            "0001-01-01T00:00:00+14:00",
            "0001-01-02T00:00:00+02:00",
            "9999-12-31T23:59:59-12:00",
            "9999-12-31",
            "2024-02-30T00:00:00+01:00",
            "2024-13-01T00:00:00Z",
            "2024-06-31",
            "2024-W01-1",
            "Openstaand",
            "afgedaan",
            "TZ202403-001",
            "TZ209912-999999",
            "nul\x00byte",
            "\ud800",
            "&" * 150,
            "x" * 100_000,
            str(uuid.UUID(int=1)),
            "{" + str(uuid.UUID(int=99)) + "}",
        ]
    ),
)
RECORD_FIELDS = list(toezegging(1))
RECORD_MUTATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("drop"), st.integers(0, 2), st.sampled_from(RECORD_FIELDS), st.none()),
        st.tuples(st.just("set"), st.integers(0, 2), st.sampled_from(RECORD_FIELDS), WEIRD_VALUES),
        st.tuples(st.just("replace"), st.integers(0, 2), st.none(), WEIRD_VALUES),
    ),
    max_size=3,
)
NEXT_LINKS = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "page.json",
            "./page.json",
            "missing.json",
            "http://[::1",
            "http://[bad",
            "nul\x00.json",
            "file:///",
            "",
            5,
            ["page.json"],
            "https://127.0.0.1:9/none",
        ]
    ),
    st.text(max_size=20),
)
BODY_MUTATIONS = st.one_of(
    st.none(),
    st.tuples(st.just("cut"), st.integers(0, 2000)),
    st.tuples(st.just("insert"), st.integers(0, 2000), st.binary(min_size=1, max_size=8)),
    st.tuples(
        st.just("whole"),
        st.sampled_from(
            [
                b"",
                b"null",
                b"[]",
                b"{}",
                b'{"value": {}}',
                b'{"value": null}',
                b"\x00" * 10,
                b"[" * 100_000,
                b'{"value": [' + b"[" * 100_000 + b"]}",
                b"\xff\xfe{}",
                b'{"value": [], "@odata.nextLink": 1e999}',
            ]
        ),
    ),
)


def tk_page(records: list[dict], mutations, next_link) -> list:
    page = [dict(record) for record in records]
    for action, index, field, value in mutations:
        place = index % len(page)
        if action == "replace":
            page[place] = value
        elif isinstance(page[place], dict) and action == "drop":
            page[place].pop(field, None)
        elif isinstance(page[place], dict):
            page[place][field] = value
    envelope = {"@odata.context": "fuzz", "value": page}
    if next_link is not None:
        envelope["@odata.nextLink"] = next_link
    return envelope


def tk_body(envelope: dict, mutation) -> bytes:
    body = json.dumps(envelope).encode()
    if mutation is None:
        return body
    if mutation[0] == "cut":
        return body[: mutation[1]]
    if mutation[0] == "insert":
        return body[: mutation[1]] + mutation[2] + body[mutation[1] :]
    return mutation[1]


@pytest.fixture
def tk_source(tmp_path, db):
    """A file source whose records 1 to 3 we have already imported once."""
    source = tmp_path / "page.json"
    source.write_text(json.dumps({"value": [toezegging(n) for n in (1, 2, 3)]}))
    call_command("import_tk_toezeggingen", str(source), stdout=io.StringIO())
    return source


def database_state() -> tuple[dict[str, int], list[dict]]:
    """Rows per table, and every commitment's values but the keys and times a write sets
    (sequences are not rolled back, so a row written again has a new key)."""
    commitments = Commitment.objects.order_by("number").values()
    return row_counts(), [
        {name: value for name, value in row.items() if not set_by_the_write(name)}
        for row in commitments
    ]


def set_by_the_write(name: str) -> bool:
    return name in ("id", "created_at", "updated_at") or name.endswith("_id")


def import_tk(source: Path) -> str | None:
    """The message the import stops with, or None when it does not stop."""
    try:
        call_command("import_tk_toezeggingen", str(source), stdout=io.StringIO())
    except CommandError as error:
        return str(error)
    return None


# A nextLink pointing at the page itself made the import read that page for ever.
@example(records=[], mutations=[], next_link="page.json", body=None)
# Deep nesting made the JSON parser raise a RecursionError, not a JSON error.
@example(records=[], mutations=[], next_link=None, body=("whole", b"[" * 100_000))
# "http://[bad" is no URL: urljoin raised a ValueError.
@example(records=[], mutations=[], next_link="http://[bad", body=None)
# A NUL byte in a file name made the file reader raise a ValueError.
@example(records=[], mutations=[], next_link="nul\x00.json", body=None)
# PostgreSQL refuses NUL characters and lone surrogates in text: a DataError, an encoding error.
@example(records=[4], mutations=[("set", 0, "Tekst", "nul\x00byte")], next_link=None, body=None)
@example(records=[4], mutations=[("set", 0, "Tekst", "\ud800")], next_link=None, body=None)
# A time at the edge of the calendar cannot be moved to UTC or Amsterdam: an OverflowError.
@example(
    records=[4],
    mutations=[("set", 0, "GewijzigdOp", "9999-12-31T23:59:59-12:00")],
    next_link=None,
    body=None,
)
@example(
    records=[4],
    mutations=[("set", 0, "DatumNakoming", "9999-12-31T23:59:59-12:00")],
    next_link=None,
    body=None,
)
@example(
    records=[4],
    mutations=[("set", 0, "GewijzigdOp", "0001-01-01T00:00:00+14:00")],
    next_link=None,
    body=None,
)
# "&" becomes " en " in a new ministry's name, which then no longer fits its column.
@example(records=[4], mutations=[("set", 0, "Ministerie", "&" * 150)], next_link=None, body=None)
@given(
    records=st.lists(st.integers(1, 6), min_size=1, max_size=3),
    mutations=RECORD_MUTATIONS,
    next_link=NEXT_LINKS,
    body=BODY_MUTATIONS,
)
@fuzz_settings(40)
def test_it_imports_a_mutated_page_or_stops_with_one_line_and_changes_nothing(
    tk_source, fuzz_cases, records, mutations, next_link, body
):
    fuzz_cases["TK importer"] += 1
    content = tk_body(tk_page([toezegging(n) for n in records], mutations, next_link), body)
    with rolled_back():
        tk_source.write_bytes(content)
        before = database_state()
        message = import_tk(tk_source)
        after = database_state()
    if message is None:
        return
    assert "\n" not in message
    assert re.search(r"page|record|source", message, re.IGNORECASE), message
    if "Nothing was imported in this run." in message:
        assert after == before
        return
    # The page was good and landed; the page its nextLink names failed. What is left must be
    # what the good page makes on its own.
    alone = json.loads(content)
    del alone["@odata.nextLink"]
    with rolled_back():
        tk_source.write_text(json.dumps(alone))
        assert import_tk(tk_source) is None
        assert database_state() == after


# --- the filters of the dashboard and the API ---------------------------------------------------

FILTER_NAMES = [
    "q",
    "ministry",
    "official",
    "committee",
    "status",
    "overdue",
    "due_after",
    "due_before",
    "member",
    "party",
    "source",
    "o",
    "page",
    "page_size",
    "cursor",
]
FILTER_VALUES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "JenV",
            "open",
            "true",
            "false",
            "2024-01-01",
            "0001-01-01",
            "9999-12-31",
            "28638-212",
            "28 638 nr. 212",
            "1-" + "9" * 40,
            "due_date",
            "-due_date",
            "-1",
            "0",
            "501",
            "ab\x00",
            "\x00",
            "'",
            '"',
            "%",
            "\\",
            "()",
            "!",
            "& |",
            "<script>",
        ]
    ),
)
QUERIES = st.lists(
    st.tuples(st.one_of(st.sampled_from(FILTER_NAMES), st.text(max_size=8)), FILTER_VALUES),
    max_size=4,
)


@pytest.fixture
def filtered_data(db):
    MinistryFactory(name="Justitie en Veiligheid", abbreviation="JenV")


# PostgreSQL refuses a NUL character in text; such a query is answered 400 before any filter.
@example(query=[("ministry", "\x00")])
@example(query=[("party", "ab\x00")])
@given(query=QUERIES)
@fuzz_settings(60)
def test_it_answers_any_dashboard_filter_with_200_or_400(client, filtered_data, fuzz_cases, query):
    fuzz_cases["dashboard filters"] += 1
    response = client.get(reverse("commitment-list"), query)
    assert response.status_code in (200, 400)


@example(query=[("committee", "\x00")])
@given(query=QUERIES)
@fuzz_settings(60)
def test_it_answers_any_api_filter_with_200_or_400_or_404_for_a_bad_cursor(
    clerk_client, filtered_data, fuzz_cases, query
):
    # As a clerk, so that the anonymous throttle never answers instead of the filters.
    fuzz_cases["API commitment filters"] += 1
    response = clerk_client.get("/api/commitments/", query)
    # A cursor the API did not hand out is DRF's 404 ("Invalid cursor"): the page is not there.
    bad_cursor = response.status_code == 404 and any(name == "cursor" for name, _ in query)
    assert response.status_code in (200, 400) or bad_cursor, response.content[:300]
    if response.status_code == 400 and response["Content-Type"] == "application/json":
        assert response.json()["errors"]
