"""Deadline phrases and the parliamentary calendar (DESIGN.md §5).

The table below is the specification in examples: a phrase, the letter's date, and the due date
and precision a clerk would register. Letters of 8 November 2022 (the seed letter), 20 December
2022 (the turn of a year), spring, summer and autumn 2023, and 2031 (no recess data: the rules
apply) cover the conventions from both sides of each period.
"""

import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commitments.extraction import ParliamentaryCalendar, find_deadline_phrase, resolve_deadline
from commitments.extraction.calendar import Recess
from commitments.extraction.deadlines import PRECISIONS, find_deadline, find_deadline_referring_back

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
CALENDAR = ParliamentaryCalendar.from_csv(SEEDS / "recesses.csv")

D = datetime.date
SEED_LETTER = D(2022, 11, 8)
TURN_OF_YEAR = D(2022, 12, 20)
SPRING = D(2023, 3, 15)
IN_SPRING = D(2023, 4, 12)
IN_SUMMER_RECESS = D(2023, 7, 10)
AUTUMN = D(2023, 10, 2)
WITHOUT_DATA = D(2031, 2, 3)

DATED = [
    # A day.
    ("op 1 maart 2023", SEED_LETTER, D(2023, 3, 1), "day"),
    ("uiterlijk 15 juni", SEED_LETTER, D(2023, 6, 15), "day"),
    ("uiterlijk 15 juni", AUTUMN, D(2024, 6, 15), "day"),
    ("uiterlijk 1 december", SEED_LETTER, D(2022, 12, 1), "day"),
    ("voor 1 januari", SEED_LETTER, D(2022, 12, 31), "day"),
    ("vóór 1 februari", TURN_OF_YEAR, D(2023, 1, 31), "day"),
    ("per 1 januari 2024", SEED_LETTER, D(2024, 1, 1), "day"),
    ("op 3 april aanstaande", SPRING, D(2023, 4, 3), "day"),
    ("uiterlijk op 31 december 2022", SEED_LETTER, D(2022, 12, 31), "day"),
    ("niet later dan 1 juli 2023", SEED_LETTER, D(2023, 7, 1), "day"),
    ("voor 1 juli", SPRING, D(2023, 6, 30), "day"),
    ("uiterlijk 21 juni", D(2019, 5, 27), D(2019, 6, 21), "day"),
    ("uiterlijk 30 april", D(2020, 4, 6), D(2020, 4, 30), "day"),
    # A weekday before the day changes nothing.
    ("op vrijdag 13 september 2024", D(2024, 9, 12), D(2024, 9, 13), "day"),
    ("op maandag 3 april", SPRING, D(2023, 4, 3), "day"),
    # Before a meeting on a named day: the day before it, in the letter's year or the next.
    ("voorafgaand aan het WGO op 20 juni", D(2018, 5, 15), D(2018, 6, 19), "day"),
    ("voorafgaand aan het debat op 20 juni", AUTUMN, D(2024, 6, 19), "day"),
    (
        "ruimschoots voorafgaand aan het Wetgevingsoverleg over de Jaarverslagen van "
        "Infrastructuur en Waterstaat op 20 juni",
        D(2018, 5, 15),
        D(2018, 6, 19),
        "day",
    ),
    ("voor het commissiedebat van 3 april 2023", SPRING, D(2023, 4, 2), "day"),
    ("ruim voor het algemeen overleg op donderdag 14 december", AUTUMN, D(2023, 12, 13), "day"),
    # A month: its last day, or the 10th (begin) or the 20th (medio).
    ("in november van dit jaar", SEED_LETTER, D(2022, 11, 30), "month"),
    ("in november", SEED_LETTER, D(2022, 11, 30), "month"),
    ("in maart 2025", SEED_LETTER, D(2025, 3, 31), "month"),
    ("eind maart", SEED_LETTER, D(2023, 3, 31), "month"),
    ("eind maart", SPRING, D(2023, 3, 31), "month"),
    ("eind februari", SPRING, D(2024, 2, 29), "month"),
    ("begin maart", SEED_LETTER, D(2023, 3, 10), "month"),
    ("begin maart", SPRING, D(2024, 3, 10), "month"),
    ("medio maart", SEED_LETTER, D(2023, 3, 20), "month"),
    ("medio maart", SPRING, D(2023, 3, 20), "month"),
    ("in de loop van januari", TURN_OF_YEAR, D(2023, 1, 31), "month"),
    ("eind januari 2023", TURN_OF_YEAR, D(2023, 1, 31), "month"),
    ("uiterlijk eind april", SEED_LETTER, D(2023, 4, 30), "month"),
    ("voor eind juni", SPRING, D(2023, 6, 30), "month"),
    ("in mei van volgend jaar", SEED_LETTER, D(2023, 5, 31), "month"),
    ("in september 2013", D(2013, 7, 4), D(2013, 9, 30), "month"),
    ("rond eind april", SPRING, D(2023, 4, 30), "month"),
    ("Begin april", D(2013, 2, 19), D(2013, 4, 10), "month"),
    ("in januari", D(2011, 12, 19), D(2012, 1, 31), "month"),
    ("eind deze maand", SEED_LETTER, D(2022, 11, 30), "month"),
    ("volgende maand", TURN_OF_YEAR, D(2023, 1, 31), "month"),
    # A quarter; "begin <year>" is its first quarter.
    ("in het eerste kwartaal van 2023", SEED_LETTER, D(2023, 3, 31), "quarter"),
    ("in het eerste kwartaal", SEED_LETTER, D(2023, 3, 31), "quarter"),
    ("Q1 2023", SEED_LETTER, D(2023, 3, 31), "quarter"),
    ("in het tweede kwartaal", SEED_LETTER, D(2023, 6, 30), "quarter"),
    ("in het derde kwartaal van 2023", SEED_LETTER, D(2023, 9, 30), "quarter"),
    ("in het vierde kwartaal", SEED_LETTER, D(2022, 12, 31), "quarter"),
    ("in het laatste kwartaal van volgend jaar", SEED_LETTER, D(2023, 12, 31), "quarter"),
    ("in Q3", SPRING, D(2023, 9, 30), "quarter"),
    ("in het 2e kwartaal van 2024", SEED_LETTER, D(2024, 6, 30), "quarter"),
    ("begin volgend jaar", SEED_LETTER, D(2023, 3, 31), "quarter"),
    ("begin volgend jaar", TURN_OF_YEAR, D(2023, 3, 31), "quarter"),
    ("begin 2023", SEED_LETTER, D(2023, 3, 31), "quarter"),
    ("begin 2024", AUTUMN, D(2024, 3, 31), "quarter"),
    ("aan het begin van volgend jaar", AUTUMN, D(2024, 3, 31), "quarter"),
    # Half a year.
    ("medio 2023", SEED_LETTER, D(2023, 6, 30), "half_year"),
    ("halverwege volgend jaar", SEED_LETTER, D(2023, 6, 30), "half_year"),
    ("medio volgend jaar", TURN_OF_YEAR, D(2023, 6, 30), "half_year"),
    ("in de eerste helft van 2024", SEED_LETTER, D(2024, 6, 30), "half_year"),
    ("in de tweede helft van dit jaar", SPRING, D(2023, 12, 31), "half_year"),
    ("in het tweede halfjaar", AUTUMN, D(2023, 12, 31), "half_year"),
    ("in het eerste halfjaar van 2025", AUTUMN, D(2025, 6, 30), "half_year"),
    # A season: spring ends 20 June, summer 22 September, autumn 20 December, winter 20 March.
    ("in het voorjaar", SEED_LETTER, D(2023, 6, 20), "season"),
    ("aan het einde van volgend voorjaar", SEED_LETTER, D(2023, 6, 20), "season"),
    ("einde van volgend voorjaar", SEED_LETTER, D(2023, 6, 20), "season"),
    ("volgend voorjaar", SPRING, D(2023, 6, 20), "season"),
    ("volgend voorjaar", IN_SPRING, D(2024, 6, 20), "season"),
    ("in het voorjaar", IN_SPRING, D(2023, 6, 20), "season"),
    ("in de zomer", SEED_LETTER, D(2023, 9, 22), "season"),
    ("komende zomer", SPRING, D(2023, 9, 22), "season"),
    ("in het najaar", SPRING, D(2023, 12, 20), "season"),
    ("in het najaar", SEED_LETTER, D(2022, 12, 20), "season"),
    ("deze winter", SEED_LETTER, D(2023, 3, 20), "season"),
    ("deze winter", D(2023, 2, 1), D(2023, 3, 20), "season"),
    ("deze winter", AUTUMN, D(2024, 3, 20), "season"),
    ("in het voorjaar van 2024", SEED_LETTER, D(2024, 6, 20), "season"),
    ("in het najaar van 2023", SEED_LETTER, D(2023, 12, 20), "season"),
    ("eind voorjaar", D(2018, 6, 5), D(2018, 6, 20), "season"),
    ("in het najaar van 2025", SPRING, D(2025, 12, 20), "season"),
    ("rond de zomer", SPRING, D(2023, 9, 22), "season"),
    # Recesses: the day before one starts, or the end of the month in which the summer one ends.
    ("voor de zomer", SEED_LETTER, D(2023, 7, 6), "recess"),
    ("voor het zomerreces", SEED_LETTER, D(2023, 7, 6), "recess"),
    ("voor de zomer", TURN_OF_YEAR, D(2023, 7, 6), "recess"),
    ("voor de zomer", AUTUMN, D(2024, 7, 4), "recess"),
    ("voor de zomer", IN_SUMMER_RECESS, D(2024, 7, 4), "recess"),
    ("voor de zomer van 2025", SEED_LETTER, D(2025, 7, 3), "recess"),
    ("uiterlijk voor aanvang van het zomerreces", SPRING, D(2023, 7, 6), "recess"),
    ("voor het einde van het kerstreces", SEED_LETTER, D(2023, 1, 16), "recess"),
    ("na de zomer", SEED_LETTER, D(2023, 9, 30), "recess"),
    ("na het zomerreces", SPRING, D(2023, 9, 30), "recess"),
    ("na de zomer", IN_SUMMER_RECESS, D(2023, 9, 30), "recess"),
    ("voor het kerstreces", SEED_LETTER, D(2022, 12, 22), "recess"),
    ("voor de kerst", TURN_OF_YEAR, D(2022, 12, 22), "recess"),
    ("voor de kerst", D(2022, 12, 23), D(2023, 12, 21), "recess"),
    ("voor het kerstreces", AUTUMN, D(2023, 12, 21), "recess"),
    ("na het kerstreces", SEED_LETTER, D(2023, 1, 31), "recess"),
    ("na de zomer van 2024", SPRING, D(2024, 9, 30), "recess"),
    ("voor het zomerreces van 2025", AUTUMN, D(2025, 7, 3), "recess"),
    ("voor het zomerreces", D(2019, 6, 21), D(2019, 7, 4), "recess"),
    # The budget debates end before the Christmas recess: the day before it.
    ("voor de behandeling van de begroting", SPRING, D(2023, 12, 21), "recess"),
    ("voor de begrotingsbehandeling", D(2023, 12, 23), D(2024, 12, 19), "recess"),
    ("voor de behandeling van de begroting 2025", SEED_LETTER, D(2024, 12, 19), "recess"),
    ("tijdens de begrotingsbehandeling", AUTUMN, D(2023, 12, 21), "recess"),
    # Prinsjesdag, the third Tuesday of September, and the budget presented on it.
    ("voor Prinsjesdag", SEED_LETTER, D(2023, 9, 18), "day"),
    ("met Prinsjesdag", SPRING, D(2023, 9, 19), "day"),
    ("bij de begroting", AUTUMN, D(2024, 9, 17), "day"),
    ("bij de begroting 2025", SEED_LETTER, D(2024, 9, 17), "day"),
    ("voor Prinsjesdag", D(2023, 9, 19), D(2024, 9, 16), "day"),
    ("vóór Prinsjesdag 2007", D(2007, 5, 23), D(2007, 9, 17), "day"),
    # A year.
    ("eind dit jaar", SEED_LETTER, D(2022, 12, 31), "year"),
    ("voor eind dit jaar", SEED_LETTER, D(2022, 12, 31), "year"),
    ("voor het einde van het jaar", SPRING, D(2023, 12, 31), "year"),
    ("dit jaar nog", SEED_LETTER, D(2022, 12, 31), "year"),
    ("nog dit jaar", TURN_OF_YEAR, D(2022, 12, 31), "year"),
    ("in 2024", SEED_LETTER, D(2024, 12, 31), "year"),
    ("volgend jaar", SEED_LETTER, D(2023, 12, 31), "year"),
    ("volgend jaar", TURN_OF_YEAR, D(2023, 12, 31), "year"),
    ("eind volgend jaar", SEED_LETTER, D(2023, 12, 31), "year"),
    ("in de loop van 2023", SEED_LETTER, D(2023, 12, 31), "year"),
    ("komend jaar", AUTUMN, D(2024, 12, 31), "year"),
    ("uiterlijk eind 2024", SEED_LETTER, D(2024, 12, 31), "year"),
    ("uiterlijk eind 2023", SPRING, D(2023, 12, 31), "year"),
    ("in de loop van 2024", AUTUMN, D(2024, 12, 31), "year"),
    ("vóór 2024", SEED_LETTER, D(2023, 12, 31), "year"),
    # A span from the letter's date.
    ("binnen drie weken", SEED_LETTER, D(2022, 11, 29), "day"),
    ("binnen twee maanden", SEED_LETTER, D(2023, 1, 8), "day"),
    ("binnen 6 weken", TURN_OF_YEAR, D(2023, 1, 31), "day"),
    ("binnen een maand", D(2023, 1, 31), D(2023, 2, 28), "day"),
    ("binnen twaalf maanden", SEED_LETTER, D(2023, 11, 8), "day"),
    ("binnen een half jaar", SEED_LETTER, D(2023, 5, 8), "day"),
    ("over twee weken", TURN_OF_YEAR, D(2023, 1, 3), "day"),
    ("binnen tien werkdagen", SEED_LETTER, D(2022, 11, 22), "day"),
    ("binnen een jaar", SEED_LETTER, D(2023, 11, 8), "day"),
    # A year without recess data: the rules give the summer and Christmas recesses.
    ("voor de zomer", WITHOUT_DATA, D(2031, 7, 3), "recess"),
    ("na de zomer", WITHOUT_DATA, D(2031, 9, 30), "recess"),
    ("voor het kerstreces", WITHOUT_DATA, D(2031, 12, 18), "recess"),
    ("voor Prinsjesdag", WITHOUT_DATA, D(2031, 9, 15), "day"),
    ("begin volgend jaar", WITHOUT_DATA, D(2032, 3, 31), "quarter"),
]

