"""Deadline conventions for seasons, recesses, the budget, spans and phrases without a date.

"voor de zomer", "na het kerstreces", "bij de begroting voor 2025", "binnen drie weken",
"volgende maand", "op korte termijn": each is a row with a regular expression and a resolver, as
deadlines.py describes. The recesses and Prinsjesdag come from the ParliamentaryCalendar. The
phrases that name a day, month, quarter or year are in deadline_dates.py.
"""

import calendar as gregorian
import datetime
import re
from collections.abc import Callable
from fractions import Fraction

from commitments.extraction.calendar import ParliamentaryCalendar
from commitments.extraction.deadline_words import (
    BEFORE,
    END_OF,
    MONTH_MODIFIER,
    NUMERIC_YEAR,
    YEAR,
    DeadlineConvention,
    Resolution,
    Resolver,
    convention,
    day_in_month,
    first_not_before,
    last_day_of_month,
    normalise,
    not_past,
    numeric_year,
    year_of,
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
    season = normalise(match["season"])
    season = SEASON_SYNONYMS.get(season, season)
    if match["year"]:
        due = _season_end(season, year_of(match["year"], reference))
        return not_past(due, reference), "season"
    if normalise(match["rel"] or "").startswith("volgend"):
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
    kind = RECESS_KINDS[normalise(match["kind"])]
    return _recess_resolver(kind, _day_before_start)(match, reference, calendar)


def _last_day(_: datetime.date, ends_on: datetime.date) -> datetime.date:
    return ends_on


def resolve_end_of_recess(
    match: re.Match[str], reference: datetime.date, calendar: ParliamentaryCalendar
) -> Resolution:
    kind = RECESS_KINDS[normalise(match["kind"])]
    return _recess_resolver(kind, _last_day)(match, reference, calendar)


def resolve_prinsjesdag(
    match: re.Match[str], reference: datetime.date, calendar: ParliamentaryCalendar
) -> Resolution:
    shift = datetime.timedelta(days=1 if re.search(BEFORE, match["prep"], re.I) else 0)
    if match["year"]:
        return not_past(calendar.prinsjesdag(numeric_year(match["year"])) - shift, reference), "day"
    return first_not_before(reference, lambda year: calendar.prinsjesdag(year) - shift), "day"


def resolve_budget(
    match: re.Match[str], reference: datetime.date, calendar: ParliamentaryCalendar
) -> Resolution:
    """The budget for a year is presented on Prinsjesdag of the year before."""
    if match["year"]:
        return not_past(calendar.prinsjesdag(numeric_year(match["year"]) - 1), reference), "day"
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
        return not_past(due_in(numeric_year(match["year"]) - 1), reference), "recess"
    return first_not_before(reference, due_in), "recess"


def resolve_span(
    match: re.Match[str], reference: datetime.date, _: ParliamentaryCalendar
) -> Resolution:
    """The letter's date plus the span; of a range ("over 2-3 jaar", "binnen twee à drie weken")
    the longer end, the last day of the period meant."""
    count_text = normalise(match["count"])
    count = Fraction(int(count_text)) if count_text.isdigit() else NUMBER_WORDS[count_text]
    measure, size = SPAN_UNITS[SPAN_UNIT_FORMS[normalise(match["unit"])]]
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
    step = 0 if normalise(match["which"]) in {"deze", "dit"} else 1
    if normalise(match["unit"]) == "week":
        sunday = reference + datetime.timedelta(days=6 - reference.weekday())
        return sunday + datetime.timedelta(weeks=step), "day"
    month_start = add_months(reference.replace(day=1), step)
    due = day_in_month(match["mod"] or "in", month_start.year, month_start.month)
    return not_past(due, reference), "month"


def resolve_vague(
    _match: re.Match[str], _reference: datetime.date, _calendar: ParliamentaryCalendar
) -> Resolution:
    return None, "none"


SEASON_MODIFIER = (
    rf"{END_OF}|eind(?:e)?(?:\s+van)?|begin(?:\s+van)?|in\s+de\s+loop\s+van"
    r"|uiterlijk(?:\s+in)?|(?:nog|later)\s+in|in|medio|gedurende|tijdens|rond"
)
SEASON_RELATION = r"het|de|dit|deze|komend|komende|aanstaand|aanstaande|volgend|volgende"

VAGUE = convention(
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

# Seasons, recesses, Prinsjesdag and the budget; after them in CONVENTIONS come the years of
# deadline_dates.py, then the spans and the phrases without a date.
SEASONS_AND_RECESSES: tuple[DeadlineConvention, ...] = (
    convention(
        "season",
        rf"(?:(?P<mod>{SEASON_MODIFIER})\s+)?(?:(?P<rel>{SEASON_RELATION})\s+)?"
        rf"(?P<season>voorjaar|lente|zomer|najaar|herfst|winter)"
        rf"(?:\s+(?:van\s+)?(?P<year>{YEAR}))?",
        resolve_season,
    ),
    convention(
        "before summer recess",
        rf"(?:(?:nog|ruim|uiterlijk|in\s+ieder\s+geval)\s+)?{BEFORE}\s+(?:(?:de\s+)?aanvang\s+van\s+)?"
        rf"(?:de\s+zomer(?:vakantie)?|(?:het\s+)?zomerreces)(?:\s+(?:van\s+)?(?P<year>{YEAR}))?",
        _recess_resolver("summer", _day_before_start),
    ),
    convention(
        "after summer recess",
        rf"(?:(?:direct|kort|meteen|snel|vlak)\s+)?na\s+"
        rf"(?:de\s+zomer(?:vakantie)?|(?:het\s+)?zomerreces)(?:\s+(?:van\s+)?(?P<year>{YEAR}))?",
        _recess_resolver("summer", _end_of_month_of_end),
    ),
    convention(
        "before christmas recess",
        rf"(?:(?:nog|uiterlijk)\s+)?{BEFORE}\s+(?:de\s+)?(?:kerst(?:mis)?|kerstvakantie|"
        rf"(?:het\s+)?kerstreces)(?:\s+(?:van\s+)?(?P<year>{YEAR}))?",
        _recess_resolver("christmas", _day_before_start),
    ),
    convention(
        "after christmas recess",
        r"(?:(?:direct|kort|meteen|vlak)\s+)?na\s+(?:de\s+)?"
        r"(?:kerst(?:mis)?|kerstvakantie|(?:het\s+)?kerstreces)",
        _recess_resolver("christmas", _end_of_month_of_end),
    ),
    convention(
        "before another recess",
        rf"{BEFORE}\s+(?:(?:de\s+)?aanvang\s+van\s+)?het\s+(?P<kind>voorjaars|mei|herfst)reces",
        resolve_other_recess,
    ),
    convention(
        "end of a recess",
        rf"(?:uiterlijk\s+)?(?:{BEFORE}|tegen|aan)\s+het\s+eind(?:e)?\s+van\s+het\s+"
        r"(?P<kind>voorjaars|mei|zomer|herfst|kerst)reces",
        resolve_end_of_recess,
    ),
    convention(
        "prinsjesdag",
        rf"(?P<prep>(?:uiterlijk\s+)?(?:{BEFORE}|op|met|bij)|rond|tijdens)\s+Prinsjesdag"
        rf"(?:\s+(?P<year>{NUMERIC_YEAR}))?",
        resolve_prinsjesdag,
    ),
    convention(
        "budget",
        # "als bijstuk van de Begroting 2014": a document that goes with the budget.
        rf"(?:(?:als\s+bijstuk|als\s+bijlage)\s+(?:van|bij)|tegelijk\s+met|bij|met)\s+de\s+"
        r"(?:(?:ontwerp)?begroting|miljoenennota)"
        rf"(?:\s+(?:voor\s+|van\s+)?(?P<year>{NUMERIC_YEAR}))?",
        resolve_budget,
    ),
    convention(
        "budget debates",
        rf"(?:(?:ruim(?:schoots)?|kort|tijdig)\s+)?(?:{BEFORE}|voorafgaand\s+aan|bij|tijdens)"
        r"\s+de\s+(?:(?:plenaire|schriftelijke)\s+)?(?:begrotingsbehandeling(?:en)?"
        r"|behandeling\s+van\s+de\s+(?:(?:ontwerp)?begroting(?:en)?|miljoenennota))"
        rf"(?:\s+(?:voor\s+|van\s+)?(?P<year>{NUMERIC_YEAR}))?",
        resolve_budget_debates,
    ),
)

# Spans counted from the letter's date:
SPANS: tuple[DeadlineConvention, ...] = (
    convention(
        "span",
        r"(?:uiterlijk\s+)?(?:binnen|over|(?:in\s+)?de\s+komende)"
        rf"\s+(?:(?:{NUMBER}|\d{{1,3}})\s*(?:-|\u2013|à|a|tot)\s*)?(?P<count>{NUMBER}|\d{{1,3}})\s+"
        rf"(?P<unit>{'|'.join(sorted(SPAN_UNIT_FORMS, key=len, reverse=True))})",
        resolve_span,
    ),
    convention(
        "relative month or week",
        rf"(?:(?P<mod>{MONTH_MODIFIER})\s+)?"
        r"(?P<which>deze|dit|volgende|komende|de\s+komende|de\s+volgende)\s+(?P<unit>maand|week)",
        resolve_relative_month_or_week,
    ),
)
