"""Deadline conventions for phrases that name a day, a month, a quarter, a half or a year.

"uiterlijk 15 juni", "voorafgaand aan het debat op 20 juni", "eind maart 2024", "in het eerste
kwartaal", "medio volgend jaar", "voor 2025": each is a row with a regular expression and a
resolver, as deadlines.py describes. The phrases for seasons, recesses, the budget and spans from
the letter's date are in deadline_periods.py.
"""

import datetime
import re

from commitments.extraction.calendar import ParliamentaryCalendar
from commitments.extraction.deadline_words import (
    BEFORE,
    CLOCK,
    CLOCK_MINUTES,
    END_OF,
    MONTH,
    MONTH_MODIFIER,
    NUMERIC_YEAR,
    RELATIVE_YEAR,
    YEAR,
    DeadlineConvention,
    Resolution,
    convention,
    day_in_month,
    first_not_before,
    in_past_tense,
    last_day_of_month,
    month_number,
    normalise,
    not_past,
    numeric_year,
    year_of,
)

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
# Documents a letter promises by their month: "de voortgangsbrief van juni".
DOCUMENT = r"brief|rapportage|rapport|verslag|nota|overzicht|notitie|update|monitor|analyse"
TODAY = r"vandaag|vanochtend|vanmorgen|vanmiddag|vanavond|morgen(?:ochtend|middag|avond)?"
AT_CLOCK = rf"(?:(?:om|rond|omstreeks|uiterlijk(?:\s+om)?|tot|{BEFORE})\s+)?(?:{CLOCK})"
# Meetings of the Chamber a deadline can be set before: "voor het commissiedebat op 20 juni".
EVENT = (
    r"[\w-]*(?:overleg|debat|behandeling|stemmingen|stemming|vergadering|bijeenkomst|raad"
    r"|hoorzitting|gesprek|top)|WGO|AO|SO"
)


def resolve_day(
    match: re.Match[str], reference: datetime.date, _: ParliamentaryCalendar
) -> Resolution:
    if match["when"] and re.search(PAST_MARKER, match["when"]):
        return None
    # "vóór 1 maart 12.00 uur" sets the hour on 1 March itself, so it is not the day before.
    before = re.fullmatch(BEFORE, normalise(match["prep"])) is not None and not match["clock"]
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
        due = datetime.date(numeric_year(match["year"]), month, day) - shift
        return not_past(due, reference), "day"
    if in_past_tense(match):
        # "Op 22 juni heb ik ... gestuurd": a day that has been, not next year's.
        return None
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
    if in_past_tense(match):
        return None
    return first_not_before(reference, lambda y: day_in_month(match["mod"], y, month)), "month"


QUARTER_ORDINALS = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "laatste": 4}


def _quarter_end(year: int, quarter: int) -> datetime.date:
    return last_day_of_month(year, quarter * 3)


def _quarter_number(match: re.Match[str]) -> int:
    text = normalise(match.groupdict().get("ordinal") or match["q"])
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
    month, day = (6, 30) if normalise(match["half"]) == "eerste" else (12, 31)
    if match["year"]:
        due = datetime.date(year_of(match["year"], reference), month, day)
        return not_past(due, reference), "half_year"
    return first_not_before(reference, lambda year: datetime.date(year, month, day)), "half_year"


# Part of a month: "de tweede helft van november 2024" is 16-30 November, due the 30th; "de eerste
# week van maart" is due the 7th. (first day, last day) of each part in a month of `length` days.
MONTH_PARTS = {
    "helft": lambda ordinal, length: (1, 15) if ordinal == 1 else (16, length),
    "week": lambda ordinal, length: (7 * ordinal - 6, min(7 * ordinal, length)),
    "weken": lambda ordinal, length: (1, 14) if ordinal == 1 else (length - 13, length),
}
PART_ORDINALS = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4}


def _part_of_month(match: re.Match[str], year: int) -> datetime.date:
    month = month_number(match["month"])
    length = last_day_of_month(year, month).day
    unit = normalise(match["unit"]).split()[-1]
    ordinal = PART_ORDINALS.get(normalise(match["part"]))
    if ordinal is None:  # "laatste": the part that ends the month
        first, last = (length - 6, length) if unit == "week" else MONTH_PARTS[unit](2, length)
    else:
        first, last = MONTH_PARTS[unit](ordinal, length)
    if match["prep"] and re.fullmatch(BEFORE, normalise(match["prep"])):
        return datetime.date(year, month, first) - datetime.timedelta(days=1)
    return datetime.date(year, month, last)