UNDATED = [
    # Vague promises: no date, and the phrase kept.
    ("op korte termijn", SEED_LETTER),
    ("zo spoedig mogelijk", SEED_LETTER),
    ("binnenkort", TURN_OF_YEAR),
    ("te zijner tijd", SPRING),
    ("zo snel mogelijk", AUTUMN),
    ("de komende maanden", SEED_LETTER),
    ("op termijn", WITHOUT_DATA),
    # Phrases in the past are no deadline at all.
    ("op 17 oktober jl.", SEED_LETTER),
    ("begin dit jaar", SEED_LETTER),
    ("in 2021", SEED_LETTER),
    ("in maart 2022", SEED_LETTER),
    ("voor de zomer van 2022", SEED_LETTER),
    ("voor de behandeling van de begroting 2022", SEED_LETTER),
    ("voor het debat op 31 april", SPRING),
    # No phrase.
    ("", SEED_LETTER),
    ("Het rapport wordt besproken.", SEED_LETTER),
]

# Phrases of every convention, for the property that no due date precedes the letter.
ALL_PHRASES = [phrase for phrase, *_ in DATED + UNDATED] + [
    "deze week",
    "volgende week",
    "voor het herfstreces",
    "rond de jaarwisseling",
    "binnen anderhalf jaar",
    "in de komende drie maanden",
    "voor 29 februari",
    "op 31 april",
    "voor het overleg op 29 februari",
]


