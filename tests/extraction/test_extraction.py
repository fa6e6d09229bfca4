"""The extraction engine on the seed letter, on awkward text, and behind its command.

None of these tests touches the database: pytest-django refuses database access to a test that
does not ask for it, so their passing shows that extraction and its command need none.
"""

import datetime
import json
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given
from hypothesis import strategies as st

from commitments.extraction import ParliamentaryCalendar, extract, read_header
from commitments.extraction.extract import MissingLetterDate
from commitments.extraction.sentences import split_sentences
from evaluation.corpus import Letter, Registration
from evaluation.evaluate import run as run_evaluation
from evaluation.scoring import score_letter, totals

BASE_DIR = Path(__file__).resolve().parents[2]
SEED_LETTER = BASE_DIR / "seeds" / "000_77f28986cb4b8ded.txt"
SEED_COMMITMENTS = json.loads((BASE_DIR / "seeds" / "28638-212.json").read_text("utf-8"))
CALENDAR = ParliamentaryCalendar.from_csv(BASE_DIR / "seeds" / "recesses.csv")
TEXT = SEED_LETTER.read_text(encoding="utf-8")
LETTER_DATE = datetime.date(2022, 11, 8)
RECORD_KEYS = {
    "sentence",
    "summary",
    "deadline_phrase",
    "due_date",
    "precision",
    "vague",
    "official",
    "ministry",
    "confidence",
}


@pytest.fixture(scope="module")
def candidates():
    return extract(TEXT, calendar=CALENDAR)


def expected(field: str) -> list:
    return [commitment[field] for commitment in SEED_COMMITMENTS["commitments"]]


def test_it_finds_exactly_the_seven_commitments_of_the_seed_letter(candidates):
    found = [
        (c.deadline_phrase, c.due_date and c.due_date.isoformat(), c.precision) for c in candidates
    ]
    assert found == list(
        zip(
            expected("deadline_phrase"),
            expected("due_date"),
            expected("due_precision"),
            strict=True,
        )
    )


def test_it_marks_the_undated_seed_commitments_vague(candidates):
    assert [c.vague for c in candidates] == [date is None for date in expected("due_date")]


def test_it_registers_the_text_a_clerk_registered(candidates):
    assert [c.sentence for c in candidates] == expected("text")


def test_it_passes_over_past_events_and_what_the_letter_itself_does(candidates):
    found = " ".join(c.sentence for c in candidates)
    for not_a_promise in (
        "De laatste jaren zijn tal van initiatieven genomen",
        "op 1 februari 2021 gepubliceerd",
        "De VNG heeft hard gewerkt",
        "Uw Kamer is hierover bij brief van 9 september jl. geïnformeerd",
        "heb ik op 4 november jl. naar de Tweede Kamer gezonden",
        "ingaan op de verschillende aanbevelingen",
        "Een eerste pilot heeft begin dit jaar plaatsgevonden",
    ):
        assert not_a_promise not in found


def test_it_gives_spans_that_point_into_the_original_text(candidates):
    for candidate in candidates:
        assert " ".join(TEXT[candidate.start : candidate.end].split()) == candidate.sentence


def test_it_credits_the_signer_and_the_ministry(candidates):
    assert {(c.official, c.ministry) for c in candidates} == {
        ("E. van der Burg", "Justitie en Veiligheid")
    }


def test_it_keeps_summaries_short_and_confidences_in_range(candidates):
    assert all(0 < len(c.summary) <= 200 for c in candidates)
    assert all(0 <= c.confidence <= 1 for c in candidates)


def test_it_reads_the_header_of_the_seed_letter():
    header = read_header(TEXT)
    assert (header.dossier_number, header.document_number, header.date) == (
        "28 638",
        "212",
        LETTER_DATE,
    )
    assert header.title == SEED_COMMITMENTS["document"]["title"]
    assert (header.official, header.function, header.ministry) == (
        "E. van der Burg",
        "Staatssecretaris van Justitie en Veiligheid",
        "Justitie en Veiligheid",
    )


