"""The words and the date arithmetic the deadline conventions share.

A convention (deadline_dates.py, deadline_periods.py) is a regular expression for a phrase and a
resolver that turns a match into a due date; deadlines.py says what a resolver may return. The
pieces of pattern here (how "voor", a month or a year is written) and the helpers that pick "the
next one" appear in conventions of both kinds. Plain Python: no Django.
"""

import calendar as gregorian
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from commitments.extraction.calendar import ParliamentaryCalendar

Resolution = tuple[datetime.date | None, str] | None
Resolver = Callable[[re.Match[str], datetime.date, ParliamentaryCalendar], Resolution]


@dataclass(frozen=True)
class DeadlineConvention:
    name: str
    pattern: re.Pattern[str]
    resolve: Resolver


def convention(name: str, pattern: str, resolve: Resolver) -> DeadlineConvention:
    compiled = re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE)
    return DeadlineConvention(name=name, pattern=compiled, resolve=resolve)


# "voor" also appears with accents ("vóór") when the writer means "before" emphatically.
BEFORE = r"v(?:oo|óó|óo|oó)r"
MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ),
        start=1,
    )
}
MONTH = "|".join(MONTHS)
NUMERIC_YEAR = r"(?:19|20|21)\d{2}"
THIS_YEAR = r"dit\s+(?:kalender)?jaar|het\s+(?:lopende|huidige)\s+(?:kalender)?jaar"
NEXT_YEAR = (
    r"(?:het\s+)?(?:volgend|volgende|komend|komende)\s+(?:kalender)?jaar|het\s+nieuwe\s+jaar"
)
RELATIVE_YEAR = rf"{THIS_YEAR}|{NEXT_YEAR}"
YEAR = rf"{NUMERIC_YEAR}|{RELATIVE_YEAR}"
END_OF = rf"(?:aan|tegen|{BEFORE})\s+het\s+eind(?:e)?\s+van"
MONTH_MODIFIER = (
    rf"{END_OF}|rond(?:\s+(?:eind|begin|medio))?"
    r"|(?:uiterlijk\s+|nog\s+)?(?:in|eind|einde)(?:\s+(?:van|de\s+loop\s+van|de\s+maand))?"
    rf"|uiterlijk|{BEFORE}\s+eind|(?:(?:aan|in)\s+het\s+)?begin(?:\s+van)?"
    rf"|medio|half|halverwege|midden|{BEFORE}"
)


# Matching without regard to case also takes the long s, the Kelvin sign and the Turkish dotted
# capital I and dotless i for s, k and i, so a phrase can be found with one of them in it; its
# words must then be looked up in the tables of the conventions as the letters they stand for.
LOOKALIKES = str.maketrans({"\u017f": "s", "\u212a": "k", "\u0130": "i", "\u0131": "i"})


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().translate(LOOKALIKES).lower())


def month_number(name: str) -> int:
    """The number of a month found by MONTH, however it was written: "Maart" is 3."""
    return MONTHS[normalise(name)]


def year_of(expression: str, reference_date: datetime.date) -> int:
    """The year that "2024", "dit jaar", "volgend jaar" or "het nieuwe jaar" refers to."""
    expression = normalise(expression)
    if expression[:4].isdigit():
        return int(expression[:4])
    if re.search(r"volgend|komend|nieuwe", expression):
        return reference_date.year + 1
    return reference_date.year


def last_day_of_month(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, gregorian.monthrange(year, month)[1])


def first_not_before(
    reference_date: datetime.date, date_in_year: Callable[[int], datetime.date | None]
) -> datetime.date | None:
    """The first of the yearly dates, from the year before the letter on, that is not before it.

    This is how a phrase without a year picks "the next one": the winter that began last year
    may still be running, and a period that has passed this year comes round again next year.
    """
    for year in range(reference_date.year - 1, reference_date.year + 3):
        candidate = date_in_year(year)
        if candidate is not None and candidate >= reference_date:
            return candidate
    return None


def not_past(due: datetime.date, reference_date: datetime.date) -> datetime.date | None:
    return due if due >= reference_date else None


def day_in_month(modifier: str, year: int, month: int) -> datetime.date:
    """Where in the month a modifier points: begin 10, medio 20, before the month the last day of
    the month before, otherwise (in, eind, uiterlijk) the last day."""
    modifier = normalise(modifier)
    if "begin" in modifier:
        return datetime.date(year, month, 10)
    if modifier.split()[-1] in {"medio", "half", "halverwege", "midden"}:
        return datetime.date(year, month, 20)
    if re.fullmatch(BEFORE, modifier):
        return datetime.date(year, month, 1) - datetime.timedelta(days=1)
    return last_day_of_month(year, month)