@pytest.mark.parametrize(("phrase", "letter_date", "due_date", "precision"), DATED)
def test_it_resolves_a_dated_phrase(phrase, letter_date, due_date, precision):
    deadline = resolve_deadline(phrase, letter_date, CALENDAR)
    assert (deadline.due_date, deadline.precision) == (due_date, precision)
    assert deadline.vague is False
    assert deadline.phrase == phrase


@pytest.mark.parametrize(("phrase", "letter_date"), UNDATED)
def test_it_resolves_a_vague_or_past_phrase_to_no_date(phrase, letter_date):
    deadline = resolve_deadline(phrase, letter_date, CALENDAR)
    assert (deadline.due_date, deadline.precision, deadline.vague) == (None, "none", True)
    assert deadline.phrase == phrase


def test_it_counts_the_table_above_as_at_least_eighty_phrases():
    assert len(DATED) + len(UNDATED) >= 80


def test_it_finds_a_deadline_phrase_inside_a_sentence_verbatim():
    sentence = (
        "In de verzamelbrief van Politie, verzonden op 19 oktober jl., is aan uw Kamer gemeld "
        "dat het rapport naar verwachting in november van dit jaar zal worden opgeleverd."
    )
    assert find_deadline_phrase(sentence, SEED_LETTER, CALENDAR) == "in november van dit jaar"


