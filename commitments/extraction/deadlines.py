"""Dutch deadline phrases: find them in a sentence and turn them into a due date.

Ministers rarely name a date. They write "voor de zomer", "eind dit jaar" or "in het eerste
kwartaal van 2023", and the register needs a date to chase. The conventions (the table in
docs/architecture.md) take the last day of the period meant, relative to the letter's date, with
a precision that says how exact that date is. The phrase itself is always kept verbatim, because
a clerk must be able to see what was promised and correct the date.

Each convention is one row in CONVENTIONS: a regular expression for the phrase and a function that
turns a match into a due date. A resolver returns one of three things:

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
letter, "uiterlijk 15 juni" in July) means the next one; a phrase with an explicit year that lies
in the past is not a deadline. So a due date is never before the letter's date.
"""

import calendar as gregorian
import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fractions import Fraction

from commitments.extraction.calendar import ParliamentaryCalendar

PRECISIONS = ("day", "month", "quarter", "half_year", "season", "recess", "year", "none")

Resolution = tuple[datetime.date | None, str] | None
Resolver = Callable[[re.Match[str], datetime.date, ParliamentaryCalendar], Resolution]


@dataclass(frozen=True)
class Deadline:
    """A resolved deadline. `vague` is true exactly when there is no due date."""

    due_date: datetime.date | None
    precision: str
    vague: bool
    phrase: str


@dataclass(frozen=True)
class DeadlineConvention:
    name: str
    pattern: re.Pattern[str]
    resolve: Resolver


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
# "eind van het jaar" means the current year; a bare "het jaar" is too common to mean that alone.
YEAR_AFTER_END = rf"{YEAR}|het\s+jaar"
PAST_MARKER = r"jl\.?|j\.l\.|jongstleden"
FUTURE_MARKER = r"aanstaande|a\.s\."
WEEKDAY = r"maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag"
# "Het overleg dat gepland staat voor 17 oktober": here "voor" names the day, not the day before.
SCHEDULED_FOR = re.compile(
    r"(?:gepland|ingepland|geagendeerd|voorzien)(?:\s+(?:staat|stond|staan|is|zijn|was))?\s*$",
    re.IGNORECASE,
)
# Meetings of the Chamber a deadline can be set before: "voor het commissiedebat op 20 juni".
EVENT = (
    r"[\w-]*(?:overleg|debat|behandeling|stemmingen|stemming|vergadering|bijeenkomst|raad"
    r"|hoorzitting|gesprek|top)|WGO|AO|SO"
)

NUMBER_WORDS = {
    "een half": Fraction(1, 2),
    "een halve": Fraction(1, 2),
    "anderhalf": Fraction(3, 2),
    "anderhalve": Fraction(3, 2),
    "een": Fraction(1),
    "één": Fraction(1),
    "twee": Fraction(2),
    "drie": Fraction(3),
    "vier": Fraction(4),
    "vijf": Fraction(5),
    "zes": Fraction(6),
    "zeven": Fraction(7),
    "acht": Fraction(8),
    "negen": Fraction(9),
    "tien": Fraction(10),
    "elf": Fraction(11),
    "twaalf": Fraction(12),
    "dertien": Fraction(13),
    "veertien": Fraction(14),
    "vijftien": Fraction(15),
    "zestien": Fraction(16),
    "twintig": Fraction(20),
    "dertig": Fraction(30),
    "veertig": Fraction(40),
    "zestig": Fraction(60),
    "negentig": Fraction(90),
}
# Longest first, so that "een half" wins over "een" and "zestien" over "zes".
NUMBER = "|".join(
    sorted((word.replace(" ", r"\s+") for word in NUMBER_WORDS), key=len, reverse=True)
)

# How many days or months one unit of a span ("binnen drie weken") stands for.
SPAN_UNITS: dict[str, tuple[str, int]] = {
    "dag": ("days", 1),
    "werkdag": ("workdays", 1),
    "week": ("days", 7),
    "maand": ("months", 1),
    "kwartaal": ("months", 3),
    "jaar": ("months", 12),
}
SPAN_UNIT_FORMS = {
    "dag": "dag",
    "dagen": "dag",
    "werkdag": "werkdag",
    "werkdagen": "werkdag",
    "week": "week",
    "weken": "week",
    "maand": "maand",
    "maanden": "maand",
    "kwartaal": "kwartaal",
    "kwartalen": "kwartaal",
    "jaar": "jaar",
    "jaren": "jaar",
}

