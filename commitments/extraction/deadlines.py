"""Dutch deadline phrases: find them in a sentence and turn them into a due date.

Ministers rarely name a date. They write "voor de zomer", "eind dit jaar" or "in het eerste
kwartaal van 2023", and the register needs a date to chase. The conventions (the table in
docs/architecture.md) take the last day of the period meant, relative to the letter's date, with
a precision that says how exact that date is. The phrase itself is always kept verbatim, because
a clerk must be able to see what was promised and correct the date.

Each convention is one row in CONVENTIONS: a regular expression for the phrase and a function that
turns a match into a due date. The rows are in deadline_dates.py (a day, month, quarter, half or
year) and deadline_periods.py (seasons, recesses, the budget, spans, phrases without a date), on
the words and date arithmetic of deadline_words.py. A resolver returns one of three things:

- ``(date, precision)`` for a dated phrase;
- ``(None, "none")`` for a phrase that promises without a date ("op korte termijn");
- ``None`` when the phrase is not a deadline after all: it lies in the past relative to the letter
  ("op 17 oktober jl.", "begin dit jaar" in a November letter) or names an impossible day.

Beyond that table: before a meeting on a named day ("voorafgaand aan het debat
op 20 juni") is the day before it, as "vóór 1 juli" is 30 June; "voor de behandeling van de
begroting" is the day before the Christmas recess, by which the Chamber has debated the budgets;
"rond" reads as "in" ("rond de zomer" is the end of summer). A sentence that only points at the
one before it ("Tevens zal ik u dan ...", "na dat reces") is dated by find_deadline_referring_back.

A phrase whose period has already passed and that names no year ("voor de zomer" in an October
letter, "uiterlijk 15 juni" in July) means the next one, unless its clause tells of the past ("Op
22 juni heb ik u de rapportage gestuurd": no deadline, deadline_words.in_past_tense); a phrase
with an explicit year that lies in the past is not a deadline. So a due date is never before the
letter's date. A clock time keeps the day it is on ("vóór 1 maart 12.00 uur" is 1 March), and
with "vandaag" or "morgen" gives the letter's day or the next; part of a month ("de tweede helft
van november") is due on the last day of that part; a footnote digit glued to a year ("in
20231") is read past.
"""

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass

from commitments.extraction.calendar import ParliamentaryCalendar
from commitments.extraction.deadline_dates import DAYS_TO_HALF_YEARS, YEARS
from commitments.extraction.deadline_periods import SEASONS_AND_RECESSES, SPANS, VAGUE
from commitments.extraction.deadline_words import (
    BEFORE,
    MONTH,
    MONTHS,
    DeadlineConvention,
    Resolution,
    month_number,
)

# MONTHS, MONTH and month_number live in deadline_words.py; header.py and the tests import them
# from here, with the API below.
__all__ = [
    "CONVENTIONS",
    "MONTH",
    "MONTHS",
    "PRECISIONS",
    "Deadline",
    "find_deadline",
    "find_deadline_phrase",
    "find_deadline_referring_back",
    "iter_phrase_matches",
    "month_number",
    "resolve_deadline",
]

PRECISIONS = ("day", "month", "quarter", "half_year", "season", "recess", "year", "none")


@dataclass(frozen=True)
class Deadline:
    """A resolved deadline. `vague` is true exactly when there is no due date."""

    due_date: datetime.date | None
    precision: str
    vague: bool
    phrase: str


# The order of the rows decides between phrases with the same start and length: the earlier row
# wins, because iter_phrase_matches sorts the matches stably.
CONVENTIONS: tuple[DeadlineConvention, ...] = (
    *DAYS_TO_HALF_YEARS,
    *SEASONS_AND_RECESSES,
    *YEARS,
    *SPANS,
    VAGUE,
)


def iter_phrase_matches(text: str) -> Iterator[tuple[re.Match[str], DeadlineConvention]]:
    """The deadline phrases in `text`, in order, never overlapping.

    Where phrases overlap the one that starts first wins, and of those the longest, so that
    "in november van dit jaar" is one phrase and not "dit jaar" with a stray month.
    """
    found = [
        (match, convention)
        for convention in CONVENTIONS
        for match in convention.pattern.finditer(text)
    ]
    found.sort(key=lambda item: (item[0].start(), item[0].start() - item[0].end()))
    taken_until = -1
    for match, convention in found:
        if match.start() >= taken_until:
            taken_until = match.end()
            yield match, convention


def _resolve_match(
    match: re.Match[str],
    convention: DeadlineConvention,
    reference_date: datetime.date,
    calendar: ParliamentaryCalendar,
) -> Resolution:
    try:
        resolution = convention.resolve(match, reference_date, calendar)
    except (ValueError, OverflowError):
        # A day that does not exist ("31 april") or a year beyond the calendar is no deadline.
        return None
    if resolution is None:
        return None
    due, precision = resolution
    if due is None:
        # Only a vague phrase has no date; any other undated resolution found no period ahead.
        return (None, "none") if precision == "none" else None
    if due < reference_date:
        return None
    return due, precision