def test_it_prefers_a_date_over_a_vague_phrase_in_one_sentence():
    sentence = "Ik informeer uw Kamer zo spoedig mogelijk, maar uiterlijk voor de zomer."
    deadline = resolve_deadline(sentence, SEED_LETTER, CALENDAR)
    assert (deadline.phrase, deadline.due_date) == ("uiterlijk voor de zomer", D(2023, 7, 6))


def test_it_reads_recesses_from_the_seed_file():
    assert CALENDAR.summer_recess(2022) == Recess("summer", D(2022, 7, 8), D(2022, 9, 5))
    assert CALENDAR.christmas_recess(2024) == Recess("christmas", D(2024, 12, 20), D(2025, 1, 13))


@pytest.mark.parametrize("year", [2022, 2023, 2024, 2025])
def test_it_has_rules_that_reproduce_the_recess_data(year):
    rules_only = ParliamentaryCalendar()
    assert rules_only.summer_recess(year) == CALENDAR.summer_recess(year)
    assert rules_only.christmas_recess(year) == CALENDAR.christmas_recess(year)


def test_it_starts_the_christmas_recess_a_week_early_when_christmas_is_a_friday():
    assert ParliamentaryCalendar().christmas_recess(2026).starts_on == D(2026, 12, 18)


def test_it_puts_prinsjesdag_on_the_third_tuesday_of_september():
    assert [ParliamentaryCalendar.prinsjesdag(year) for year in (2022, 2023, 2031)] == [
        D(2022, 9, 20),
        D(2023, 9, 19),
        D(2031, 9, 16),
    ]