# The last day of each season (month, day); winter ends in the year after it starts.
SEASON_ENDS = {"voorjaar": (6, 20), "zomer": (9, 22), "najaar": (12, 20), "winter": (3, 20)}
SEASON_STARTS = {"voorjaar": (3, 21), "zomer": (6, 21), "najaar": (9, 23), "winter": (12, 21)}
SEASON_SYNONYMS = {"lente": "voorjaar", "herfst": "najaar"}

RECESS_KINDS = {
    "voorjaars": "spring",
    "mei": "may",
    "zomer": "summer",
    "herfst": "autumn",
    "kerst": "christmas",
}


# Matching without regard to case also takes the long s, the Kelvin sign and the Turkish dotted
# capital I and dotless i for s, k and i, so a phrase can be found with one of them in it; its
# words must then be looked up in the tables above as the letters they stand for.
LOOKALIKES = str.maketrans({"\u017f": "s", "\u212a": "k", "\u0130": "i", "\u0131": "i"})


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().translate(LOOKALIKES).lower())


def month_number(name: str) -> int:
    """The number of a month found by MONTH, however it was written: "Maart" is 3."""
    return MONTHS[_normalise(name)]


def year_of(expression: str, reference_date: datetime.date) -> int:
    """The year that "2024", "dit jaar", "volgend jaar" or "het nieuwe jaar" refers to."""
    expression = _normalise(expression)
    if expression[:4].isdigit():
        return int(expression[:4])
    if re.search(r"volgend|komend|nieuwe", expression):
        return reference_date.year + 1
    return reference_date.year


def last_day_of_month(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, gregorian.monthrange(year, month)[1])


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, gregorian.monthrange(year, month)[1]))


def add_workdays(day: datetime.date, workdays: int) -> datetime.date:
    weeks, rest = divmod(workdays, 5)
    day += datetime.timedelta(weeks=weeks)
    while rest:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            rest -= 1
    return day


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
    modifier = _normalise(modifier)
    if "begin" in modifier:
        return datetime.date(year, month, 10)
    if modifier.split()[-1] in {"medio", "half", "halverwege", "midden"}:
        return datetime.date(year, month, 20)
    if re.fullmatch(BEFORE, modifier):
        return datetime.date(year, month, 1) - datetime.timedelta(days=1)
    return last_day_of_month(year, month)


def resolve_day(
    match: re.Match[str], reference: datetime.date, _: ParliamentaryCalendar
) -> Resolution:
    if match["when"] and re.search(PAST_MARKER, match["when"]):
        return None
    before = re.fullmatch(BEFORE, _normalise(match["prep"])) is not None
    scheduled = SCHEDULED_FOR.search(match.string, 0, match.start()) is not None
    return _day_of_month(match, reference, day_before=before and not scheduled)


def resolve_before_event(
    match: re.Match[str], reference: datetime.date, _: ParliamentaryCalendar
) -> Resolution:
    """Before an event on a named day ("voorafgaand aan het debat op 20 juni"): the day before,
    as "vóór 1 juli" is 30 June."""
    return _day_of_month(match, reference, day_before=True)


def _day_of_month(
    match: re.Match[str], reference: datetime.date, *, day_before: bool
) -> Resolution:
    day, month = int(match["day"]), month_number(match["month"])
    shift = datetime.timedelta(days=1 if day_before else 0)
    if match["year"]:
        return not_past(datetime.date(int(match["year"]), month, day) - shift, reference), "day"
    # The day must exist in at least one year ("29 februari"); otherwise it is no deadline.
    due = first_not_before(reference, lambda year: _valid_date(year, month, day, shift))
    return (due, "day") if due else None


def _valid_date(year: int, month: int, day: int, shift: datetime.timedelta) -> datetime.date | None:
    try:
        return datetime.date(year, month, day) - shift
    except ValueError:
        return None