def resolve_part_of_month(
    match: re.Match[str], reference: datetime.date, _: ParliamentaryCalendar
) -> Resolution:
    if match["year"]:
        due = _part_of_month(match, year_of(match["year"], reference))
        return not_past(due, reference), "month"
    if in_past_tense(match):
        return None
    return first_not_before(reference, lambda year: _part_of_month(match, year)), "month"


def resolve_document_of_month(
    match: re.Match[str], reference: datetime.date, _: ParliamentaryCalendar
) -> Resolution:
    """The last day of the month of a document: "In de voortgangsbrief van juni zal ik ingaan
    op ..." is due by the end of June. "mijn brief van juni jl." or a clause in the past is an
    earlier letter, no deadline."""
    if match["when"] and re.search(PAST_MARKER, match["when"]):
        return None
    month = month_number(match["month"])
    if match["year"]:
        due = last_day_of_month(year_of(match["year"], reference), month)
        return not_past(due, reference), "month"
    if in_past_tense(match):
        return None
    return first_not_before(reference, lambda year: last_day_of_month(year, month)), "month"


def resolve_today(
    match: re.Match[str], reference: datetime.date, _: ParliamentaryCalendar
) -> Resolution:
    """The letter's day for "vandaag rond 17.00 uur", the day after for "morgen"; none for
    "Vandaag heb ik ... gestuurd", which tells what the letter's day saw."""
    if in_past_tense(match):
        return None
    return reference + datetime.timedelta(days=1 if "morgen" in normalise(match[0]) else 0), "day"


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
    year = numeric_year(match["year"])
    if re.fullmatch(BEFORE, normalise(match["prep"])):
        year -= 1
    return not_past(datetime.date(year, 12, 31), reference), "year"