def test_it_knows_the_short_recesses_only_from_data():
    calendar = ParliamentaryCalendar([Recess("autumn", D(2023, 10, 13), D(2023, 10, 23))])
    assert resolve_deadline("voor het herfstreces", D(2023, 9, 1), calendar).due_date == D(
        2023, 10, 12
    )
    assert resolve_deadline("voor het herfstreces", D(2023, 9, 1)).vague is True


def test_it_rejects_a_recess_file_with_a_bad_row(tmp_path):
    path = tmp_path / "recesses.csv"
    path.write_text("kind,starts_on,ends_on\nsummer,2023-09-04,2023-07-07\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        ParliamentaryCalendar.from_csv(path)


letter_dates = st.dates(min_value=D(1950, 1, 1), max_value=D(2150, 12, 31))


@given(text=st.text(max_size=300), letter_date=st.dates())
def test_it_never_raises_on_arbitrary_text(text, letter_date):
    deadline = resolve_deadline(text, letter_date, CALENDAR)
    assert deadline.precision in PRECISIONS
    assert deadline.vague is (deadline.due_date is None)
    assert deadline.due_date is None or deadline.due_date >= letter_date


@given(
    phrase=st.sampled_from(ALL_PHRASES),
    before=st.text(alphabet="abc de", max_size=20),
    letter_date=letter_dates,
)
def test_it_never_returns_a_due_date_before_the_letter(phrase, before, letter_date):
    deadline = resolve_deadline(f"{before} {phrase}", letter_date, CALENDAR)
    assert deadline.due_date is None or deadline.due_date >= letter_date
    assert deadline.precision in PRECISIONS


# Words of the deadline grammar, so that random phrases reach the resolvers, not only the regexes.
GRAMMAR_WORDS = [
    "in",
    "op",
    "voor",
    "vóór",
    "na",
    "uiterlijk",
    "eind",
    "einde",
    "begin",
    "medio",
    "halverwege",
    "aan",
    "het",
    "de",
    "van",
    "dit",
    "deze",
    "volgend",
    "komend",
    "aanstaande",
    "nog",
    "jaar",
    "voorjaar",
    "zomer",
    "najaar",
    "winter",
    "zomerreces",
    "kerstreces",
    "meireces",
    "kerst",
    "Prinsjesdag",
    "begroting",
    "kwartaal",
    "eerste",
    "tweede",
    "helft",
    "Q1",
    "Q4",
    "2023",
    "2031",
    "1899",
    "15",
    "31",
    "29",
    "juni",
    "februari",
    "maart",
    "jl.",
    "binnen",
    "twee",
    "een",
    "half",
    "weken",
    "maanden",
    "werkdagen",
    "week",
    "maand",
    "loop",
    "aanvang",
    "korte",
    "termijn",
    "spoedig",
    "vrijdag",
    "voorafgaand",
    "debat",
    "overleg",
    "behandeling",
    "begrotingsbehandeling",
    "rond",
    "gepland",
    "staat",
]


@given(
    words=st.lists(st.sampled_from(GRAMMAR_WORDS), min_size=1, max_size=8),
    letter_date=st.dates(),
)
def test_it_never_raises_on_phrases_made_of_deadline_words(words, letter_date):
    deadline = resolve_deadline(" ".join(words), letter_date, CALENDAR)
    assert deadline.due_date is None or deadline.due_date >= letter_date
    assert deadline.vague is (deadline.due_date is None)


def test_it_prefers_a_named_period_without_a_known_date_over_a_vague_word():
    sentence = "U kunt de brief spoedig, uiterlijk voor het einde van het meireces, tegemoet zien."
    deadline = resolve_deadline(sentence, D(2012, 4, 20), CALENDAR)
    assert (deadline.phrase, deadline.due_date) == (
        "uiterlijk voor het einde van het meireces",
        None,
    )


def test_it_reads_voor_as_the_day_itself_after_gepland():
    sentence = "Het overleg dat gepland staat voor 17 oktober 2013 gaat over de fusietoets."
    deadline = resolve_deadline(sentence, D(2013, 10, 15), CALENDAR)
    assert (deadline.phrase, deadline.due_date) == ("voor 17 oktober 2013", D(2013, 10, 17))


def referred_back(text, previous, letter_date=SEED_LETTER):
    previous_deadline = find_deadline(previous, letter_date, CALENDAR)
    return find_deadline_referring_back(text, previous, previous_deadline, letter_date, CALENDAR)


def test_it_dates_dan_by_the_deadline_of_the_sentence_before():
    deadline = referred_back(
        "Tevens zal ik u dan de toegezegde brief sturen.",
        "Ik zal de vragen uiterlijk 13 mei aanstaande beantwoorden.",
    )
    assert (deadline.phrase, deadline.due_date, deadline.precision) == (
        "dan",
        D(2023, 5, 13),
        "day",
    )


@pytest.mark.parametrize(
    ("text", "previous"),
    [
        # "dan ook" means "therefore", and a vague deadline gives nothing to take over.
        ("Ik zal u dan ook de brief sturen.", "Ik beantwoord de vragen uiterlijk 13 mei."),
        ("Tevens zal ik u dan de brief sturen.", "Ik beantwoord de vragen zo spoedig mogelijk."),
        ("Tevens zal ik u dan de brief sturen.", "Ik heb de vragen ontvangen."),
        # "dat reces" needs a recess named in the sentence before.
        ("Ik stuur de brief na dat reces.", "Ik beantwoord de vragen uiterlijk 13 mei."),
    ],
)
def test_it_takes_no_deadline_from_the_sentence_before_without_one_to_take(text, previous):
    assert referred_back(text, previous) is None


def test_it_dates_dat_reces_by_the_recess_named_in_the_sentence_before():
    deadline = referred_back(
        "Onze inspanningen zijn erop gericht het wetsvoorstel zo kort mogelijk na dat reces bij "
        "uw Kamer in te kunnen dienen.",
        "Ik meld u bij dezen dat indiening nog vóór het komende kerstreces niet haalbaar zal zijn.",
        D(2009, 10, 20),
    )
    assert (deadline.phrase, deadline.due_date, deadline.precision) == (
        "zo kort mogelijk na dat reces",
        D(2010, 1, 31),
        "recess",
    )
