"""The resolver gaps of fault kind K10 (../shared/extraction/fault-kinds.md), one row per example.

Each invented example of K10 is a row with the letter's date and the due date and precision a
clerk would register, or None where the sentence sets no deadline. Beside them, the cases the
brief of issue 17 names: part of a month, a clock time, a date told in the past tense and a
footnote digit glued to a year. Whether a sentence is a commitment at all is the promise
detector's question (tests/extraction/test_extraction.py); here only its deadline is asked.
"""

import datetime
from pathlib import Path

import pytest

from commitments.extraction import ParliamentaryCalendar
from commitments.extraction.deadlines import find_deadline

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
CALENDAR = ParliamentaryCalendar.from_csv(SEEDS / "recesses.csv")
D = datetime.date

FAULT_KIND_EXAMPLES = [
    pytest.param(
        "Ik stuur u de nota in de tweede helft van november 2024.",
        D(2024, 9, 3),
        (D(2024, 11, 30), "month"),
        id="k10-second-half-of-november-2024",
    ),
    pytest.param(
        "Ik zal uw Kamer vandaag rond 17.00 uur een brief sturen.",
        D(2020, 11, 10),
        (D(2020, 11, 10), "day"),
        id="k10-today-around-five",
    ),
    pytest.param(
        "Ik zal uw Kamer voor het zomerreces informeren.",
        D(2021, 5, 11),
        (D(2021, 7, 8), "recess"),
        id="k10-summer-recess-2021",
    ),
    pytest.param(
        "Ik zal uw Kamer voor het zomerreces informeren.",
        D(2022, 5, 10),
        (D(2022, 7, 7), "recess"),
        id="k10-summer-recess-2022",
    ),
    pytest.param(
        "Op 22 juni heb ik u de rapportage gestuurd.",
        D(2021, 6, 29),
        None,
        id="k10-past-tense-22-june",
    ),
]

PART_OF_A_MONTH = [
    pytest.param(
        "de eerste helft van maart", D(2023, 1, 10), (D(2023, 3, 15), "month"), id="1st-half"
    ),
    pytest.param(
        "de tweede helft van maart", D(2023, 1, 10), (D(2023, 3, 31), "month"), id="2nd-half"
    ),
    pytest.param(
        "de tweede helft van maart 2023",
        D(2022, 11, 8),
        (D(2023, 3, 31), "month"),
        id="2nd-half-year",
    ),
    pytest.param(
        "uiterlijk in de eerste helft van februari",
        D(2024, 1, 9),
        (D(2024, 2, 15), "month"),
        id="by",
    ),
    pytest.param(
        "vóór de tweede helft van april",
        D(2023, 1, 10),
        (D(2023, 4, 15), "month"),
        id="before-half",
    ),
    pytest.param(
        "in de laatste week van februari", D(2024, 1, 10), (D(2024, 2, 29), "month"), id="last-week"
    ),
    pytest.param("de eerste week van mei", D(2024, 1, 10), (D(2024, 5, 7), "month"), id="1st-week"),
    pytest.param(
        "de eerste twee weken van april", D(2024, 1, 10), (D(2024, 4, 14), "month"), id="two-weeks"
    ),
    # The half of a month still running is this one, not next year's.
    pytest.param(
        "in de tweede helft van maart", D(2023, 3, 20), (D(2023, 3, 31), "month"), id="running"
    ),
]

CLOCK_TIMES = [
    pytest.param(
        "Ik stuur u het verslag om 12.00 uur op 1 maart.",
        D(2023, 1, 10),
        (D(2023, 3, 1), "day"),
        id="at-noon-on-1-march",
    ),
    pytest.param(
        "Ik stuur u het verslag vóór 10.00 uur op 1 maart.",
        D(2023, 1, 10),
        (D(2023, 3, 1), "day"),
        id="before-ten-on-1-march",
    ),
    pytest.param(
        "U ontvangt de stukken vóór 1 maart 12.00 uur.",
        D(2023, 1, 10),
        (D(2023, 3, 1), "day"),
        id="before-1-march-noon-is-1-march",
    ),
    pytest.param(
        "U ontvangt de stukken uiterlijk 1 maart, 17:00 uur.",
        D(2023, 1, 10),
        (D(2023, 3, 1), "day"),
        id="by-1-march-five",
    ),
    pytest.param(
        "Ik stuur u morgen om 12 uur de brief.",
        D(2023, 1, 10),
        (D(2023, 1, 11), "day"),
        id="tomorrow-at-noon",
    ),
    pytest.param(
        "Ik informeer u later vandaag over de uitslag.",
        D(2023, 1, 10),
        (D(2023, 1, 10), "day"),
        id="later-today",
    ),
    # "vandaag" gives way to any other deadline in the sentence.
    pytest.param(
        "Vandaag heb ik besloten u voor de zomer te informeren.",
        D(2023, 1, 10),
        (D(2023, 7, 6), "recess"),
        id="today-yields-to-summer",
    ),
    pytest.param(
        "Vandaag heb ik de Kamer de brief gestuurd.",
        D(2023, 1, 10),
        None,
        id="today-in-the-past-tense",
    ),
]

