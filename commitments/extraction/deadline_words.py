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
    """A phrase and its resolver. A `weak` phrase ("vandaag") dates a sentence only when no other
    phrase in it does, because it is as often the day of an act as the day of a promise."""

    name: str
    pattern: re.Pattern[str]
    resolve: Resolver
    weak: bool = False


def convention(
    name: str, pattern: str, resolve: Resolver, *, weak: bool = False
) -> DeadlineConvention:
    compiled = re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE)
    return DeadlineConvention(name=name, pattern=compiled, resolve=resolve, weak=weak)


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
# A footnote marker pasted onto a year by a PDF's text layer ("in 2018" + footnote 1 = "in 20181")
# still names the year: one or two digits after a year from 1900 to 2099, never starting with 0,
# so that amounts such as "21000" or "20150" are no year. numeric_year() reads the first four.
NUMERIC_YEAR = r"(?:19|20)\d{2}[1-9]\d?|(?:19|20|21)\d{2}"
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


def numeric_year(text: str) -> int:
    """The year a match of NUMERIC_YEAR names, without a footnote digit glued to it."""
    return int(text.strip()[:4])


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


# A clock time: "12.00 uur", "16:00", "12 uur". It says nothing about the day, so a phrase keeps
# the day it names: "vóór 1 maart 12.00 uur" is 1 March, not the day before. CLOCK_MINUTES has
# the minutes, so that "voor 24 uur per dag" or "rond 16.50 euro" is no clock time.
HOUR = r"(?:[01]?\d|2[0-3])"
CLOCK_MINUTES = rf"{HOUR}(?::[0-5]\d(?:\s*uur)?|\.[0-5]\d\s*uur)"
CLOCK = rf"{CLOCK_MINUTES}|{HOUR}\s*uur"

# Tense decides whether a day without a year is the next one or the last one: "Op 22 juni heb ik
# u de rapportage gestuurd" in a letter of 29 June recalls this June, not next June. A clause is
# in the past when it has a simple past ("stuurde", "was") or a perfect ("heb ... gestuurd": a
# form of hebben and after it a participle), and no word that points ahead ("zal", "te sturen",
# "aanstaande"); "Op 3 maart heb ik overleg" (a plan) has no participle. Nouns that look like a
# participle ("gemeenten", "gezondheid") are left out.
PARTICIPLE = (
    r"(?!(?:gemeenten|gegevens|gevallen|gesprekken|gebied|gebieden|geld|gelden|geleden"
    r"|gebouwen|gevolgen|gedachten|gegeven|geheel|\w*heid)(?!\w))\w*ge\w+(?:d|t|en)"
    r"|verstuurd|verzonden|verschenen|besproken|beantwoord|bericht|ontvangen|vernomen"
    r"|beschreven|besloten|bezocht|verzocht|beloofd|vastgesteld|ingediend|aangeboden"
)
PAST_FORM = re.compile(
    r"(?<!\w)(?:(?:heb|hebt|heeft|hebben|had|hadden)(?!\w)[^.;:!?]*?(?<!\w)"
    rf"(?:{PARTICIPLE})(?!\w)"
    r"|was|waren|werd|werden|stuurde|stuurden|zond|zonden|ontving|ontvingen|informeerde"
    r"|informeerden|schreef|schreven|vond|vonden|sprak|spraken|verscheen|verschenen"
    r"|publiceerde|publiceerden|besloot|besloten)(?!\w)",
    re.IGNORECASE,
)
AHEAD = re.compile(
    r"(?<!\w)(?:zal|zult|zullen|zou|zouden|ga|gaat|gaan|wil|wilt|willen|kom|komt|komen"
    r"|aanstaande|a\.s\.|verwacht\w*|voornemens|te\s+\w+en)(?!\w)",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"[.;!?]\s")
# Clauses end at punctuation or at a conjunction that starts a new one ("... gestuurd en ik zal",
# "In maart werd besloten dat ik u in september informeer").
CLAUSE_END = re.compile(
    r"[,;:.!?()]|\s(?:en|maar|waarna|terwijl|nadat|voordat|zodat|omdat|want|dat|zodra|wanneer)"
    r"(?=\s)",
    re.IGNORECASE,
)


def _bounds(text: str, start: int, end: int, boundary: re.Pattern[str]) -> tuple[int, int]:
    before = [found.end() for found in boundary.finditer(text, 0, start)]
    after = boundary.search(text, end)
    return (before[-1] if before else 0, after.start() if after else len(text))


def in_past_tense(match: re.Match[str]) -> bool:
    """Whether the clause of a phrase tells of the past and nothing ahead.

    The clause is the text between commas, other stops or conjunctions ("en", "waarna") around
    the phrase. A perfect may run past it ("Ik heb u op 22 juni, zoals toegezegd, de rapportage
    gestuurd"), so the past form is looked for in the sentence, starting inside the clause; a
    past in another clause ("..., die geen effecten hebben gehad") says nothing of the phrase.
    """
    text, start, end = match.string, match.start(), match.end()
    clause_start, clause_end = _bounds(text, start, end, CLAUSE_END)
    if AHEAD.search(text, clause_start, clause_end):
        return False
    sentence_start, sentence_end = _bounds(text, start, end, SENTENCE_END)
    if AHEAD.search(text, sentence_start, sentence_end) and not PAST_FORM.search(
        text, clause_start, clause_end
    ):
        return False
    return any(
        clause_start <= past.start() < clause_end
        for past in PAST_FORM.finditer(text, sentence_start, sentence_end)
    )