def test_it_reads_a_signer_from_an_upper_case_heading_and_a_portfolio_minister():
    header = read_header(
        "BRIEF VAN DE MINISTER VOOR RECHTSBESCHERMING\nDatum 3 februari 2023\nTekst.\n"
    )
    assert (header.function, header.ministry, header.date) == (
        "Minister voor Rechtsbescherming",
        "Justitie en Veiligheid",
        datetime.date(2023, 2, 3),
    )


def test_it_leaves_out_what_a_text_does_not_state():
    header = read_header("Een tekst zonder kop.")
    assert (header.dossier_number, header.date, header.official, header.ministry) == (
        "",
        None,
        "",
        "",
    )


def test_it_joins_lines_and_hyphenated_words_and_drops_footnote_markers():
    text = (
        "Dit is een lange regel die gewoon doorloopt tot aan de kantlijn van de pagina en ver-\n"
        "der gaat op de volgende regel, met zorg- en opvangorganisaties erbij.3 Daarna volgt de\n"
        "volgende zin die ook weer over twee regels loopt, geïnformeerd door E. van der Burg.5\n"
    )
    assert [s.text for s in split_sentences(text)] == [
        "Dit is een lange regel die gewoon doorloopt tot aan de kantlijn van de pagina en verder "
        "gaat op de volgende regel, met zorg- en opvangorganisaties erbij.",
        "Daarna volgt de volgende zin die ook weer over twee regels loopt, geïnformeerd door "
        "E. van der Burg.",
    ]


def test_it_keeps_headings_apart_and_does_not_end_sentences_at_abbreviations():
    text = (
        "2. Herijking Programma\n"
        "Zie Kamerstuk 28 638, nr. 212 en art. 273f Sr. voor de tekst die hier lang doorloopt.\n"
    )
    assert [s.text for s in split_sentences(text)] == [
        "2. Herijking Programma",
        "Zie Kamerstuk 28 638, nr. 212 en art. 273f Sr. voor de tekst die hier lang doorloopt.",
    ]


def test_it_needs_a_date_from_the_letter_or_the_caller():
    with pytest.raises(MissingLetterDate):
        extract("Ik zal uw Kamer voor de zomer informeren.")
    (candidate,) = extract("Ik zal uw Kamer voor de zomer informeren.", LETTER_DATE, CALENDAR)
    assert (candidate.deadline_phrase, candidate.due_date) == (
        "voor de zomer",
        datetime.date(2023, 7, 6),
    )


def test_it_takes_the_deadline_from_the_sentence_before_a_promise_without_one():
    text = "Het rapport verschijnt in maart 2023. Ik zal uw Kamer daarover informeren."
    (candidate,) = extract(text, LETTER_DATE, CALENDAR)
    assert candidate.sentence == text
    assert (candidate.deadline_phrase, candidate.precision) == ("in maart 2023", "month")


SEED_SENTENCES = [sentence.text for sentence in split_sentences(TEXT)]


@given(text=st.text(max_size=500), letter_date=st.dates())
def test_it_never_crashes_on_arbitrary_text(text, letter_date):
    for candidate in extract(text, letter_date, CALENDAR):
        assert candidate.due_date is None or candidate.due_date >= letter_date
        assert len(candidate.summary) <= 200


@given(
    sentences=st.lists(st.sampled_from(SEED_SENTENCES), max_size=12),
    separator=st.sampled_from([" ", "\n", "\n\n"]),
    letter_date=st.dates(min_value=datetime.date(1900, 1, 1)),
)
def test_it_never_returns_a_due_date_before_the_letter(sentences, separator, letter_date):
    for candidate in extract(separator.join(sentences), letter_date, CALENDAR):
        assert candidate.due_date is None or candidate.due_date >= letter_date
        assert candidate.precision != "none" or candidate.due_date is None