# The K10 row's "rond 16:00" without "vandaag": a clock time alone is on the letter's day.
CLOCK_ALONE = [
    pytest.param(
        "Ik verwacht uw Kamer rond 16:00 een brief te doen komen met de reactie op uw verzoek.",
        D(2020, 11, 10),
        (D(2020, 11, 10), "day"),
        id="around-four",
    ),
    pytest.param(
        "Om 12.00 uur heb ik u de brief gestuurd.", D(2020, 11, 10), None, id="at-noon-in-the-past"
    ),
    # Hours that are no time of day.
    pytest.param(
        "Ik zorg voor 24 uur per dag bereikbaarheid van de meldkamer.",
        D(2020, 11, 10),
        None,
        id="hours-per-day",
    ),
]

# A span given as a range is counted to its longer end.
SPAN_RANGES = [
    pytest.param(
        "De Kamer wordt over 2-3 jaar geïnformeerd.",
        D(2018, 6, 12),
        (D(2021, 6, 12), "day"),
        id="two-to-three-years",
    ),
    pytest.param(
        "Ik stuur u binnen twee à drie weken de stukken.",
        D(2018, 6, 12),
        (D(2018, 7, 3), "day"),
        id="two-or-three-weeks",
    ),
]

# A document that goes with the budget is due on Prinsjesdag of the year before the budget's.
WITH_THE_BUDGET = [
    pytest.param(
        "Ik zal u over de voortgang weer informeren in het MIRT-projectenboek 2014, dat als "
        "bijstuk van de Begroting 2014 wordt gepresenteerd.",
        D(2013, 6, 7),
        (D(2013, 9, 17), "day"),
        id="appendix-of-the-budget",
    ),
    pytest.param(
        "Ik stuur u het overzicht tegelijk met de begroting voor 2024.",
        D(2023, 3, 1),
        (D(2023, 9, 19), "day"),
        id="together-with-the-budget",
    ),
]

# A document named by its month is due by the end of that month (K6's example leans on this).
DOCUMENT_OF_A_MONTH = [
    pytest.param(
        "In de voortgangsbrief van juni zal ik ingaan op de uitkomsten van de pilots.",
        D(2023, 1, 17),
        (D(2023, 6, 30), "month"),
        id="progress-letter-of-june",
    ),
    pytest.param(
        "In mijn brief van juni jl. heb ik u geïnformeerd over de pilots.",
        D(2023, 9, 12),
        None,
        id="earlier-letter-jl",
    ),
    pytest.param(
        "In de brief van juni heb ik u geïnformeerd over de pilots.",
        D(2023, 9, 12),
        None,
        id="earlier-letter-past-tense",
    ),
]

PAST_TENSE = [
    pytest.param(
        "Op 3 maart heb ik u geïnformeerd over de voortgang.", D(2023, 5, 10), None, id="3-march"
    ),
    pytest.param(
        "Ik heb u op 22 juni, zoals toegezegd, de rapportage gestuurd.",
        D(2021, 6, 29),
        None,
        id="participle-after-a-comma",
    ),
    pytest.param("In maart was de evaluatie gereed.", D(2023, 5, 10), None, id="month-simple-past"),
    # A past clause beside a future one: the future one's date counts.
    pytest.param(
        "Op 22 juni heb ik u de rapportage gestuurd en ik zal u op 1 maart informeren.",
        D(2021, 6, 29),
        (D(2022, 3, 1), "day"),
        id="past-then-future",
    ),
    # The past of a main clause says nothing of the date in the clause that follows "dat".
    pytest.param(
        "In maart werd besloten dat ik u in september informeer.",
        D(2023, 5, 10),
        (D(2023, 9, 30), "month"),
        id="past-decision-future-date",
    ),
    # A plan told in the present ("heb ik overleg") is ahead, so it is next year's.
    pytest.param(
        "Op 3 maart heb ik overleg met de gemeenten, waarna ik u informeer.",
        D(2023, 5, 10),
        (D(2024, 3, 3), "day"),
        id="present-plan",
    ),
    # A promise recalled in the perfect keeps its date ahead.
    pytest.param(
        "Ik heb toegezegd u op 1 juli te informeren.",
        D(2023, 5, 10),
        (D(2023, 7, 1), "day"),
        id="recalled-promise",
    ),
]