def resolve_month(
    match: re.Match[str], reference: datetime.date, _: ParliamentaryCalendar
) -> Resolution:
    if match["when"] and re.search(PAST_MARKER, match["when"]):
        return None
    month = month_number(match["month"])
    if match["year"]:
        due = day_in_month(match["mod"], year_of(match["year"], reference), month)
        return not_past(due, reference), "month"
    return first_not_before(reference, lambda y: day_in_month(match["mod"], y, month)), "month"


QUARTER_ORDINALS = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "laatste": 4}


def _quarter_end(year: int, quarter: int) -> datetime.date:
    return last_day_of_month(year, quarter * 3)


def _quarter_number(match: re.Match[str]) -> int:
    text = _normalise(match.groupdict().get("ordinal") or match["q"])
    return QUARTER_ORDINALS.get(text) or int(text[0])


def resolve_quarter(
    match: re.Match[str], reference: datetime.date, _: ParliamentaryCalendar
) -> Resolution:
    quarter = _quarter_number(match)
    if match["year"]:
        due = _quarter_end(year_of(match["year"], reference), quarter)
        return not_past(due, reference), "quarter"
    return first_not_before(reference, lambda year: _quarter_end(year, quarter)), "quarter"


def resolve_begin_of_year(
    match: re.Match[str], reference: datetime.date, _: ParliamentaryCalendar
) -> Resolution:
    due = datetime.date(year_of(match["year"], reference), 3, 31)
    return not_past(due, reference), "quarter"


def resolve_middle_of_year(
    match: re.Match[str], reference: datetime.date, _: ParliamentaryCalendar
) -> Resolution:
    due = datetime.date(year_of(match["year"], reference), 6, 30)
    return not_past(due, reference), "half_year"


def resolve_half_of_year(
    match: re.Match[str], reference: datetime.date, _: ParliamentaryCalendar
) -> Resolution:
    month, day = (6, 30) if _normalise(match["half"]) == "eerste" else (12, 31)
    if match["year"]:
        due = datetime.date(year_of(match["year"], reference), month, day)
        return not_past(due, reference), "half_year"
    return first_not_before(reference, lambda year: datetime.date(year, month, day)), "half_year"


def _season_end(season: str, year: int) -> datetime.date:
    month, day = SEASON_ENDS[season]
    return datetime.date(year + 1 if season == "winter" else year, month, day)


def _season_start(season: str, year: int) -> datetime.date:
    return datetime.date(year, *SEASON_STARTS[season])


def resolve_season(
    match: re.Match[str], reference: datetime.date, _: ParliamentaryCalendar
) -> Resolution:
    if not (match["mod"] or match["rel"] or match["year"]):
        return None
    season = _normalise(match["season"])
    season = SEASON_SYNONYMS.get(season, season)
    if match["year"]:
        due = _season_end(season, year_of(match["year"], reference))
        return not_past(due, reference), "season"
    if _normalise(match["rel"] or "").startswith("volgend"):
        # "Volgend voorjaar" is the first spring that has not begun yet.
        for year in range(reference.year, reference.year + 2):
            if _season_start(season, year) > reference:
                return _season_end(season, year), "season"
        return None
    # "Het voorjaar", "deze winter", "komende zomer": the one under way, or else the next one.
    return first_not_before(reference, lambda year: _season_end(season, year)), "season"


def _recess_resolver(
    kind: str, due_for: Callable[[datetime.date, datetime.date], datetime.date]
) -> Resolver:
    """A resolver for "voor/na het <kind>reces": `due_for(starts_on, ends_on)` of the recess."""

    def resolve(match: re.Match[str], reference: datetime.date, calendar: ParliamentaryCalendar):
        def due_in(year: int) -> datetime.date | None:
            recess = calendar.recess(kind, year)
            return due_for(recess.starts_on, recess.ends_on) if recess else None

        year = match.groupdict().get("year")
        if year:
            due = due_in(year_of(year, reference))
            return (not_past(due, reference), "recess") if due else (None, "none")
        due = first_not_before(reference, due_in)
        return (due, "recess") if due else (None, "none")

    return resolve


def _day_before_start(starts_on: datetime.date, _: datetime.date) -> datetime.date:
    return starts_on - datetime.timedelta(days=1)