# "| recall | 1.000 (69/69) | 0.912 (52/57) | …": the totals EVALUATION.md reports per split.
REPORTED_ROW = re.compile(
    r"^\| (?P<measure>recall|precision|due dates right) \| (?P<dev>[^|]+?) \| (?P<test>[^|]+?) \|",
    re.MULTILINE,
)
REPORTED_ITEMS = re.compile(r"^\| (?P<split>dev|test) \| (?P<items>\d+) \|", re.MULTILINE)
MEASURES = {"recall": "recall", "precision": "precision", "due dates right": "date_accuracy"}


def reported(split: str) -> tuple[int, dict[str, float]]:
    """The number of items and the totals EVALUATION.md reports for `split`."""
    report = (BASE_DIR / "EVALUATION.md").read_text(encoding="utf-8")
    items = {m["split"]: int(m["items"]) for m in REPORTED_ITEMS.finditer(report)}
    figures = {}
    for row in REPORTED_ROW.finditer(report):
        cell = re.fullmatch(r"[\d.]+ \((\d+)/(\d+)\)", row[split].strip())
        if cell:
            figures[MEASURES[row["measure"]]] = int(cell[1]) / int(cell[2])
    return items.get(split, 0), figures


@pytest.mark.parametrize("split", ["dev", "test"])
def test_it_reaches_on_real_letters_what_the_evaluation_reported(split):
    """The evaluation behind EVALUATION.md (`python -m evaluation.evaluate`) as a regression
    test, per split: no total may fall below what EVALUATION.md reports for that split. The
    test split is frozen: this test reads it only to check the figures already reported."""
    items, figures = reported(split)
    scores = run_evaluation(splits=(split,))
    summary = totals(scores)
    assert summary.letters >= items
    for measure, figure in figures.items():
        found = getattr(summary, measure)
        assert found >= figure - 1e-9, (measure, found, figure)


def test_it_matches_a_candidate_that_joins_more_or_fewer_sentences_than_the_clerk():
    letter = Letter(
        name="example",
        text="",
        date=LETTER_DATE,
        ministry="",
        source_url="",
        registrations=(
            Registration(
                "Het onderzoek is afgerond. Ik zal uw Kamer voor de zomer informeren.",
                "voor de zomer",
                datetime.date(2023, 7, 6),
                "recess",
            ),
            Registration("Ik stuur u de brief op korte termijn.", "op korte termijn", None, "none"),
        ),
    )
    candidates = extract(
        "Ik zal uw Kamer voor de zomer informeren. Ik zal u de evaluatie in 2024 sturen.",
        LETTER_DATE,
        CALENDAR,
    )
    score = score_letter(letter, candidates)
    assert score.credited == {0: 0}
    assert score.missed == [1]
    assert score.unmatched == [1]
    assert score.dates_right == 1


def test_it_dates_a_promise_by_the_sentence_before_it():
    text = (
        "Ik zal de vragen uiterlijk 13 mei aanstaande beantwoorden. Tevens zal ik u dan de "
        "toegezegde brief sturen.\n\n"
        "Indiening vóór het komende kerstreces is niet haalbaar. Ik zal het wetsvoorstel zo kort "
        "mogelijk na dat reces bij uw Kamer indienen."
    )
    found = {c.deadline_phrase: (c.due_date, c.precision) for c in extract(text, LETTER_DATE)}
    assert found["dan"] == (datetime.date(2023, 5, 13), "day")
    assert found["zo kort mogelijk na dat reces"] == (datetime.date(2023, 1, 31), "recess")


PROMISES_IN_OTHER_WORD_ORDERS = [
    "Ik deel u mede dat ik voornemens ben de gevraagde informatie in september aan uw Kamer te "
    "doen toekomen.",
    "Ik stel voor u uiterlijk 21 juni nader te berichten.",
    "Ik bevestig u hierbij dat uw Kamer voor Prinsjesdag de toegezegde notitie tegemoet kan zien.",
    "Ik wil het PBL bedanken voor het rapport en zal de conclusies nader bestuderen.",
    "Het kabinet is voornemens om het regeerprogramma op vrijdag 13 september 2024 te sturen.",
]