FOOTNOTE_DIGITS = [
    pytest.param(
        "Ik informeer u in 20232 over de uitkomsten.",
        D(2022, 5, 10),
        (D(2023, 12, 31), "year"),
        id="in-20232",
    ),
    pytest.param(
        "Ik informeer u in 20231 over de uitkomsten.",
        D(2022, 5, 10),
        (D(2023, 12, 31), "year"),
        id="in-20231",
    ),
    pytest.param(
        "Ik informeer u op 1 maart 20231 over de uitkomsten.",
        D(2022, 5, 10),
        (D(2023, 3, 1), "day"),
        id="day-20231",
    ),
    pytest.param(
        "in maart 20242 volgt het rapport",
        D(2023, 5, 10),
        (D(2024, 3, 31), "month"),
        id="month-20242",
    ),
    pytest.param(
        "uiterlijk voor de zomer van 20241",
        D(2023, 5, 10),
        (D(2024, 7, 4), "recess"),
        id="summer-20241",
    ),
    # A five-digit amount ending in 0 is no year with a footnote.
    pytest.param("Dit speelt in 21000 gevallen.", D(2022, 5, 10), None, id="amount"),
    pytest.param("Dit speelt in 20150 gevallen.", D(2022, 5, 10), None, id="amount-2015"),
]


def _due(sentence: str, letter_date: datetime.date):
    deadline = find_deadline(sentence, letter_date, CALENDAR)
    return None if deadline is None or deadline.vague else (deadline.due_date, deadline.precision)


@pytest.mark.parametrize(("sentence", "letter_date", "expected"), FAULT_KIND_EXAMPLES)
def test_it_dates_the_k10_examples_of_the_fault_kinds(sentence, letter_date, expected):
    assert _due(sentence, letter_date) == expected


@pytest.mark.parametrize(("sentence", "letter_date", "expected"), PART_OF_A_MONTH)
def test_it_dates_part_of_a_month_on_the_last_day_of_that_part(sentence, letter_date, expected):
    assert _due(sentence, letter_date) == expected


@pytest.mark.parametrize(("sentence", "letter_date", "expected"), CLOCK_TIMES)
def test_it_keeps_the_day_a_clock_time_is_on(sentence, letter_date, expected):
    assert _due(sentence, letter_date) == expected


@pytest.mark.parametrize(("sentence", "letter_date", "expected"), CLOCK_ALONE)
def test_it_dates_a_clock_time_without_a_day_on_the_letters_day(sentence, letter_date, expected):
    assert _due(sentence, letter_date) == expected


@pytest.mark.parametrize(("sentence", "letter_date", "expected"), SPAN_RANGES)
def test_it_counts_a_span_given_as_a_range_to_its_longer_end(sentence, letter_date, expected):
    assert _due(sentence, letter_date) == expected


@pytest.mark.parametrize(("sentence", "letter_date", "expected"), WITH_THE_BUDGET)
def test_it_dates_a_document_that_goes_with_the_budget_on_prinsjesdag(
    sentence, letter_date, expected
):
    assert _due(sentence, letter_date) == expected


@pytest.mark.parametrize(("sentence", "letter_date", "expected"), DOCUMENT_OF_A_MONTH)
def test_it_dates_a_document_of_a_month_by_the_end_of_that_month(sentence, letter_date, expected):
    assert _due(sentence, letter_date) == expected


@pytest.mark.parametrize(("sentence", "letter_date", "expected"), PAST_TENSE)
def test_it_does_not_roll_a_day_told_in_the_past_into_next_year(sentence, letter_date, expected):
    assert _due(sentence, letter_date) == expected


@pytest.mark.parametrize(("sentence", "letter_date", "expected"), FOOTNOTE_DIGITS)
def test_it_reads_a_year_past_a_footnote_digit_glued_to_it(sentence, letter_date, expected):
    assert _due(sentence, letter_date) == expected


def test_it_keeps_the_footnote_digit_in_the_verbatim_phrase():
    deadline = find_deadline(
        "Ik informeer u in 20231 over de uitkomsten.", D(2022, 5, 10), CALENDAR
    )
    assert deadline is not None and deadline.phrase == "in 20231"
