"""The recess calendar against the Tweede Kamer's published recess dates.

Each row of PUBLISHED is a summer recess whose start and end a source gives
(seeds/recesses-sources.md names it). The seed calendar must hold it, and the rule for years
without data must reproduce it, so that a letter from a year missing from the CSV is still read
against the right summer.
"""

import datetime
from pathlib import Path

import pytest

from commitments.extraction import ParliamentaryCalendar, resolve_deadline

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
CALENDAR = ParliamentaryCalendar.from_csv(SEEDS / "recesses.csv")
RULES_ONLY = ParliamentaryCalendar()

D = datetime.date

# year: (first day of the summer recess, last day), as published.
PUBLISHED = {
    2016: (D(2016, 7, 8), D(2016, 9, 5)),
    2018: (D(2018, 7, 6), D(2018, 9, 3)),
    2019: (D(2019, 7, 5), D(2019, 9, 2)),
    2021: (D(2021, 7, 9), D(2021, 9, 6)),
    2022: (D(2022, 7, 8), D(2022, 9, 5)),
    2023: (D(2023, 7, 7), D(2023, 9, 4)),
    2024: (D(2024, 7, 5), D(2024, 9, 2)),
}
# year: (first day of the Christmas recess, last day), as published.
PUBLISHED_CHRISTMAS = {
    2022: (D(2022, 12, 23), D(2023, 1, 16)),
    2023: (D(2023, 12, 22), D(2024, 1, 15)),
    2025: (D(2025, 12, 19), D(2026, 1, 12)),
}


@pytest.mark.parametrize("year", sorted(PUBLISHED), ids=str)
def test_it_starts_the_summer_recess_on_the_published_day_from_the_seed_file(year):
    recess = CALENDAR.summer_recess(year)
    assert (recess.starts_on, recess.ends_on) == PUBLISHED[year]


@pytest.mark.parametrize("year", sorted(PUBLISHED), ids=str)
def test_it_starts_the_summer_recess_on_the_published_day_by_rule_alone(year):
    recess = RULES_ONLY.summer_recess(year)
    assert (recess.starts_on, recess.ends_on) == PUBLISHED[year]


@pytest.mark.parametrize("year", sorted(PUBLISHED_CHRISTMAS), ids=str)
def test_it_gives_the_published_christmas_recess_from_data_and_by_rule(year):
    for calendar in (CALENDAR, RULES_ONLY):
        recess = calendar.christmas_recess(year)
        assert (recess.starts_on, recess.ends_on) == PUBLISHED_CHRISTMAS[year]


@pytest.mark.parametrize(
    ("letter_date", "due_date"),
    [(D(2021, 5, 11), D(2021, 7, 8)), (D(2022, 5, 10), D(2022, 7, 7))],
    ids=["2021", "2022"],
)
def test_it_dates_voor_het_zomerreces_the_day_before_the_published_start(letter_date, due_date):
    deadline = resolve_deadline("voor het zomerreces", letter_date, CALENDAR)
    assert (deadline.due_date, deadline.precision) == (due_date, "recess")


@pytest.mark.parametrize(
    ("phrase", "letter_date", "due_date"),
    [
        ("voor het meireces", D(2023, 3, 1), D(2023, 4, 20)),
        ("voor het herfstreces", D(2023, 9, 12), D(2023, 10, 12)),
        ("voor het voorjaarsreces", D(2024, 1, 16), D(2024, 2, 15)),
        ("voor het meireces", D(2024, 3, 1), D(2024, 4, 25)),
    ],
    ids=["may-2023", "autumn-2023", "spring-2024", "may-2024"],
)
def test_it_dates_the_short_recesses_published_for_2023_and_2024(phrase, letter_date, due_date):
    assert resolve_deadline(phrase, letter_date, CALENDAR).due_date == due_date