# Two groups of rows, because CONVENTIONS (deadlines.py) puts the seasons, recesses and the budget
# between them. A day, a month, a quarter, or the begin, middle or a half of a year:
DAYS_TO_HALF_YEARS: tuple[DeadlineConvention, ...] = (
    convention(
        "day",
        rf"(?P<prep>op|per|uiterlijk(?:\s+op)?|niet\s+later\s+dan|{BEFORE}|tot\s+en\s+met|t/m)"
        rf"\s+(?:(?:{WEEKDAY})\s+)?(?P<day>[0-3]?\d)\s+(?P<month>{MONTH})"
        rf"(?:\s+(?P<year>{NUMERIC_YEAR}))?"
        rf"(?P<clock>,?\s+(?:(?:om|{BEFORE})\s+)?(?:{CLOCK}))?"
        rf"(?P<when>\s+(?:{PAST_MARKER}|{FUTURE_MARKER}))?",
        resolve_day,
    ),
    convention(
        "before a dated event",
        rf"(?:(?:ruim(?:schoots)?|kort|direct|tijdig)\s+)?(?:voorafgaand\s+aan|{BEFORE})"
        rf"\s+(?:het|de)\s+(?:[\w-]+\s+){{0,3}}?(?:{EVENT})(?:\s+[^\s.;:]+){{0,10}}?"
        rf"\s+(?:op|van)\s+(?:(?:{WEEKDAY})\s+)?(?P<day>[0-3]?\d)\s+(?P<month>{MONTH})"
        rf"(?:\s+(?P<year>{NUMERIC_YEAR}))?",
        resolve_before_event,
    ),
    convention(
        "month",
        rf"(?P<mod>{MONTH_MODIFIER})\s+(?P<month>{MONTH})(?:\s+(?:van\s+)?(?P<year>{YEAR}))?"
        rf"(?P<when>\s+(?:{PAST_MARKER}|{FUTURE_MARKER}))?",
        resolve_month,
    ),
    convention(
        "quarter",
        rf"(?:(?:in|uiterlijk(?:\s+in)?|eind|in\s+de\s+loop\s+van|{END_OF})\s+)?(?:het\s+)?"
        rf"(?P<ordinal>eerste|tweede|derde|vierde|laatste|[1-4]e|1ste|2de|3de|4de)\s+kwartaal"
        rf"(?:\s+(?:van\s+)?(?P<year>{YEAR}))?",
        resolve_quarter,
    ),
    convention(
        "quarter code",
        rf"(?:(?:in|uiterlijk(?:\s+in)?|eind)\s+)?Q(?P<q>[1-4])(?:\s*(?P<year>{NUMERIC_YEAR}))?",
        resolve_quarter,
    ),
    convention(
        "begin of year",
        rf"(?:(?:aan|in)\s+het\s+)?begin\s+(?:van\s+)?(?P<year>{YEAR})",
        resolve_begin_of_year,
    ),
    convention(
        "middle of year",
        rf"(?:(?:rond|uiterlijk|{BEFORE})\s+)?"
        rf"(?:medio|halverwege|half|midden|(?:in\s+)?het\s+midden\s+van)\s+(?P<year>{YEAR})",
        resolve_middle_of_year,
    ),
    convention(
        "part of a month",
        rf"(?:(?P<prep>in|uiterlijk(?:\s+in)?|rond|{BEFORE}|{END_OF})\s+)?(?:de|het)\s+"
        r"(?P<part>eerste|tweede|derde|vierde|laatste)\s+(?P<unit>helft|week|twee\s+weken)"
        rf"\s+van\s+(?P<month>{MONTH})(?:\s+(?:van\s+)?(?P<year>{YEAR}))?",
        resolve_part_of_month,
    ),
    convention(
        "document of a month",
        r"(?:(?:in|met|bij)\s+)?(?:de|het|mijn|onze)\s+(?:[\w-]+\s+)?"
        rf"[\w-]*(?:{DOCUMENT})\s+van\s+(?P<month>{MONTH})(?:\s+(?:van\s+)?(?P<year>{YEAR}))?"
        rf"(?P<when>\s+(?:{PAST_MARKER}|{FUTURE_MARKER}))?",
        resolve_document_of_month,
    ),
    # The letter's own day, or the next, with or without a clock time: "vandaag rond 17.00 uur",
    # "later vandaag", "morgen om 12.00 uur".
    convention(
        "today",
        rf"(?:(?:nog|later)\s+)?(?:{TODAY})(?:\s+nog)?(?:\s+{AT_CLOCK})?"
        rf"|{AT_CLOCK}\s+(?:{TODAY})",
        resolve_today,
        weak=True,
    ),
    # A clock time without a day is on the letter's day: "Ik verwacht uw Kamer rond 16:00 een
    # brief te doen komen". Weak, so "om 12.00 uur op 1 maart" keeps 1 March.
    convention(
        "clock time",
        rf"(?:om|rond|omstreeks)\s+(?:{CLOCK})"
        rf"|(?:uiterlijk(?:\s+om)?|{BEFORE})\s+(?:{CLOCK_MINUTES})",
        resolve_today,
        weak=True,
    ),
    convention(
        "half of year",
        rf"(?:(?:in|uiterlijk(?:\s+in)?|{END_OF})\s+)?(?:de|het)\s+(?P<half>eerste|tweede)\s+"
        rf"(?:helft|jaarhelft|halfjaar|half\s+jaar)(?:\s+(?:van\s+)?(?P<year>{YEAR}))?",
        resolve_half_of_year,
    ),
)

# A whole year:
YEARS: tuple[DeadlineConvention, ...] = (
    convention(
        "end of year",
        rf"(?:(?:nog\s+)?(?:{BEFORE}|uiterlijk|per|rond)\s+)?(?:(?:aan|tegen)\s+)?(?:het\s+)?"
        rf"eind(?:e)?\s+(?:van\s+)?(?P<year>{YEAR_AFTER_END})(?:\s+nog)?",
        resolve_end_of_year,
    ),
    convention("turn of year", rf"(?:{BEFORE}|rond)\s+de\s+jaarwisseling", resolve_turn_of_year),
    convention(
        "relative year",
        r"(?:(?:nog\s+)?(?:in(?:\s+de\s+loop\s+van)?|uiterlijk(?:\s+in)?|later|gedurende)\s+"
        rf"|nog\s+)?(?P<year>{RELATIVE_YEAR})(?:\s+nog)?",
        resolve_end_of_year,
    ),
    convention(
        "numeric year",
        rf"(?P<prep>(?:nog\s+|uiterlijk\s+)?in(?:\s+de\s+loop\s+van)?|gedurende|vóór)"
        rf"\s+(?P<year>{NUMERIC_YEAR})",
        resolve_numeric_year,
    ),
)