def _end_of_month_of_end(_: datetime.date, ends_on: datetime.date) -> datetime.date:
    return last_day_of_month(ends_on.year, ends_on.month)


def resolve_other_recess(
    match: re.Match[str], reference: datetime.date, calendar: ParliamentaryCalendar
) -> Resolution:
    kind = RECESS_KINDS[_normalise(match["kind"])]
    return _recess_resolver(kind, _day_before_start)(match, reference, calendar)


def _last_day(_: datetime.date, ends_on: datetime.date) -> datetime.date:
    return ends_on


def resolve_end_of_recess(
    match: re.Match[str], reference: datetime.date, calendar: ParliamentaryCalendar
) -> Resolution:
    kind = RECESS_KINDS[_normalise(match["kind"])]
    return _recess_resolver(kind, _last_day)(match, reference, calendar)


def resolve_prinsjesdag(
    match: re.Match[str], reference: datetime.date, calendar: ParliamentaryCalendar
) -> Resolution:
    shift = datetime.timedelta(days=1 if re.search(BEFORE, match["prep"], re.I) else 0)
    if match["year"]:
        return not_past(calendar.prinsjesdag(int(match["year"])) - shift, reference), "day"
    return first_not_before(reference, lambda year: calendar.prinsjesdag(year) - shift), "day"


def resolve_budget(
    match: re.Match[str], reference: datetime.date, calendar: ParliamentaryCalendar
) -> Resolution:
    """The budget for a year is presented on Prinsjesdag of the year before."""
    if match["year"]:
        return not_past(calendar.prinsjesdag(int(match["year"]) - 1), reference), "day"
    return first_not_before(reference, calendar.prinsjesdag), "day"


def resolve_budget_debates(
    match: re.Match[str], reference: datetime.date, calendar: ParliamentaryCalendar
) -> Resolution:
    """The Chamber debates the budget for a year in the autumn before it and votes on the last
    budgets before its Christmas recess, so "voor de behandeling van de begroting" means the day
    before that recess: the last day of the period meant, as elsewhere in the conventions."""

    def due_in(year: int) -> datetime.date:
        return calendar.christmas_recess(year).starts_on - datetime.timedelta(days=1)

    if match["year"]:
        return not_past(due_in(int(match["year"]) - 1), reference), "recess"
    return first_not_before(reference, due_in), "recess"


def resolve_end_of_year(
    match: re.Match[str], reference: datetime.date, _: ParliamentaryCalendar
) -> Resolution:
    return not_past(datetime.date(year_of(match["year"], reference), 12, 31), reference), "year"


def resolve_turn_of_year(
    _match: re.Match[str], reference: datetime.date, _calendar: ParliamentaryCalendar
) -> Resolution:
    return datetime.date(reference.year, 12, 31), "year"


def resolve_numeric_year(
    match: re.Match[str], reference: datetime.date, _: ParliamentaryCalendar
) -> Resolution:
    year = int(match["year"])
    if re.fullmatch(BEFORE, _normalise(match["prep"])):
        year -= 1
    return not_past(datetime.date(year, 12, 31), reference), "year"


def resolve_span(
    match: re.Match[str], reference: datetime.date, _: ParliamentaryCalendar
) -> Resolution:
    count_text = _normalise(match["count"])
    count = Fraction(int(count_text)) if count_text.isdigit() else NUMBER_WORDS[count_text]
    measure, size = SPAN_UNITS[SPAN_UNIT_FORMS[_normalise(match["unit"])]]
    amount = count * size
    if measure == "workdays":
        return add_workdays(reference, round(amount)), "day"
    if measure == "days":
        return reference + datetime.timedelta(days=round(amount)), "day"
    whole_months = int(amount)
    extra_days = round((amount - whole_months) * 30)
    return add_months(reference, whole_months) + datetime.timedelta(days=extra_days), "day"