def find_deadline(
    text: str,
    reference_date: datetime.date,
    calendar: ParliamentaryCalendar | None = None,
) -> Deadline | None:
    """The deadline a sentence sets, or None.

    The first dated phrase wins. Without one, a phrase that names a period whose date is unknown
    ("voor het meireces" in a year without data) beats a merely vague one ("spoedig"), because it
    tells the clerk which date to look up. A weak phrase ("vandaag") counts only in a sentence
    with no other deadline phrase: "Vandaag heb ik besloten u voor de zomer te informeren" is due
    before the summer. Phrases in the past ("op 17 oktober jl.") are passed over, so that a
    sentence recalling an earlier letter still yields the deadline it sets.
    """
    calendar = calendar or ParliamentaryCalendar()
    weak: Deadline | None = None
    undated: list[tuple[bool, Deadline]] = []
    for match, convention in iter_phrase_matches(text):
        resolution = _resolve_match(match, convention, reference_date, calendar)
        if resolution is None:
            continue
        due, precision = resolution
        if due is not None:
            deadline = Deadline(due_date=due, precision=precision, vague=False, phrase=match[0])
            if not convention.weak:
                return deadline
            weak = weak or deadline
            continue
        deadline = Deadline(due_date=None, precision="none", vague=True, phrase=match[0])
        undated.append((convention is VAGUE, deadline))
    # min() keeps the first of equally specific phrases.
    return min(undated, key=lambda item: item[0])[1] if undated else weak


# A deadline that only the sentence before can date. "Ik zal dit uiterlijk 13 mei doen. Tevens zal
# ik u dan de brief sturen": "dan" is 13 May. "Indiening vóór het komende kerstreces is niet
# haalbaar. ... zo kort mogelijk na dat reces": that Christmas recess. "dan ook" (therefore) and
# "dan wel" (or) are no time.
THEN = re.compile(
    r"(?<!\w)(?:zal|zult|zullen|wordt|worden|ontvangt|ontvang|stuur|informeer)\s+"
    r"(?:(?:ik|wij|we|u|het\s+kabinet|uw\s+kamer)\s+)?(?:(?:u|uw\s+kamer)\s+)?"
    r"(?P<phrase>dan)(?!\s+(?:ook|wel|nog|toch|weer)(?!\w))(?!\w)",
    re.IGNORECASE,
)
THAT_RECESS = re.compile(
    r"(?<!\w)(?:(?:zo\s+(?:kort|snel|spoedig)\s+mogelijk|direct|kort|meteen|vlak)\s+)?"
    rf"(?P<when>{BEFORE}|na)\s+(?:dat|dit|datzelfde|het\s+genoemde)\s+reces(?!\w)",
    re.IGNORECASE,
)
NAMED_RECESS = re.compile(r"(?<!\w)(voorjaars|mei|zomer|herfst|kerst)reces(?!\w)", re.IGNORECASE)


def find_deadline_referring_back(
    text: str,
    previous_text: str,
    previous_deadline: Deadline | None,
    reference_date: datetime.date,
    calendar: ParliamentaryCalendar | None = None,
) -> Deadline | None:
    """The deadline `text` sets by pointing at the sentence before it, or None.

    "dan" takes over the dated deadline of the sentence before; "na dat reces" names the last
    recess that sentence mentions. The phrase kept is the one in `text`, verbatim.
    """
    then = THEN.search(text)
    if then and previous_deadline is not None and not previous_deadline.vague:
        return Deadline(
            due_date=previous_deadline.due_date,
            precision=previous_deadline.precision,
            vague=False,
            phrase=then["phrase"],
        )
    that_recess = THAT_RECESS.search(text)
    named = NAMED_RECESS.findall(previous_text)
    if that_recess and named:
        spelled_out = f"{that_recess['when']} het {named[-1]}reces"
        found = find_deadline(spelled_out, reference_date, calendar)
        if found is not None and not found.vague:
            return Deadline(found.due_date, found.precision, vague=False, phrase=that_recess[0])
    return None


def find_deadline_phrase(
    text: str,
    reference_date: datetime.date,
    calendar: ParliamentaryCalendar | None = None,
) -> str:
    """The deadline phrase in `text`, verbatim, or "" when it sets none."""
    deadline = find_deadline(text, reference_date, calendar)
    return deadline.phrase if deadline else ""


def resolve_deadline(
    phrase: str,
    reference_date: datetime.date,
    calendar: ParliamentaryCalendar | None = None,
) -> Deadline:
    """Turn a deadline phrase into a due date relative to the letter's date.

    The phrase may also be a longer text; the deadline phrase found in it is what is kept. A text
    without a recognisable deadline gives a vague deadline that keeps the text as its phrase.
    """
    found = find_deadline(phrase, reference_date, calendar)
    if found is not None:
        return found
    return Deadline(due_date=None, precision="none", vague=True, phrase=phrase.strip())