@pytest.mark.parametrize("sentence", PROMISES_IN_OTHER_WORD_ORDERS)
def test_it_finds_promises_in_subordinate_and_coordinated_word_orders(sentence):
    assert [c.sentence for c in extract(sentence, LETTER_DATE, CALENDAR)] == [sentence]


NOT_PROMISES = [
    "Ik zal uiteraard eindverantwoordelijk blijven.",
    "Met het oog op het overleg dat gepland staat voor 17 oktober 2023, stuur ik u hierbij ter "
    "informatie de regeling in concept toe.",
    "Het is niet mogelijk, zoals eerder toegezegd, uw Kamer eind februari te informeren.",
]


@pytest.mark.parametrize("sentence", NOT_PROMISES)
def test_it_passes_over_states_and_what_the_letter_itself_sends(sentence):
    assert extract(sentence, LETTER_DATE, CALENDAR) == []


def test_it_does_not_end_a_sentence_at_a_compound_number_abbreviation():
    text = "De motie (Kamerstuknr. 2012-2013, CII, B) is aanvaard door uw Kamer op die dag.\n"
    assert len(split_sentences(text)) == 1


def run_command(*args: str) -> list[dict]:
    out = StringIO()
    call_command("extract_commitments", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_it_prints_the_seed_commitments_as_json_without_a_database():
    records = run_command(str(SEED_LETTER))
    assert all(set(record) == RECORD_KEYS for record in records)
    assert [record["due_date"] for record in records] == expected("due_date")
    assert [record["precision"] for record in records] == expected("due_precision")
    assert records[0]["official"] == "E. van der Burg"


def test_it_resolves_deadlines_against_the_date_given(tmp_path):
    letter = tmp_path / "zonder-datum.txt"
    letter.write_text("Ik zal uw Kamer voor de zomer informeren.\n", encoding="utf-8")
    (record,) = run_command(str(letter), "--date", "2023-10-02")
    assert (record["due_date"], record["precision"]) == ("2024-07-04", "recess")


def test_it_reads_a_windows_1252_letter(tmp_path):
    letter = tmp_path / "cp1252.txt"
    letter.write_bytes(
        "Uw Kamer zal hierover voor de zomer worden geïnformeerd.\n".encode("cp1252")
    )
    (record,) = run_command(str(letter), "--date", "2022-11-08")
    assert "geïnformeerd" in record["sentence"]


def test_it_prints_a_table_without_json():
    out = StringIO()
    call_command("extract_commitments", str(SEED_LETTER), stdout=out)
    assert "in november van dit jaar" in out.getvalue()
    assert "7 commitments by E. van der Burg" in out.getvalue()


BAD_INPUTS = {
    "empty": (b"", "empty"),
    "blank": (b" \n\n ", "empty"),
    "binary": (b"%PDF-1.7\x00\x01\x02", "binary"),
    "no date": (b"Ik zal uw Kamer informeren.\n", "states no date"),
    "undecodable": (b"Den Haag, 8 november 2022\n\x81\x8d\x8f\x90\x9d\n", "not UTF-8"),
    "control characters": (b"Den Haag, 8 november 2022\n" + bytes(range(1, 9)) * 20, "text"),
}


@pytest.mark.parametrize(("content", "message"), BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_it_refuses_bad_input_with_a_one_line_error(tmp_path, content, message):
    letter = tmp_path / "letter.txt"
    letter.write_bytes(content)
    with pytest.raises(CommandError, match=message) as error:
        run_command(str(letter))
    assert "\n" not in str(error.value)


def test_it_refuses_a_missing_path_and_a_bad_date(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run_command(str(tmp_path / "missing.txt"))
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run_command(str(SEED_LETTER), "--date", "8 november 2022")


def test_it_exits_non_zero_with_one_line_on_stderr(tmp_path):
    letter = tmp_path / "empty.txt"
    letter.write_bytes(b"")
    result = subprocess.run(
        [sys.executable, "manage.py", "extract_commitments", str(letter), "--json"],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "empty" in result.stderr


def test_it_keeps_django_out_of_the_extraction_engine():
    code = (
        "import sys, commitments.extraction;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "[]", result.stderr