def resolve_relative_month_or_week(
    match: re.Match[str], reference: datetime.date, _: ParliamentaryCalendar
) -> Resolution:
    step = 0 if _normalise(match["which"]) in {"deze", "dit"} else 1
    if _normalise(match["unit"]) == "week":
        sunday = reference + datetime.timedelta(days=6 - reference.weekday())
        return sunday + datetime.timedelta(weeks=step), "day"
    month_start = add_months(reference.replace(day=1), step)
    due = day_in_month(match["mod"] or "in", month_start.year, month_start.month)
    return not_past(due, reference), "month"


def resolve_vague(
    _match: re.Match[str], _reference: datetime.date, _calendar: ParliamentaryCalendar
) -> Resolution:
    return None, "none"


def _convention(name: str, pattern: str, resolve: Resolver) -> DeadlineConvention:
    compiled = re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE)
    return DeadlineConvention(name=name, pattern=compiled, resolve=resolve)


END_OF = rf"(?:aan|tegen|{BEFORE})\s+het\s+eind(?:e)?\s+van"
MONTH_MODIFIER = (
    rf"{END_OF}|rond(?:\s+(?:eind|begin|medio))?"
    r"|(?:uiterlijk\s+|nog\s+)?(?:in|eind|einde)(?:\s+(?:van|de\s+loop\s+van|de\s+maand))?"
    rf"|uiterlijk|{BEFORE}\s+eind|(?:(?:aan|in)\s+het\s+)?begin(?:\s+van)?"
    rf"|medio|half|halverwege|midden|{BEFORE}"
)
SEASON_MODIFIER = (
    rf"{END_OF}|eind(?:e)?(?:\s+van)?|begin(?:\s+van)?|in\s+de\s+loop\s+van"
    r"|uiterlijk(?:\s+in)?|(?:nog|later)\s+in|in|medio|gedurende|tijdens|rond"
)
SEASON_RELATION = r"het|de|dit|deze|komend|komende|aanstaand|aanstaande|volgend|volgende"

VAGUE = _convention(
    "vague",
    r"op\s+(?:(?:zo\s+)?korte|afzienbare|middellange|(?:wat\s+)?langere|lange)\s+termijn"
    r"|op\s+termijn"
    r"|zo\s+(?:spoedig|snel|vlug|gauw|kort)\s+(?:mogelijk|als\s+(?:mogelijk|dat\s+kan))"
    r"|z\.s\.m\.?|binnenkort|spoedig|te\s+zijner\s+tijd|t\.z\.t\.?"
    r"|(?:in\s+)?de\s+komende\s+(?:tijd|periode|maanden|weken|jaren)"
    r"|binnen\s+(?:enkele|een\s+aantal|afzienbare|korte)"
    r"\s+(?:dagen|weken|maanden|jaren|tijd|termijn)"
    r"|op\s+een\s+later(?:e)?\s+moment|in\s+een\s+later\s+stadium",
    resolve_vague,
)

CONVENTIONS: tuple[DeadlineConvention, ...] = (
    _convention(
        "day",
        rf"(?P<prep>op|per|uiterlijk(?:\s+op)?|niet\s+later\s+dan|{BEFORE}|tot\s+en\s+met|t/m)"
        rf"\s+(?:(?:{WEEKDAY})\s+)?(?P<day>[0-3]?\d)\s+(?P<month>{MONTH})"
        rf"(?:\s+(?P<year>{NUMERIC_YEAR}))?"
        rf"(?P<when>\s+(?:{PAST_MARKER}|{FUTURE_MARKER}))?",
        resolve_day,
    ),
    _convention(
        "before a dated event",
        rf"(?:(?:ruim(?:schoots)?|kort|direct|tijdig)\s+)?(?:voorafgaand\s+aan|{BEFORE})"
        rf"\s+(?:het|de)\s+(?:[\w-]+\s+){{0,3}}?(?:{EVENT})(?:\s+[^\s.;:]+){{0,10}}?"
        rf"\s+(?:op|van)\s+(?:(?:{WEEKDAY})\s+)?(?P<day>[0-3]?\d)\s+(?P<month>{MONTH})"
        rf"(?:\s+(?P<year>{NUMERIC_YEAR}))?",
        resolve_before_event,
    ),
    _convention(
        "month",
        rf"(?P<mod>{MONTH_MODIFIER})\s+(?P<month>{MONTH})(?:\s+(?:van\s+)?(?P<year>{YEAR}))?"
        rf"(?P<when>\s+(?:{PAST_MARKER}|{FUTURE_MARKER}))?",
        resolve_month,
    ),
    _convention(
        "quarter",
        rf"(?:(?:in|uiterlijk(?:\s+in)?|eind|in\s+de\s+loop\s+van|{END_OF})\s+)?(?:het\s+)?"
        rf"(?P<ordinal>eerste|tweede|derde|vierde|laatste|[1-4]e|1ste|2de|3de|4de)\s+kwartaal"
        rf"(?:\s+(?:van\s+)?(?P<year>{YEAR}))?",
        resolve_quarter,
    ),
    _convention(
        "quarter code",
        rf"(?:(?:in|uiterlijk(?:\s+in)?|eind)\s+)?Q(?P<q>[1-4])(?:\s*(?P<year>{NUMERIC_YEAR}))?",
        resolve_quarter,
    ),
    _convention(
        "begin of year",
        rf"(?:(?:aan|in)\s+het\s+)?begin\s+(?:van\s+)?(?P<year>{YEAR})",
        resolve_begin_of_year,
    ),
    _convention(
        "middle of year",
        rf"(?:(?:rond|uiterlijk|{BEFORE})\s+)?"
        rf"(?:medio|halverwege|half|midden|(?:in\s+)?het\s+midden\s+van)\s+(?P<year>{YEAR})",
        resolve_middle_of_year,
    ),
    _convention(
        "half of year",
        rf"(?:(?:in|uiterlijk(?:\s+in)?|{END_OF})\s+)?(?:de|het)\s+(?P<half>eerste|tweede)\s+"
        rf"(?:helft|jaarhelft|halfjaar|half\s+jaar)(?:\s+(?:van\s+)?(?P<year>{YEAR}))?",
        resolve_half_of_year,
    ),
    _convention(
        "season",
        rf"(?:(?P<mod>{SEASON_MODIFIER})\s+)?(?:(?P<rel>{SEASON_RELATION})\s+)?"
        rf"(?P<season>voorjaar|lente|zomer|najaar|herfst|winter)"
        rf"(?:\s+(?:van\s+)?(?P<year>{YEAR}))?",
        resolve_season,
    ),
    _convention(
        "before summer recess",
        rf"(?:(?:nog|ruim|uiterlijk|in\s+ieder\s+geval)\s+)?{BEFORE}\s+(?:(?:de\s+)?aanvang\s+van\s+)?"
        rf"(?:de\s+zomer(?:vakantie)?|(?:het\s+)?zomerreces)(?:\s+(?:van\s+)?(?P<year>{YEAR}))?",
        _recess_resolver("summer", _day_before_start),
    ),
    _convention(
        "after summer recess",
        rf"(?:(?:direct|kort|meteen|snel|vlak)\s+)?na\s+"
        rf"(?:de\s+zomer(?:vakantie)?|(?:het\s+)?zomerreces)(?:\s+(?:van\s+)?(?P<year>{YEAR}))?",
        _recess_resolver("summer", _end_of_month_of_end),
    ),
    _convention(
        "before christmas recess",
        rf"(?:(?:nog|uiterlijk)\s+)?{BEFORE}\s+(?:de\s+)?(?:kerst(?:mis)?|kerstvakantie|"
        rf"(?:het\s+)?kerstreces)(?:\s+(?:van\s+)?(?P<year>{YEAR}))?",
        _recess_resolver("christmas", _day_before_start),
    ),
    _convention(
        "after christmas recess",
        r"(?:(?:direct|kort|meteen|vlak)\s+)?na\s+(?:de\s+)?"
        r"(?:kerst(?:mis)?|kerstvakantie|(?:het\s+)?kerstreces)",
        _recess_resolver("christmas", _end_of_month_of_end),
    ),
    _convention(
        "before another recess",
        rf"{BEFORE}\s+(?:(?:de\s+)?aanvang\s+van\s+)?het\s+(?P<kind>voorjaars|mei|herfst)reces",
        resolve_other_recess,
    ),
    _convention(
        "end of a recess",
        rf"(?:uiterlijk\s+)?(?:{BEFORE}|tegen|aan)\s+het\s+eind(?:e)?\s+van\s+het\s+"
        r"(?P<kind>voorjaars|mei|zomer|herfst|kerst)reces",
        resolve_end_of_recess,
    ),
    _convention(
        "prinsjesdag",
        rf"(?P<prep>(?:uiterlijk\s+)?(?:{BEFORE}|op|met|bij)|rond|tijdens)\s+Prinsjesdag"
        rf"(?:\s+(?P<year>{NUMERIC_YEAR}))?",
        resolve_prinsjesdag,
    ),
    _convention(
        "budget",
        rf"(?:bij|met)\s+de\s+(?:(?:ontwerp)?begroting|miljoenennota)"
        rf"(?:\s+(?:voor\s+|van\s+)?(?P<year>{NUMERIC_YEAR}))?",
        resolve_budget,
    ),
    _convention(
        "budget debates",
        rf"(?:(?:ruim(?:schoots)?|kort|tijdig)\s+)?(?:{BEFORE}|voorafgaand\s+aan|bij|tijdens)"
        r"\s+de\s+(?:(?:plenaire|schriftelijke)\s+)?(?:begrotingsbehandeling(?:en)?"
        r"|behandeling\s+van\s+de\s+(?:(?:ontwerp)?begroting(?:en)?|miljoenennota))"
        rf"(?:\s+(?:voor\s+|van\s+)?(?P<year>{NUMERIC_YEAR}))?",
        resolve_budget_debates,
    ),
    _convention(
        "end of year",
        rf"(?:(?:nog\s+)?(?:{BEFORE}|uiterlijk|per|rond)\s+)?(?:(?:aan|tegen)\s+)?(?:het\s+)?"
        rf"eind(?:e)?\s+(?:van\s+)?(?P<year>{YEAR_AFTER_END})(?:\s+nog)?",
        resolve_end_of_year,
    ),
    _convention("turn of year", rf"(?:{BEFORE}|rond)\s+de\s+jaarwisseling", resolve_turn_of_year),
    _convention(
        "relative year",
        r"(?:(?:nog\s+)?(?:in(?:\s+de\s+loop\s+van)?|uiterlijk(?:\s+in)?|later|gedurende)\s+"
        rf"|nog\s+)?(?P<year>{RELATIVE_YEAR})(?:\s+nog)?",
        resolve_end_of_year,
    ),
    _convention(
        "numeric year",
        rf"(?P<prep>(?:nog\s+|uiterlijk\s+)?in(?:\s+de\s+loop\s+van)?|gedurende|vóór)"
        rf"\s+(?P<year>{NUMERIC_YEAR})",
        resolve_numeric_year,
    ),
    _convention(
        "span",
        r"(?:uiterlijk\s+)?(?:binnen|over|(?:in\s+)?de\s+komende)"
        rf"\s+(?P<count>{NUMBER}|\d{{1,3}})\s+"
        rf"(?P<unit>{'|'.join(sorted(SPAN_UNIT_FORMS, key=len, reverse=True))})",
        resolve_span,
    ),
    _convention(
        "relative month or week",
        rf"(?:(?P<mod>{MONTH_MODIFIER})\s+)?"
        r"(?P<which>deze|dit|volgende|komende|de\s+komende|de\s+volgende)\s+(?P<unit>maand|week)",
        resolve_relative_month_or_week,
    ),
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
    tells the clerk which date to look up. Phrases in the past ("op 17 oktober jl.") are passed
    over, so that a sentence recalling an earlier letter still yields the deadline it sets.
    """
    calendar = calendar or ParliamentaryCalendar()
    undated: list[tuple[bool, Deadline]] = []
    for match, convention in iter_phrase_matches(text):
        resolution = _resolve_match(match, convention, reference_date, calendar)
        if resolution is None:
            continue
        due, precision = resolution
        if due is not None:
            return Deadline(due_date=due, precision=precision, vague=False, phrase=match[0])
        deadline = Deadline(due_date=None, precision="none", vague=True, phrase=match[0])
        undated.append((convention is VAGUE, deadline))
    # min() keeps the first of equally specific phrases.
    return min(undated, key=lambda item: item[0])[1] if undated else None


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
